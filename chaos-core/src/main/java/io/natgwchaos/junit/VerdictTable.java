package io.natgwchaos.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, when the test plan ends, the verdict of every experiment run: experiments down, versions across —
 * the matrix a run over the twin's version profiles produces. Also written to {@code chaos.verdictTable}
 * (default {@code target/chaos-verdicts.md}). Registered as a JUnit Platform listener by the experiment suite
 * ({@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}).
 */
public final class VerdictTable implements TestExecutionListener {
  public static final String FILE = "chaos.verdictTable";

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    List<ChaosOutcome> outcomes = ChaosOutcomes.all();
    if (outcomes.isEmpty()) {
      return;
    }
    String table = render(outcomes);
    System.out.println();
    System.out.println(table);
    Path file = Path.of(System.getProperty(FILE, "target/chaos-verdicts.md"));
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, table, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the verdict table to " + file, e);
    }
  }

  /** A Markdown table: one row per experiment, one column per target/version, a word per verdict. */
  static String render(List<ChaosOutcome> outcomes) {
    Map<String, Map<String, String>> cells = new TreeMap<>();
    TreeSet<String> columns = new TreeSet<>(VerdictTable::compareVersions);
    for (ChaosOutcome outcome : outcomes) {
      String experiment = experimentOf(outcome);
      String column = outcome.target() + " " + outcome.kubeOvnVersion();
      columns.add(column);
      String cell = word(outcome.verdict());
      cells.computeIfAbsent(experiment, e -> new TreeMap<>()).merge(column, cell, (a, b) -> a + " / " + b);
    }
    StringBuilder out = new StringBuilder("Chaos experiment verdicts\n\n| experiment |");
    columns.forEach(c -> out.append(' ').append(c).append(" |"));
    out.append("\n|---|");
    columns.forEach(c -> out.append("---|"));
    out.append('\n');
    cells.forEach((experiment, row) -> {
      out.append("| ").append(experiment).append(" |");
      columns.forEach(c -> out.append(' ').append(row.getOrDefault(c, "")).append(" |"));
      out.append('\n');
    });
    List<String> legend = new ArrayList<>();
    legend.add("passed: every invariant held");
    legend.add("known #N: known issue reproduced where declared (green)");
    legend.add("FAILED: violation no declared known issue explains");
    legend.add("NO TEETH: a declared known issue did not reproduce on the twin");
    legend.add("not reproduced: a declared known issue did not show on a real cluster (reported only)");
    legend.add("aborted: infrastructure error");
    out.append('\n').append(String.join("; ", legend)).append('\n');
    return out.toString();
  }

  private static String word(ExperimentVerdict verdict) {
    return switch (verdict.category()) {
      case PASSED -> "passed";
      case KNOWN_ISSUE_REPRODUCED -> "known " + String.join(" ", new TreeSet<>(verdict.reproduced().stream()
          .map(VerdictTable::shortIssue).toList()));
      case KNOWN_ISSUE_NOT_REPRODUCED -> "not reproduced";
      case CHECKER_LOST_TEETH -> "NO TEETH";
      case VIOLATED -> "FAILED";
      case ABORTED -> "aborted";
    };
  }

  private static String shortIssue(String issue) {
    int hash = issue.lastIndexOf('#');
    return hash >= 0 ? issue.substring(hash) : issue;
  }

  private static String experimentOf(ChaosOutcome outcome) {
    String name = outcome.resultIfAny().map(r -> r.experiment()).orElse(outcome.displayName());
    int bracket = name.indexOf(" [");
    return bracket > 0 ? name.substring(0, bracket) : name;
  }

  /** Release order: v1.13.4 before v1.13.15, master and fixed last. */
  static int compareVersions(String a, String b) {
    return sortKey(a).compareTo(sortKey(b));
  }

  private static String sortKey(String column) {
    String version = column.substring(column.indexOf(' ') + 1);
    if (version.equals("master")) {
      return column.substring(0, column.indexOf(' ') + 1) + "~1";
    }
    if (version.equals("fixed")) {
      return column.substring(0, column.indexOf(' ') + 1) + "~2";
    }
    StringBuilder key = new StringBuilder(column.substring(0, column.indexOf(' ') + 1));
    for (String part : version.replaceFirst("^v", "").split("\\.")) {
      key.append(String.format("%05d", part.chars().allMatch(Character::isDigit) && !part.isEmpty()
          ? Integer.parseInt(part) : 0)).append('.');
    }
    return key.toString();
  }
}

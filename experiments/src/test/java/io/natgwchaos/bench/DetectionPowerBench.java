package io.natgwchaos.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.natgwchaos.junit.ChaosOutcome;
import io.natgwchaos.junit.ChaosOutcomes;
import io.natgwchaos.junit.ExperimentVerdict;
import io.natgwchaos.junit.KnownIssue;
import io.natgwchaos.junit.KnownIssueDeclaration;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Detection power of the suite on the twin: runs each experiment with N seeds against every profile and prints,
 * per experiment and version, how often each declared known issue reproduced, and how many runs had a violation
 * no declared issue explains (on {@code fixed}: false positives).
 *
 * <pre>./mvnw -q -Pdetection-bench -pl experiments -am verify -Dbench.args="20"</pre>
 *
 * Arguments: seeds (default 20), then experiment class simple names (default: all). {@code -Dchaos.twin.versions}
 * narrows the profiles as for the suite. The table also goes to {@code experiments/target/detection-power.md}.
 */
public final class DetectionPowerBench {
  private static final List<String> ALL = List.of("FipChurnDuringRescheduleIT", "QuickFipAddDeleteIT",
      "RescheduleReprogramsEverythingIT", "ContainerRestartInPlaceIT", "SnatChurnIT",
      "ControllerRestartDuringChurnIT", "TwoGatewaysRescheduledIT");

  private DetectionPowerBench() {}

  /** Tally of one experiment on one version. */
  private static final class Cell {
    int runs;
    int unexplained;
    int aborted;
    final Map<ExperimentVerdict.Category, Integer> categories = new TreeMap<>();
    final Map<String, Integer> issues = new TreeMap<>();

    /** Runs the suite would fail: their verdict category fails. */
    int failed() {
      return categories.entrySet().stream().filter(e -> e.getKey().fails()).mapToInt(Map.Entry::getValue).sum();
    }
  }

  public static void main(String[] args) throws Exception {
    // exec:java fails the build on an uncaught exception in any thread of its group, and fabric8 threads of an
    // already closed twin now and then throw one while they wind down: the bench runs in a group of its own, where
    // such an exception is only printed, so the exit code says whether the bench itself failed
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Exception[] failure = new Exception[1];
    Thread bench = new Thread(new ThreadGroup(root, "detection-bench"), () -> {
      try {
        run(args);
      } catch (Exception e) {
        failure[0] = e;
      }
    }, "detection-bench");
    bench.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    bench.start();
    bench.join();
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  private static void run(String[] args) throws Exception {
    int seeds = args.length > 0 ? parseSeeds(args[0]) : 20;
    List<String> names = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : ALL;
    Path out = Path.of(System.getProperty("bench.out", "experiments/target/detection-power.md"));
    System.setProperty("allure.results.directory", out.resolveSibling("bench-allure-results").toString());
    System.setProperty("chaos.runsDir", out.resolveSibling("bench-runs").toString());
    List<Class<?>> classes = new ArrayList<>();
    for (String name : names) {
      try {
        classes.add(Class.forName("io.natgwchaos.experiments." + name));
      } catch (ClassNotFoundException e) {
        throw new IllegalArgumentException("unknown experiment '" + name + "': expected one of " + ALL, e);
      }
    }
    long base = Long.getLong("bench.seed", 20261126L);
    SplittableRandom random = new SplittableRandom(base);
    Launcher launcher = LauncherFactory.create();
    Map<String, Map<String, Cell>> cells = new LinkedHashMap<>();
    long started = System.nanoTime();
    for (int i = 0; i < seeds; i++) {
      long seed = random.nextLong();
      System.setProperty("chaos.seed", Long.toString(seed));
      for (Class<?> experiment : classes) {
        int before = ChaosOutcomes.all().size();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(experiment)).build());
        List<ChaosOutcome> outcomes = ChaosOutcomes.all();
        for (ChaosOutcome outcome : outcomes.subList(before, outcomes.size())) {
          Cell cell = cells.computeIfAbsent(experiment.getSimpleName(), k -> new LinkedHashMap<>())
              .computeIfAbsent(outcome.kubeOvnVersion(), k -> new Cell());
          tally(cell, outcome);
          System.err.printf(Locale.ROOT, "[%s] seed %d/%d %s %s: %s %s%n",
              Duration.ofNanos(System.nanoTime() - started).toSeconds() + "s", i + 1, seeds,
              experiment.getSimpleName(), outcome.kubeOvnVersion(), outcome.verdict().category().title(),
              outcome.resultIfAny().map(r -> r.report().knownIssues().toString()).orElse(""));
        }
      }
    }
    String table = table(classes, cells, seeds, Duration.ofNanos(System.nanoTime() - started));
    System.out.println(table);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, table);
  }

  private static int parseSeeds(String arg) {
    try {
      int seeds = Integer.parseInt(arg.trim());
      if (seeds > 0) {
        return seeds;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("seeds: expected a positive whole number, got '" + arg + "'");
  }

  private static void tally(Cell cell, ChaosOutcome outcome) {
    cell.runs++;
    cell.categories.merge(outcome.verdict().category(), 1, Integer::sum);
    if (outcome.verdict().category() == ExperimentVerdict.Category.ABORTED) {
      cell.aborted++;
      return;
    }
    outcome.resultIfAny().ifPresent(result -> {
      if (!result.report().unexplained().isEmpty()) {
        cell.unexplained++;
      }
      result.report().knownIssues().forEach(issue -> cell.issues.merge(issue, 1, Integer::sum));
    });
  }

  private static String table(List<Class<?>> classes, Map<String, Map<String, Cell>> cells, int seeds,
      Duration took) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("Detection power on the twin: ").append(seeds).append(" seeds per experiment and profile, ")
        .append(took.toMinutes()).append(" min\n\n");
    out.append("| experiment | version | runs | must reproduce (rate) | also seen | unexplained | FAILED | aborted |"
        + "\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (Class<?> experiment : classes) {
      Method method = Arrays.stream(experiment.getDeclaredMethods())
          .filter(m -> m.isAnnotationPresent(io.natgwchaos.junit.ChaosExperiment.class)).findFirst().orElseThrow();
      List<KnownIssue> declared = Arrays.asList(method.getAnnotationsByType(KnownIssue.class));
      for (Map.Entry<String, Cell> entry : cells.getOrDefault(experiment.getSimpleName(), Map.of()).entrySet()) {
        String version = entry.getKey();
        Cell cell = entry.getValue();
        int judged = cell.runs - cell.aborted;
        List<String> must = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (KnownIssue issue : declared) {
          KnownIssueDeclaration declaration = KnownIssueDeclaration.of(issue);
          if (issue.mustReproduce() && declaration.affects(version)) {
            int n = cell.issues.getOrDefault(issue.value(), 0);
            must.add(String.format(Locale.ROOT, "%s %d/%d (%.0f%%)", issue.value(), n, judged,
                judged == 0 ? 0.0 : 100.0 * n / judged));
          }
        }
        cell.issues.forEach((issue, n) -> {
          if (must.stream().noneMatch(m -> m.startsWith(issue + " "))) {
            seen.add(issue + " " + n + "/" + judged);
          }
        });
        out.append("| ").append(experiment.getSimpleName()).append(" | ").append(version).append(" | ")
            .append(cell.runs).append(" | ").append(must.isEmpty() ? "-" : String.join(", ", must)).append(" | ")
            .append(seen.isEmpty() ? "-" : String.join(", ", seen)).append(" | ").append(cell.unexplained)
            .append(" | ").append(cell.failed()).append(" | ").append(cell.aborted).append(" |\n");
      }
    }
    out.append("\nunexplained: runs with a violation no known-issue signature explains; FAILED: runs the suite would"
        + " fail (a violation no issue declared for that version explains, or a must-reproduce issue missing); on fixed"
        + " every run with a violation is FAILED, so that column counts the false positives\n");
    return out.toString();
  }
}

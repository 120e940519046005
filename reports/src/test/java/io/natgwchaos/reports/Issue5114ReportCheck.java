package io.natgwchaos.reports;

import io.natgwchaos.report.OutcomeCategory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the report of a real suite run must show for the motivating bug: the result of
 * {@code FipChurnDuringRescheduleIT} on the twin's {@code v1.13.4} profile, where kubeovn/kube-ovn#5114 reproduces.
 * It must carry the Timeline (SVG, with the violation drawn), the verdict and the history (JSON Lines) as
 * attachments whose files are in the report; the category its verdict names, consistent with its status and with
 * whether the experiment declares the issue; and the issue link.
 */
final class Issue5114ReportCheck {

  static final String EXPERIMENT_CLASS = "FipChurnDuringRescheduleIT";
  static final String TARGET = "twin";
  static final String VERSION = "v1.13.4";
  static final String ISSUE = "kubeovn/kube-ovn#5114";
  static final String ISSUE_URL = "https://github.com/kubeovn/kube-ovn/issues/5114";
  static final String CASE = EXPERIMENT_CLASS + " on " + TARGET + " " + VERSION;

  static final String TIMELINE = "Timeline";
  static final String VERDICT = "Verdict and witnesses";
  static final String HISTORY = "History (JSON Lines";

  /**
   * The verdict attachment's line listing the declared known issues that reproduced (ExperimentReport.verdictText
   * with AllureReportListener: comma-separated), absent when none did.
   */
  static final String DECLARED = "declared known issue: ";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Issue5114ReportCheck() {
  }

  /** Whether a result (in the report or in the raw results) is the #5114 experiment on the twin's v1.13.4. */
  static boolean isTheCase(String fullName, String name, Optional<String> target, Optional<String> version) {
    if (!fullName.contains("." + EXPERIMENT_CLASS + ".") && !fullName.startsWith(EXPERIMENT_CLASS + ".")) {
      return false;
    }
    // the listener's parameters, or else the invocation's display name "... [twin v1.13.4]"
    if (target.isPresent() && version.isPresent()) {
      return target.get().equals(TARGET) && version.get().equals(VERSION);
    }
    return name.contains("[" + TARGET + " " + VERSION + "]");
  }

  /** The report's test cases (retries left out) that are the #5114 experiment on the twin's v1.13.4. */
  static List<GeneratedReport.TestCase> find(GeneratedReport report) {
    return report.testCases().stream().filter(c -> !c.hidden()).filter(c -> isTheCase(c.fullName(), c.name(), c.parameter("target"),
        c.parameter("Kube-OVN version"))).toList();
  }

  /** Everything wrong with the case's result in the report; empty when it shows what it must. */
  static List<String> problems(GeneratedReport.TestCase testCase) {
    List<String> problems = new ArrayList<>();

    // the timeline: an SVG in the report, with the violation drawn
    Optional<GeneratedReport.Attachment> timeline = testCase.attachment(TIMELINE);
    Optional<String> svg = timeline.flatMap(testCase::content);
    if (timeline.isEmpty()) {
      problems.add("no \"" + TIMELINE + "\" attachment (has: " + names(testCase) + ")");
    } else if (!timeline.get().type().equals("image/svg+xml")) {
      problems.add("the timeline is " + timeline.get().type() + ", not image/svg+xml");
    } else if (svg.isEmpty()) {
      problems.add("the timeline's file data/attachments/" + timeline.get().source() + " is not in the report");
    } else if (!svg.get().contains("<svg") || !svg.get().contains("</svg>")) {
      problems.add("the timeline attachment is not a complete SVG document");
    } else if (!svg.get().contains("violated")) {
      problems.add("the timeline draws no violation, but " + ISSUE + " must reproduce on " + VERSION);
    }

    // the history: JSON Lines, one object per line
    Optional<GeneratedReport.Attachment> history = testCase.attachment(HISTORY);
    Optional<String> jsonl = history.flatMap(testCase::content);
    if (history.isEmpty()) {
      problems.add("no \"" + HISTORY + " ...)\" attachment (has: " + names(testCase) + ")");
    } else if (jsonl.isEmpty()) {
      problems.add("the history's file data/attachments/" + history.get().source() + " is not in the report");
    } else {
      historyProblem(jsonl.get()).ifPresent(problems::add);
    }

    // the verdict, and the category it names
    Optional<GeneratedReport.Attachment> verdictAttachment = testCase.attachment(VERDICT);
    Optional<String> verdict = verdictAttachment.flatMap(testCase::content);
    if (verdictAttachment.isEmpty()) {
      problems.add("no \"" + VERDICT + "\" attachment (has: " + names(testCase) + ")");
    } else if (verdict.isEmpty()) {
      problems.add("the verdict's file data/attachments/" + verdictAttachment.get().source()
          + " is not in the report");
    } else {
      problems.addAll(categoryProblems(testCase, verdict.get()));
    }

    // the link to the upstream issue
    if (!testCase.links().contains("issue " + ISSUE_URL)) {
      problems.add("no issue link to " + ISSUE_URL + " (links: " + testCase.links() + ")");
    }
    return problems;
  }

  /** The check summary line of the verdict (CheckReport.summary): "N violation(s), M unexplained; known issues [..]". */
  private static final Pattern SUMMARY =
      Pattern.compile("(?m)^(\\d+) violation\\(s\\), (\\d+) unexplained(?:; known issues \\[([^\\]]*)\\])?");

  /**
   * The category must be the one the verdict's first line names, and the one the verdict's facts call for
   * (DESIGN.md §8, VerdictPolicy): #5114 reproduces on v1.13.4, so the check summary has violations and names it;
   * "Known issue reproduced" when every violation matched a known issue (none unexplained) and every matched issue
   * is among the declared ones that reproduced, #5114 included; otherwise "Product defect" (#5114 not declared yet,
   * or violations no declaration explains). The report must have put the result into that category (and only it),
   * with a status the category matches and the same status message prefix.
   */
  static List<String> categoryProblems(GeneratedReport.TestCase testCase, String verdict) {
    List<String> problems = new ArrayList<>();
    String firstLine = verdict.lines().findFirst().orElse("");
    OutcomeCategory category = OutcomeCategory.ofMessage(firstLine);
    if (category == null) {
      problems.add("the verdict does not start with an outcome category: \"" + firstLine + "\"");
      return problems;
    }
    Matcher summary = SUMMARY.matcher(verdict);
    if (!summary.find()) {
      problems.add("the verdict has no violations (no \"N violation(s), M unexplained\" line), but " + ISSUE
          + " must reproduce on " + VERSION + "; the verdict says: \"" + abbreviated(firstLine) + "\"");
      return problems;
    }
    int unexplained = Integer.parseInt(summary.group(2));
    List<String> matched = summary.group(3) == null ? List.of() : List.of(summary.group(3).split(",\\s*"));
    if (!matched.contains(ISSUE)) {
      problems.add("the verdict's check summary does not name " + ISSUE + ", which must reproduce on " + VERSION
          + ": \"" + summary.group() + "\"");
    }
    List<String> declared = verdict.lines().filter(l -> l.startsWith(DECLARED))
        .flatMap(l -> Arrays.stream(l.substring(DECLARED.length()).split(",\\s*"))).map(String::trim).toList();
    boolean allExplained = unexplained == 0 && declared.contains(ISSUE) && declared.containsAll(matched);
    OutcomeCategory expected = allExplained ? OutcomeCategory.KNOWN_ISSUE_REPRODUCED : OutcomeCategory.PRODUCT_DEFECT;
    if (category != expected) {
      problems.add("the verdict says \"" + category.title() + "\" but the check found \"" + summary.group()
          + "\" and the declared known issues that reproduced are " + declared + ", so it must be \""
          + expected.title() + "\"");
    }
    if (!testCase.categories().equals(List.of(category.title()))) {
      problems.add("the report puts the result into categories " + testCase.categories() + ", its verdict says \""
          + category.title() + "\"");
    }
    boolean statusMatches = category.statuses().stream()
        .anyMatch(s -> s.name().toLowerCase(Locale.ROOT).equals(testCase.status()));
    if (!statusMatches) {
      problems.add("status " + testCase.status() + " does not fit category \"" + category.title() + "\" ("
          + category.statuses() + ")");
    }
    if (!testCase.statusMessage().startsWith(category.title() + ":")) {
      problems.add("the status message does not start with \"" + category.title() + ":\": \""
          + firstLineOf(testCase.statusMessage()) + "\"");
    }
    return problems;
  }

  private static Optional<String> historyProblem(String jsonl) {
    List<String> lines = jsonl.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      return Optional.of("the history attachment is empty");
    }
    for (int i = 0; i < lines.size(); i++) {
      try {
        if (!JSON.readTree(lines.get(i)).isObject()) {
          return Optional.of("history line " + (i + 1) + " is not a JSON object");
        }
      } catch (JacksonException e) {
        return Optional.of("history line " + (i + 1) + " is not JSON: " + e.getOriginalMessage());
      }
    }
    return Optional.empty();
  }

  /** Whether the report must show the case: {@code chaos.report.expect5114} and the results reported on. */
  record Expectation(boolean expected, String reason) {
  }

  /**
   * {@code true}: always; {@code false}: never; {@code auto} (default): when the raw Allure results the report is
   * made of hold a result of the case, i.e. the run included that experiment and version.
   */
  static Expectation expectation(String setting, List<Path> resultsDirectories) {
    String value = setting == null || setting.isBlank() ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
    switch (value) {
      case "true":
        return new Expectation(true, "chaos.report.expect5114=true");
      case "false":
        return new Expectation(false, "chaos.report.expect5114=false");
      case "auto":
        Optional<Path> result = rawResult(resultsDirectories);
        return result.map(r -> new Expectation(true, "chaos.report.expect5114=auto and the results hold " + CASE
                + " (" + r.getFileName() + ")"))
            .orElseGet(() -> new Expectation(false, "chaos.report.expect5114=auto and the results "
                + resultsDirectories + " hold no result of " + CASE + ": the run did not include that experiment"
                + " and version (-Dit.test, -Dchaos.twin.versions or another target left it out, or these are other"
                + " results); -Dchaos.report.expect5114=true requires it"));
      default:
        throw new IllegalArgumentException("chaos.report.expect5114 must be true, false or auto, not \"" + setting
            + "\"");
    }
  }

  /** A raw Allure result ({@code *-result.json}) of the case in one of the directories. */
  static Optional<Path> rawResult(List<Path> directories) {
    for (Path dir : directories) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).sorted().toList()) {
          JsonNode json = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
          if (isTheCase(GeneratedReport.text(json.path("fullName")), GeneratedReport.text(json.path("name")),
              rawParameter(json, "target"), rawParameter(json, "Kube-OVN version"))) {
            return Optional.of(file);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the results in " + dir, e);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> rawParameter(JsonNode result, String name) {
    for (JsonNode p : result.path("parameters")) {
      if (name.equals(GeneratedReport.text(p.path("name")))) {
        return Optional.of(GeneratedReport.text(p.path("value")));
      }
    }
    return Optional.empty();
  }

  private static String names(GeneratedReport.TestCase testCase) {
    return testCase.attachments().stream().map(GeneratedReport.Attachment::name).toList().toString();
  }

  private static String abbreviated(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  private static String firstLineOf(String text) {
    return text.lines().findFirst().orElse("");
  }
}

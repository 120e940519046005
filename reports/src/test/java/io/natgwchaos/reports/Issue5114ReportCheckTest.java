package io.natgwchaos.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link Issue5114ReportCheck} on small fabricated reports: it accepts what the suite writes and catches what is missing. */
class Issue5114ReportCheckTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String FULL_NAME =
      "io.natgwchaos.experiments.FipChurnDuringRescheduleIT.fipsChurnWhileTheGatewayMoves";
  private static final String NAME = "fipsChurnWhileTheGatewayMoves(Experiment) [twin v1.13.4]";
  private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Gateway pods</text>"
      + "<text>S1 violated 5.999s..8.469s</text></svg>";
  private static final String VERDICT_TEXT = "<the case's verdict>";
  private static final String HISTORY = "{\"type\":\"run-started\",\"t\":0}\n{\"type\":\"snapshot\",\"t\":1}\n";

  @TempDir
  Path dir;

  /** One test case of a fabricated report, shaped like allure 2.34's data/test-cases/*.json. */
  private static final class Case {
    String uid = "c0ffee";
    String name = NAME;
    String fullName = FULL_NAME;
    String status = "failed";
    String category = "Product defect";
    String version = "v1.13.4";
    String verdict = "Product defect: experiment FipChurnDuringRescheduleIT.fipsChurnWhileTheGatewayMoves on twin"
        + " v1.13.4: 2 violation(s) not explained by a known issue declared for v1.13.4.\n\n"
        + "FipChurnDuringRescheduleIT.fipsChurnWhileTheGatewayMoves on twin v1.13.4, seed 1\n"
        + "2 violation(s), 0 unexplained; known issues [kubeovn/kube-ovn#5114]\n";
    String link = "https://github.com/kubeovn/kube-ovn/issues/5114";
    /** attachment name to content ({@link #VERDICT_TEXT}: the verdict); null content: listed, file missing. */
    Map<String, String> attachments = new LinkedHashMap<>();

    Case() {
      attachments.put("Timeline", SVG);
      attachments.put("Verdict and witnesses", VERDICT_TEXT);
      attachments.put("History (JSON Lines, 2 entries)", HISTORY);
    }

    Case knownIssueDeclared() {
      status = "passed";
      category = "Known issue reproduced";
      verdict = "Known issue reproduced: S1 eip/chaos-eip-0 [kubeovn/kube-ovn#5114]\n\n"
          + "FipChurnDuringRescheduleIT.fipsChurnWhileTheGatewayMoves on twin v1.13.4, seed 1\n"
          + "declared known issue: kubeovn/kube-ovn#5114\n"
          + "2 violation(s), 0 unexplained; known issues [kubeovn/kube-ovn#5114]\n";
      return this;
    }
  }

  private GeneratedReport write(Case... cases) throws IOException {
    Files.writeString(dir.resolve("index.html"), "<html></html>");
    Path testCases = Files.createDirectories(dir.resolve("data/test-cases"));
    Path attachmentsDir = Files.createDirectories(dir.resolve("data/attachments"));
    int n = 0;
    for (Case c : cases) {
      ObjectNode json = JSON.createObjectNode();
      json.put("uid", c.uid).put("name", c.name).put("fullName", c.fullName).put("status", c.status);
      String statusMessage = c.verdict.lines().findFirst().orElse("");
      if (!statusMessage.isEmpty()) {
        json.put("statusMessage", statusMessage);
      }
      ArrayNode parameters = json.putArray("parameters");
      parameters.addObject().put("name", "Kube-OVN version").put("value", c.version);
      parameters.addObject().put("name", "target").put("value", "twin");
      ArrayNode links = json.putArray("links");
      if (c.link != null) {
        links.addObject().put("name", "kubeovn/kube-ovn#5114").put("type", "issue").put("url", c.link);
      }
      ArrayNode categories = json.putObject("extra").putArray("categories");
      if (c.category != null) {
        categories.addObject().put("name", c.category);
      }
      ArrayNode attachments = json.putObject("testStage").putArray("attachments");
      for (Map.Entry<String, String> a : c.attachments.entrySet()) {
        String name = a.getKey();
        String extension = name.equals("Timeline") ? ".svg" : name.startsWith("History") ? ".jsonl" : ".txt";
        String type = name.equals("Timeline") ? "image/svg+xml" : "text/plain";
        String source = c.uid + "-" + (n++) + extension;
        attachments.addObject().put("name", name).put("type", type).put("source", source);
        String content = VERDICT_TEXT.equals(a.getValue()) ? c.verdict : a.getValue();
        if (content != null) {
          Files.writeString(attachmentsDir.resolve(source), content, StandardCharsets.UTF_8);
        }
      }
      Files.writeString(testCases.resolve(c.uid + ".json"), JSON.writeValueAsString(json));
    }
    return new GeneratedReport(dir);
  }

  private static List<String> problemsOfTheOneCase(GeneratedReport report) {
    List<GeneratedReport.TestCase> found = Issue5114ReportCheck.find(report);
    assertThat(found).hasSize(1);
    return Issue5114ReportCheck.problems(found.get(0));
  }

  @Test
  void acceptsTheUndeclaredIssueAsAProductDefect() throws IOException {
    assertThat(problemsOfTheOneCase(write(new Case()))).isEmpty();
  }

  @Test
  void acceptsTheDeclaredIssueAsKnownIssueReproduced() throws IOException {
    assertThat(problemsOfTheOneCase(write(new Case().knownIssueDeclared()))).isEmpty();
  }

  @Test
  void failsWithoutTheTimelineAttachment() throws IOException {
    Case c = new Case();
    c.attachments.remove("Timeline");

    assertThat(problemsOfTheOneCase(write(c))).singleElement().asString().startsWith("no \"Timeline\" attachment");
  }

  @Test
  void failsWhenTheTimelineFileIsNotInTheReport() throws IOException {
    Case c = new Case();
    c.attachments.put("Timeline", null);

    assertThat(problemsOfTheOneCase(write(c))).singleElement().asString().contains("is not in the report");
  }

  @Test
  void failsWhenTheTimelineShowsNoViolation() throws IOException {
    Case c = new Case();
    c.attachments.put("Timeline", "<svg><text>Gateway pods</text></svg>");

    assertThat(problemsOfTheOneCase(write(c))).singleElement().asString().contains("draws no violation");
  }

  @Test
  void failsWithoutTheHistoryOrWithABrokenOne() throws IOException {
    Case without = new Case();
    without.attachments.remove("History (JSON Lines, 2 entries)");
    assertThat(problemsOfTheOneCase(write(without))).singleElement().asString().startsWith("no \"History");

    Case broken = new Case();
    broken.uid = "broken";
    broken.attachments.put("History (JSON Lines, 2 entries)", "{\"type\":\"run-started\"}\nnot json\n");
    assertThat(Issue5114ReportCheck.problems(write(broken).testCases().stream()
        .filter(t -> t.uid().equals("broken")).findFirst().orElseThrow()))
        .singleElement().asString().startsWith("history line 2 is not JSON");
  }

  @Test
  void failsWithoutTheVerdict() throws IOException {
    Case c = new Case();
    c.attachments.remove("Verdict and witnesses");

    assertThat(problemsOfTheOneCase(write(c))).singleElement().asString()
        .startsWith("no \"Verdict and witnesses\" attachment");
  }

  @Test
  void failsWhenTheCategoryDisagreesWithTheVerdict() throws IOException {
    Case c = new Case();
    c.category = "Known issue reproduced";

    assertThat(problemsOfTheOneCase(write(c))).singleElement().asString()
        .contains("categories [Known issue reproduced], its verdict says \"Product defect\"");
  }

  @Test
  void failsWhenTheStatusDoesNotFitTheCategory() throws IOException {
    Case c = new Case();
    c.status = "passed";

    assertThat(problemsOfTheOneCase(write(c))).singleElement().asString()
        .startsWith("status passed does not fit category \"Product defect\"");
  }

  @Test
  void failsWhenADeclaredIssueEndsAsAProductDefect() throws IOException {
    Case c = new Case();
    c.verdict = c.verdict.replace("seed 1\n", "seed 1\ndeclared known issue: kubeovn/kube-ovn#5114\n");

    assertThat(problemsOfTheOneCase(write(c))).singleElement().asString()
        .contains("the check found \"2 violation(s), 0 unexplained; known issues [kubeovn/kube-ovn#5114]\" and the"
            + " declared known issues that reproduced are [kubeovn/kube-ovn#5114], so it must be \"Known issue"
            + " reproduced\"");
  }

  @Test
  void acceptsSeveralDeclaredIssuesReproduced() throws IOException {
    Case c = new Case().knownIssueDeclared();
    c.verdict = c.verdict.replace("declared known issue: kubeovn/kube-ovn#5114",
            "declared known issue: candidate:stale-status-patch, kubeovn/kube-ovn#5114, kubeovn/kube-ovn#5115")
        .replace("known issues [kubeovn/kube-ovn#5114]", "known issues [kubeovn/kube-ovn#5114, kubeovn/kube-ovn#5115]");

    assertThat(problemsOfTheOneCase(write(c))).isEmpty();
  }

  @Test
  void failsWhenAKnownIssueReproducedHidesAnUndeclaredIssue() throws IOException {
    Case c = new Case().knownIssueDeclared();
    c.verdict = c.verdict.replace("known issues [kubeovn/kube-ovn#5114]",
        "known issues [kubeovn/kube-ovn#5114, kubeovn/kube-ovn#5799]");

    assertThat(problemsOfTheOneCase(write(c))).singleElement().asString()
        .contains("so it must be \"Product defect\"");
  }

  @Test
  void acceptsADeclaredIssueWithViolationsItDoesNotExplainAsAProductDefect() throws IOException {
    Case c = new Case();
    c.verdict = c.verdict.replace("seed 1\n", "seed 1\ndeclared known issue: kubeovn/kube-ovn#5114\n")
        .replace("2 violation(s), 0 unexplained", "3 violation(s), 1 unexplained");

    assertThat(problemsOfTheOneCase(write(c))).isEmpty();
  }

  @Test
  void failsWhenAKnownIssueReproducedHidesAViolationItDoesNotExplain() throws IOException {
    Case c = new Case().knownIssueDeclared();
    c.verdict = c.verdict.replace("2 violation(s), 0 unexplained", "3 violation(s), 1 unexplained");

    assertThat(problemsOfTheOneCase(write(c))).singleElement().asString()
        .contains("so it must be \"Product defect\"");
  }

  @Test
  void failsWhenTheIssueDidNotReproduce() throws IOException {
    Case c = new Case();
    c.status = "failed";
    c.category = "Checker lost its teeth";
    c.verdict = "Checker lost its teeth: kubeovn/kube-ovn#5114 did not reproduce on v1.13.4\n\n"
        + "declared known issue: kubeovn/kube-ovn#5114\nclean\n";

    assertThat(problemsOfTheOneCase(write(c))).singleElement().asString()
        .startsWith("the verdict has no violations");
  }

  @Test
  void failsWithoutTheIssueLink() throws IOException {
    Case c = new Case();
    c.link = null;

    assertThat(problemsOfTheOneCase(write(c))).singleElement().asString()
        .startsWith("no issue link to https://github.com/kubeovn/kube-ovn/issues/5114");
  }

  @Test
  void findsOnlyTheExperimentOnTheTwinsV1134() throws IOException {
    Case fixed = new Case();
    fixed.uid = "fixed";
    fixed.version = "fixed";
    fixed.name = NAME.replace("v1.13.4", "fixed");
    Case other = new Case();
    other.uid = "other";
    other.fullName = "io.natgwchaos.experiments.SnatChurnIT.snats";
    Case wanted = new Case();
    wanted.uid = "wanted";

    List<GeneratedReport.TestCase> found = Issue5114ReportCheck.find(write(fixed, other, wanted));

    assertThat(found).extracting(GeneratedReport.TestCase::uid).containsExactly("wanted");
  }

  @Test
  void autoExpectsTheCaseOnlyWhenTheRawResultsHoldIt() throws IOException {
    Path withIt = Files.createDirectories(dir.resolve("with"));
    Path without = Files.createDirectories(dir.resolve("without"));
    List<String> withParameters = new ArrayList<>();
    withParameters.add("{\"name\":\"target\",\"value\":\"twin\"}");
    withParameters.add("{\"name\":\"Kube-OVN version\",\"value\":\"v1.13.4\"}");
    Files.writeString(withIt.resolve("a-result.json"), "{\"name\":\"" + NAME + "\",\"fullName\":\"" + FULL_NAME
        + "\",\"parameters\":" + withParameters + "}");
    Files.writeString(without.resolve("b-result.json"), "{\"name\":\"bad/5114-reset-marks-eip-ready-mid-redo\","
        + "\"fullName\":\"history corpus.bad/5114-reset-marks-eip-ready-mid-redo\",\"parameters\":[]}");

    assertThat(Issue5114ReportCheck.expectation("auto", List.of(without, withIt)).expected()).isTrue();
    assertThat(Issue5114ReportCheck.expectation(null, List.of(without)))
        .satisfies(e -> assertThat(e.expected()).isFalse())
        .satisfies(e -> assertThat(e.reason()).contains("hold no result of FipChurnDuringRescheduleIT on twin v1.13.4"));
    assertThat(Issue5114ReportCheck.expectation("true", List.of(without)).expected()).isTrue();
    assertThat(Issue5114ReportCheck.expectation("false", List.of(withIt)).expected()).isFalse();
    assertThat(Issue5114ReportCheck.expectation("auto", List.of(dir.resolve("missing"))).expected()).isFalse();
    assertThatThrownBy(() -> Issue5114ReportCheck.expectation("yes", List.of(withIt)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

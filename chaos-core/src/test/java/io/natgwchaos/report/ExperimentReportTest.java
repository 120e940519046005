package io.natgwchaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.check.KnownIssues;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.TestResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** ExperimentReport through a real Allure lifecycle into a results directory, read back as Allure's JSON. */
class ExperimentReportTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @TempDir
  Path results;

  /** Runs one fake test case through the lifecycle the way allure-jupiter does, with the report written inside it. */
  private JsonNode writeResult(ExperimentOutcome outcome, Status status) throws IOException {
    AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(results));
    String uuid = UUID.randomUUID().toString();
    lifecycle.scheduleTestCase(new TestResult().setUuid(uuid).setName("fipDeleteDuringRedo()")
        .setFullName("io.natgwchaos.experiments.RedoIT.fipDeleteDuringRedo").setHistoryId("h-" + outcome.experiment()));
    lifecycle.startTestCase(uuid);

    new ExperimentReport(lifecycle).write(outcome);

    lifecycle.updateTestCase(uuid, r -> r.setStatus(status));
    lifecycle.stopTestCase(uuid);
    lifecycle.writeTestCase(uuid);
    return JSON.readTree(results.resolve(uuid + "-result.json").toFile());
  }

  private static ExperimentOutcome knownIssue5114() {
    Corpus.Run run = Corpus.run(Corpus.BUG_5114);
    return ExperimentOutcome.of(run.history(), run.report()).declaring(KnownIssues.REDO_RESET_READY)
        .categorised(OutcomeCategory.KNOWN_ISSUE_REPRODUCED,
            "kubeovn/kube-ovn#5114 on v1.13.4: " + ExperimentReport.reason(run.report()));
  }

  @Test
  void labelsSayAreaExperimentViolatedInvariantsAndSeverity() throws IOException {
    JsonNode result = writeResult(knownIssue5114(), Status.PASSED);

    assertThat(labels(result, "epic")).containsExactly("NAT gateway");
    assertThat(labels(result, "feature")).containsExactly("fip-delete-during-redo");
    assertThat(labels(result, "story")).containsExactly(
        "S1: an EIP with ready=true has status.ip on net1 of its gateway's current pod",
        "LIVENESS: after faults and churn stop, within the settle time every live resource is ready and S1-S4 hold");
    assertThat(labels(result, "severity")).containsExactly("normal");
    assertThat(labels(result, "tag")).containsExactly("twin", "v1.13.4");
  }

  @Test
  void theKnownIssueIsAnIssueLinkToGithub() throws IOException {
    JsonNode result = writeResult(knownIssue5114(), Status.PASSED);

    assertThat(result.get("links")).hasSize(1);
    JsonNode link = result.get("links").get(0);
    assertThat(link.get("name").asString()).isEqualTo("kubeovn/kube-ovn#5114");
    assertThat(link.get("type").asString()).isEqualTo("issue");
    assertThat(link.get("url").asString()).isEqualTo("https://github.com/kubeovn/kube-ovn/issues/5114");
  }

  @Test
  void parametersAreTargetVersionAndSeed() throws IOException {
    JsonNode result = writeResult(knownIssue5114(), Status.PASSED);

    List<String> parameters = new ArrayList<>();
    result.get("parameters").forEach(p -> parameters.add(p.get("name").asString() + "=" + p.get("value").asString()));
    assertThat(parameters).containsExactly("target=twin", "Kube-OVN version=v1.13.4", "seed=21");
  }

  @Test
  void stepsFollowTheRunWithItsOwnTimes() throws IOException {
    JsonNode result = writeResult(knownIssue5114(), Status.PASSED);

    List<String> names = new ArrayList<>();
    result.get("steps").forEach(s -> names.add(s.get("name").asString()));
    assertThat(names).containsExactly(
        "Provision: topology ready at 0.020 s",
        "Workload: 1 operation(s) (ok 1, fail 0, unknown 0, no completion 0)",
        "[+1.000s] Fault delete-gateway-pod (f1): cordon kube-ovn-worker, kubectl delete pod"
            + " kube-system/vpc-nat-gw-gw1-0 uid=pod-bb61488d-0001",
        "Settle: quiesced at 3.100 s, settled at 6.150 s",
        "Check S1-S4 and liveness: 2 violation(s), 0 unexplained, known issue(s) kubeovn/kube-ovn#5114");
    long zero = java.time.Instant.parse("2026-11-26T06:00:00Z").toEpochMilli();
    JsonNode fault = result.get("steps").get(2);
    assertThat(fault.get("start").asLong()).isEqualTo(zero + 1000);
    assertThat(fault.get("stop").asLong()).isEqualTo(zero + 1450);
    assertThat(fault.get("steps").get(0).get("name").asString()).startsWith("[+1.450s] healed: new pod uid=pod-a9b8ab32-000a");
    JsonNode workload = result.get("steps").get(1);
    assertThat(workload.get("steps").get(0).get("name").asString())
        .isEqualTo("[+1.610s] delete fip/fip-4 -> ok after 8 ms");
    JsonNode check = result.get("steps").get(4);
    JsonNode s1 = check.get("steps").get(0);
    assertThat(s1.get("name").asString()).startsWith("S1 VIOLATED (1): an EIP with ready=true");
    assertThat(s1.get("status").asString()).isEqualTo("failed");
    JsonNode violation = s1.get("steps").get(0);
    assertThat(violation.get("name").asString()).isEqualTo("eip/eip-4 2.007s..6.084s known issue kubeovn/kube-ovn#5114");
    assertThat(violation.get("statusDetails").get("message").asString())
        .startsWith("eip/eip-4 is ready but its address 172.19.0.14 is not on net1");
    assertThat(violation.get("steps").size()).isGreaterThan(2);
    assertThat(check.get("steps").get(1).get("name").asString()).startsWith("S2 holds");
  }

  @Test
  void attachmentsAreWrittenWithTheirTypes() throws IOException {
    JsonNode result = writeResult(knownIssue5114(), Status.PASSED);

    List<String> attachments = new ArrayList<>();
    result.get("attachments").forEach(a -> attachments.add(a.get("name").asString() + " | " + a.get("type").asString()));
    assertThat(attachments).containsExactly(
        "Timeline | image/svg+xml",
        "Verdict and witnesses | text/plain",
        "Claimed vs actual at the end (gw1) | text/plain",
        "Claimed vs actual when the first violation was seen (gw1) | text/plain",
        "Gateway gw1 before (#24 @0.951s): table | text/html",
        "Gateway gw1 before (#24 @0.951s): raw | text/plain",
        "Gateway gw1 at the end (#121 @6.084s): table | text/html",
        "Gateway gw1 at the end (#121 @6.084s): raw | text/plain",
        "History (JSON Lines, 123 entries) | application/x-ndjson");
    String timeline = attachment(result, "Timeline");
    assertThat(timeline).startsWith("<svg").contains("S1 violated 2.007–6.084 s");
    assertThat(attachment(result, "Verdict and witnesses"))
        .startsWith("Known issue reproduced: kubeovn/kube-ovn#5114 on v1.13.4: S1 eip/eip-4")
        .contains("#63 @2.007s snapshot of vpc-nat-gw-gw1-0");
    assertThat(attachment(result, "Claimed vs actual at the end (gw1)")).contains("!! MISSING", "eip/eip-4");
    assertThat(attachment(result, "History (JSON Lines, 123 entries)").lines()).hasSize(123);
  }

  @Test
  void aPassedKnownIssueCarriesTheCategoryMessageTheCategoryMatches() throws IOException {
    JsonNode result = writeResult(knownIssue5114(), Status.PASSED);

    assertThat(result.get("status").asString()).isEqualTo("passed");
    String message = result.get("statusDetails").get("message").asString();
    assertThat(message).startsWith("Known issue reproduced: kubeovn/kube-ovn#5114 on v1.13.4: S1 eip/eip-4");
    assertThat(result.get("statusDetails").get("known").asBoolean()).isTrue();
    assertThat(result.get("statusDetails").get("trace").asString()).contains("S1 VIOLATED (1)");
    assertThat(matchingCategories("passed", message)).containsExactly("Known issue reproduced");
  }

  @Test
  void anUnexplainedViolationIsCriticalAndAProductDefect() throws IOException {
    Corpus.Run run = Corpus.run(Corpus.BUG_5114);
    // the same run on a version where nobody declared the issue: the verdict policy calls it a product defect
    ExperimentOutcome outcome = ExperimentOutcome.of(run.history(), run.report()).categorised(
        OutcomeCategory.PRODUCT_DEFECT, ExperimentReport.reason(run.report()));

    JsonNode result = writeResult(outcome, Status.FAILED);

    assertThat(labels(result, "severity")).containsExactly("critical");
    assertThat(matchingCategories("failed", result.get("statusDetails").get("message").asString()))
        .containsExactly("Product defect");
  }

  @Test
  void theDescriptionSaysWhatWhichResourceWhenAndWhy() throws IOException {
    JsonNode result = writeResult(knownIssue5114(), Status.PASSED);

    assertThat(result.get("descriptionHtml").asString())
        .contains("<h3 style=\"color:#6a1b9a\">Known issue reproduced</h3>")
        .contains("<th style=\"text-align:left;vertical-align:top;padding:2px 12px 2px 0\">resource</th>"
            + "<td style=\"padding:2px 0\"><b>eip/eip-4</b></td>")
        .contains("2.007 s – 6.084 s after the run started (2026-11-26T06:00:02.007Z – 2026-11-26T06:00:06.084Z);"
            + " after fault delete-gateway-pod at 1.000 s")
        .contains("eip/eip-4 is ready but its address 172.19.0.14 is not on net1 of vpc-nat-gw-gw1-0")
        .contains("<a href=\"https://github.com/kubeovn/kube-ovn/issues/5114\" target=\"_blank\">kubeovn/kube-ovn#5114</a>")
        .doesNotContain("<script");
  }

  @Test
  void aCleanRunIsStoriedAllInvariantsAndKeepsItsStatusDetails() throws IOException {
    Corpus.Run run = Corpus.run("good/pod-moved-and-reprogrammed.jsonl");

    JsonNode result = writeResult(ExperimentOutcome.of(run.history(), run.report()), Status.PASSED);

    assertThat(labels(result, "story")).containsExactly("all invariants");
    assertThat(result.get("statusDetails")).isNull();
    assertThat(result.get("links")).isEmpty();
  }

  @Test
  void withoutARunningTestCaseItSaysAllureJupiterIsMissing() {
    AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(results));
    Corpus.Run run = Corpus.run(Corpus.BUG_5114);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ExperimentReport(lifecycle)
            .write(ExperimentOutcome.of(run.history(), run.report())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("allure-jupiter");
  }

  @Test
  void issueUrlsOnlyForOwnerRepoNumber() {
    assertThat(ExperimentReport.issueUrl("kubeovn/kube-ovn#5799")).isEqualTo("https://github.com/kubeovn/kube-ovn/issues/5799");
    assertThat(ExperimentReport.issueUrl(KnownIssues.GLOBAL_REDO_STAMP)).isNull();
  }

  // ------------------------------------------------------------------ helpers

  private static List<String> labels(JsonNode result, String name) {
    List<String> values = new ArrayList<>();
    result.get("labels").forEach(l -> {
      if (l.get("name").asString().equals(name)) {
        values.add(l.get("value").asString());
      }
    });
    return values;
  }

  private String attachment(JsonNode result, String name) throws IOException {
    for (JsonNode a : result.get("attachments")) {
      if (a.get("name").asString().equals(name)) {
        return Files.readString(results.resolve(a.get("source").asString()), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no attachment " + name);
  }

  /** The categories of categories.json a result would fall into, matched the way Allure's generator does. */
  static List<String> matchingCategories(String status, String message) {
    JsonNode categories = JSON.readTree(AllureEnvironment.categoriesJson());
    List<String> names = new ArrayList<>();
    for (JsonNode category : categories) {
      boolean statusMatches = Stream.of(JSON.convertValue(category.get("matchedStatuses"), String[].class))
          .anyMatch(status::equals);
      boolean messageMatches = Pattern.compile(category.get("messageRegex").asString(), Pattern.DOTALL)
          .matcher(message).matches();
      if (statusMatches && messageMatches) {
        names.add(category.get("name").asString());
      }
    }
    return names;
  }
}

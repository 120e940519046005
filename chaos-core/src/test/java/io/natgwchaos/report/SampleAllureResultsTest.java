package io.natgwchaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.check.CheckReport;
import io.natgwchaos.check.Verdict;
import io.natgwchaos.history.RunStarted;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Writes a sample Allure results directory from the history corpus, the way the JUnit hook will for real
 * experiments, so the report chain (reports module, browser check) can be proven before the suite exists:
 * every good history as a plain pass, every bad one as its known issue reproduced, plus one each of product
 * defect, checker lost its teeth and infrastructure broken.
 *
 * <p>Writes into {@code -Dchaos.sample.results} (default {@code target/sample-allure-results}); then
 * {@code ./mvnw -pl reports -am verify -DskipTests -Dchaos.report.results=$PWD/chaos-core/target/sample-allure-results}
 * builds the report.
 */
class SampleAllureResultsTest {
  static final String SUITE = "Corpus sample (no experiments run)";

  @Test
  void writesASampleResultsDirectory() throws IOException {
    Path dir = Path.of(System.getProperty("chaos.sample.results", "target/sample-allure-results"));
    if (Files.isDirectory(dir)) {
      try (Stream<Path> old = Files.list(dir)) {
        for (Path file : old.toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
    AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(dir));
    ExperimentReport report = new ExperimentReport(lifecycle);
    int written = 0;

    for (String file : Corpus.files()) {
      Corpus.Run run = Corpus.run(file);
      String issue = run.parameters().get("expect.knownIssue");
      ExperimentOutcome outcome = ExperimentOutcome.of(run.history(), run.report());
      if (issue != null) {
        outcome = outcome.declaring(issue).categorised(OutcomeCategory.KNOWN_ISSUE_REPRODUCED,
            issue + " on " + run.history().runStarted().map(RunStarted::kubeOvnVersion).orElse("?") + ": "
                + ExperimentReport.reason(run.report()));
      }
      String name = file.replace(".jsonl", "");
      ExperimentOutcome finalOutcome = outcome;
      test(lifecycle, name, Status.PASSED, null, uuid -> report.write(uuid, finalOutcome));
      written++;
    }

    // the #5114 history on a version no signature covers: the same violation, unexplained
    Corpus.Run bug = Corpus.run(Corpus.BUG_5114);
    CheckReport unexplained = new CheckReport(bug.report().verdicts().stream()
        .map(v -> new Verdict(v.invariant(), v.violations().stream().map(x -> x.withKnownIssue(null)).toList()))
        .toList(), bug.report().notes(), bug.report().inconclusive());
    ExperimentOutcome defect = ExperimentOutcome.of(bug.history(), unexplained)
        .categorised(OutcomeCategory.PRODUCT_DEFECT, ExperimentReport.reason(unexplained));
    test(lifecycle, "product defect: the #5114 history with no signature matching", Status.FAILED,
        defect.statusMessage() + "\n" + unexplained.summary(), uuid -> report.write(uuid, defect));
    written++;

    // a clean run of an experiment that declares #5114 on the twin: the bug must have reproduced
    Corpus.Run clean = Corpus.run("good/steady-state.jsonl");
    ExperimentOutcome teeth = ExperimentOutcome.of(clean.history(), clean.report()).declaring("kubeovn/kube-ovn#5114")
        .categorised(OutcomeCategory.CHECKER_LOST_ITS_TEETH,
            "kubeovn/kube-ovn#5114 is declared for v1.13.4 and did not reproduce on the twin");
    test(lifecycle, "checker lost its teeth: #5114 declared, clean history", Status.FAILED, teeth.statusMessage(),
        uuid -> report.write(uuid, teeth));
    written++;

    test(lifecycle, "infrastructure broken: no Docker daemon", Status.BROKEN,
        OutcomeCategory.INFRASTRUCTURE_BROKEN.message("kind target: Cannot connect to the Docker daemon at"
            + " unix:///var/run/docker.sock (is docker running?)"), uuid -> { });
    written++;

    AllureEnvironment.of(bug.history().runStarted().orElseThrow()).with("results", "sample from the history corpus")
        .writeTo(dir, System.getenv());

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(f -> f.toString().endsWith("-result.json")).count()).isEqualTo(written);
    }
    assertThat(Files.readString(dir.resolve("categories.json"), StandardCharsets.UTF_8)).contains("Known issue reproduced");
  }

  /** One test case through the lifecycle, as allure-jupiter would run it. */
  private static void test(AllureLifecycle lifecycle, String name, Status status, String failure,
      Consumer<String> body) {
    String uuid = UUID.randomUUID().toString();
    String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    lifecycle.scheduleTestCase(new TestResult().setUuid(uuid).setName(name).setFullName("sample." + name)
        .setHistoryId(id).setTestCaseId(id).setLabels(new java.util.ArrayList<>(List.of(
            ResultsUtils.createSuiteLabel(SUITE), new Label().setName("framework").setValue("sample")))));
    lifecycle.startTestCase(uuid);
    body.accept(uuid);
    lifecycle.updateTestCase(uuid, r -> {
      r.setStatus(status).setStage(Stage.FINISHED);
      if (failure != null) {
        StatusDetails details = r.getStatusDetails() == null ? new StatusDetails() : r.getStatusDetails();
        r.setStatusDetails(details.setMessage(failure).setTrace(failure));
      }
    });
    lifecycle.stopTestCase(uuid);
    lifecycle.writeTestCase(uuid);
  }
}

package io.natgwchaos.report;

import io.natgwchaos.experiment.ExperimentResult;
import io.natgwchaos.history.RunStarted;
import io.natgwchaos.junit.ChaosOutcome;
import io.natgwchaos.junit.ChaosReportListener;
import io.natgwchaos.junit.ExperimentVerdict;
import io.qameta.allure.Allure;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes each judged experiment into the Allure test case running it: steps, labels, links, parameters,
 * attachments (timeline, verdict, snapshots, diff, history) and the outcome category; and, into the results
 * directory, environment.properties, executor.json and categories.json. Register it with
 * {@code META-INF/services/io.natgwchaos.junit.ChaosReportListener} in a test suite that has allure-jupiter on its
 * classpath; without a running Allure test case it does nothing.
 */
public final class AllureReportListener implements ChaosReportListener {
  private static final String RESULTS_DIRECTORY = "allure.results.directory";
  private static final Set<String> TARGETS = ConcurrentHashMap.newKeySet();
  private static final Set<String> VERSIONS = ConcurrentHashMap.newKeySet();

  @Override
  public void experimentJudged(ChaosOutcome outcome) {
    ExperimentResult result = outcome.result();
    if (result == null || Allure.getLifecycle().getCurrentTestCase().isEmpty()) {
      return;
    }
    ExperimentVerdict verdict = outcome.verdict();
    String declared = verdict.reproduced().isEmpty()
        ? (verdict.notReproduced().isEmpty() ? null : verdict.notReproduced().iterator().next())
        : String.join(", ", new TreeSet<>(verdict.reproduced()));
    ExperimentOutcome written = ExperimentOutcome.of(result.history(), result.report()).declaring(declared);
    OutcomeCategory category = categoryOf(verdict.category());
    if (category != null) {
      written = written.categorised(category, verdict.message());
    }
    ExperimentReport.current().write(written);
    writeEnvironment(result);
  }

  /** The report category of a verdict; null for a plain pass (and a known issue that did not show on kind). */
  static OutcomeCategory categoryOf(ExperimentVerdict.Category category) {
    return switch (category) {
      case KNOWN_ISSUE_REPRODUCED -> OutcomeCategory.KNOWN_ISSUE_REPRODUCED;
      case VIOLATED -> OutcomeCategory.PRODUCT_DEFECT;
      case CHECKER_LOST_TEETH -> OutcomeCategory.CHECKER_LOST_ITS_TEETH;
      case ABORTED -> OutcomeCategory.INFRASTRUCTURE_BROKEN;
      case PASSED, KNOWN_ISSUE_NOT_REPRODUCED -> null;
    };
  }

  private static void writeEnvironment(ExperimentResult result) {
    String directory = System.getProperty(RESULTS_DIRECTORY);
    if (directory == null) {
      return;
    }
    RunStarted run = result.history().runStarted().orElse(null);
    if (run == null) {
      return;
    }
    TARGETS.add(run.target());
    VERSIONS.add(run.kubeOvnVersion());
    String seed = System.getProperty("chaos.seed");
    AllureEnvironment environment = AllureEnvironment.of(String.join(", ", new TreeSet<>(TARGETS)),
        String.join(", ", new TreeSet<>(VERSIONS)), result.target().environment().get("kindVersion"),
        result.target().environment().get("kubernetesVersion"), seed == null ? null : Long.valueOf(seed),
        Double.toString(result.target().timeScale()));
    environment.writeTo(Path.of(directory), Map.copyOf(System.getenv()));
  }
}

package io.natgwchaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AllureEnvironmentTest {

  @TempDir
  Path results;

  @Test
  void propertiesNameTargetVersionsSeedAndTimeScaleAndReadBackAsWritten() throws IOException {
    AllureEnvironment environment = AllureEnvironment.of("kind", "v1.13.4", "v0.27.0", "v1.31.6", 21L, "0.1");

    Properties read = new Properties();
    read.load(new StringReader(environment.properties()));

    assertThat(read).containsOnly(Map.entry("target", "kind"), Map.entry("Kube-OVN version", "v1.13.4"),
        Map.entry("kind version", "v0.27.0"), Map.entry("Kubernetes version", "v1.31.6"), Map.entry("seed", "21"));
    assertThat(environment.properties()).startsWith("target=kind\nKube-OVN\\ version=v1.13.4\n");
  }

  @Test
  void theTimeScaleOnlyAppliesToTheTwinAndAbsentValuesAreLeftOut() {
    AllureEnvironment twin = AllureEnvironment.of(Corpus.run(Corpus.BUG_5114).history().runStarted().orElseThrow());

    assertThat(twin.entries()).containsExactly(Map.entry("target", "twin"), Map.entry("Kube-OVN version", "v1.13.4"),
        Map.entry("seed", "21"), Map.entry("twin time scale", "0.1"));
  }

  @Test
  void writesTheThreeFilesIntoTheResultsDirectory() throws IOException {
    AllureEnvironment.of("twin", "v1.13.4", null, null, 7L, "0.1").writeTo(results.resolve("allure-results"), Map.of());

    assertThat(results.resolve("allure-results")).isDirectoryContaining("glob:**/environment.properties")
        .isDirectoryContaining("glob:**/executor.json").isDirectoryContaining("glob:**/categories.json");
    JsonNode executor = JsonMapper.builder().build().readTree(results.resolve("allure-results/executor.json").toFile());
    assertThat(executor.get("name").asString()).isEqualTo("local");
    assertThat(executor.get("reportName").asString()).isEqualTo("natgw-chaos");
  }

  @Test
  void inGithubActionsTheExecutorLinksBackToTheWorkflowRun() {
    String json = AllureEnvironment.executorJson(Map.of("GITHUB_SERVER_URL", "https://github.com",
        "GITHUB_REPOSITORY", "example/natgw-chaos", "GITHUB_RUN_ID", "123", "GITHUB_RUN_NUMBER", "45",
        "GITHUB_WORKFLOW", "nightly-kind"));

    JsonNode executor = JsonMapper.builder().build().readTree(json);
    assertThat(executor.get("type").asString()).isEqualTo("github");
    assertThat(executor.get("buildName").asString()).isEqualTo("nightly-kind #45");
    assertThat(executor.get("buildOrder").asLong()).isEqualTo(45);
    assertThat(executor.get("buildUrl").asString()).isEqualTo("https://github.com/example/natgw-chaos/actions/runs/123");
  }

  @Test
  void eachOutcomeMessageFallsIntoExactlyItsOwnCategory() {
    String reason = "S1 eip/eip-4 2.007s..6.084s: eip/eip-4 is ready but its address is not on net1\nmore lines";

    assertThat(ExperimentReportTest.matchingCategories("passed",
        OutcomeCategory.KNOWN_ISSUE_REPRODUCED.message(reason))).containsExactly("Known issue reproduced");
    assertThat(ExperimentReportTest.matchingCategories("failed", OutcomeCategory.PRODUCT_DEFECT.message(reason)))
        .containsExactly("Product defect");
    assertThat(ExperimentReportTest.matchingCategories("failed",
        OutcomeCategory.CHECKER_LOST_ITS_TEETH.message("kubeovn/kube-ovn#5114 did not reproduce on the twin")))
        .containsExactly("Checker lost its teeth");
    for (String status : new String[] {"broken", "skipped"}) {
      assertThat(ExperimentReportTest.matchingCategories(status,
          OutcomeCategory.INFRASTRUCTURE_BROKEN.message("docker is not running"))).containsExactly("Infrastructure broken");
    }
    // an ordinary assertion failure stays in Allure's default "Product defects"
    assertThat(ExperimentReportTest.matchingCategories("failed", "expected: <1> but was: <2>")).isEmpty();
    assertThat(OutcomeCategory.ofMessage(OutcomeCategory.PRODUCT_DEFECT.message("x")))
        .isEqualTo(OutcomeCategory.PRODUCT_DEFECT);
  }
}

package io.natgwchaos.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The category decision rests on how allure-jupiter ends a test: it keeps the status details of a passed test
 * (so ExperimentReport's message stays) and puts the exception's message on a failed one (so the hook's exception
 * must carry the category message). Runs {@link FakeExperiments} through the real listener to hold it to that.
 */
class AllureJupiterTest {

  @TempDir
  Path results;

  @Test
  void passedKeepsTheCategoryMessageAndFailedCarriesTheExceptionsOne() throws IOException {
    AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(results));
    AllureLifecycle global = Allure.getLifecycle();
    Allure.setLifecycle(lifecycle);
    try {
      Launcher launcher = LauncherFactory.create();
      launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(FakeExperiments.class)).build(),
          new AllureJunitPlatform(lifecycle));
    } finally {
      Allure.setLifecycle(global);
    }

    Map<String, JsonNode> byName = new HashMap<>();
    try (Stream<Path> files = Files.list(results)) {
      for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
        JsonNode result = JsonMapper.builder().build().readTree(file.toFile());
        byName.put(result.get("name").asString(), result);
      }
    }
    JsonNode known = byName.get("knownIssueReproduced()");
    assertThat(known.get("status").asString()).isEqualTo("passed");
    assertThat(known.get("statusDetails").get("message").asString())
        .startsWith("Known issue reproduced: S1 eip/eip-4 2.007s..6.084s [kubeovn/kube-ovn#5114]");
    assertThat(ExperimentReportTest.matchingCategories("passed", known.get("statusDetails").get("message").asString()))
        .containsExactly("Known issue reproduced");
    assertThat(known.get("attachments")).hasSizeGreaterThan(5);

    JsonNode defect = byName.get("productDefect()");
    assertThat(defect.get("status").asString()).isEqualTo("failed");
    String message = defect.get("statusDetails").get("message").asString();
    assertThat(message).startsWith("Product defect: S1 eip/eip-4").contains("S1 VIOLATED (1)");
    assertThat(defect.get("statusDetails").get("trace").asString()).contains("java.lang.AssertionError");
    assertThat(ExperimentReportTest.matchingCategories("failed", message)).containsExactly("Product defect");
  }
}

package io.natgwchaos.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.report.AllureEnvironment;
import io.natgwchaos.report.ExperimentReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The report configuration agrees with the code that writes results. */
class ReportsConfigurationTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = ReportsConfigurationTest.class.getResourceAsStream("/" + name)) {
      assertThat(in).as(name + " on the classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void categoriesJsonIsWhatAllureEnvironmentWrites() throws IOException {
    // allure-maven copies this file into the results it reports on; the JUnit hook writes the same one
    assertThat(resource("categories.json")).isEqualTo(AllureEnvironment.categoriesJson());
  }

  @Test
  void theIssueLinkPatternGivesTheSameUrlAsExperimentReport() throws IOException {
    Properties properties = new Properties();
    properties.load(new java.io.StringReader(resource("allure.properties")));

    String pattern = properties.getProperty("allure.link.issue.pattern");

    assertThat(pattern.replace("{}", "5114")).isEqualTo(ExperimentReport.issueUrl("kubeovn/kube-ovn#5114"));
    assertThat(properties.getProperty("allure.results.directory")).isEqualTo("target/allure-results");
  }
}

package io.natgwchaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureResultsStagingTest {

  @TempDir
  Path dir;

  @Test
  void stagesEveryResultsDirectoryWithThePreviousHistoryAndMergedEnvironment() throws IOException {
    Path experiments = Files.createDirectories(dir.resolve("experiments/target/allure-results"));
    Path other = Files.createDirectories(dir.resolve("other/allure-results"));
    Files.writeString(experiments.resolve("a-result.json"), "{}");
    Files.writeString(experiments.resolve("a-attachment.svg"), "<svg/>");
    Files.writeString(experiments.resolve("environment.properties"), "target=twin\nseed=1\n");
    Files.writeString(other.resolve("b-result.json"), "{}");
    Files.writeString(other.resolve("environment.properties"), "target=kind\nkind\\ version=v0.27.0\n");
    Path history = Files.createDirectories(dir.resolve("history"));
    Files.writeString(history.resolve("history.json"), "{}");
    Path staging = dir.resolve("staging");
    Files.createDirectories(staging.resolve("history"));
    Files.writeString(staging.resolve("stale-result.json"), "{}");

    AllureResultsStaging.Staged staged = AllureResultsStaging.stage(staging, history,
        List.of(experiments, other, dir.resolve("missing")));

    assertThat(staged.results()).isEqualTo(2);
    assertThat(staged.historyFiles()).isEqualTo(1);
    assertThat(staged.missing()).containsExactly(dir.resolve("missing"));
    assertThat(staging.resolve("stale-result.json")).doesNotExist();
    assertThat(staging.resolve("a-attachment.svg")).hasContent("<svg/>");
    assertThat(staging.resolve("history/history.json")).exists();
    assertThat(staging.resolve("categories.json")).hasContent(AllureEnvironment.categoriesJson().strip());
    Properties environment = new Properties();
    try (Reader in = Files.newBufferedReader(staging.resolve("environment.properties"))) {
      environment.load(in);
    }
    assertThat(environment).containsEntry("target", "twin").containsEntry("seed", "1")
        .containsEntry("kind version", "v0.27.0");
  }

  @Test
  void keepsTheNewReportsHistoryForTheNextRun() throws IOException {
    Path report = Files.createDirectories(dir.resolve("report/history"));
    Files.writeString(report.resolve("history-trend.json"), "[]");
    Path history = Files.createDirectories(dir.resolve("kept"));
    Files.writeString(history.resolve("old.json"), "{}");

    int kept = AllureResultsStaging.keepHistory(dir.resolve("report"), history);

    assertThat(kept).isEqualTo(1);
    assertThat(history.resolve("history-trend.json")).exists();
    assertThat(history.resolve("old.json")).doesNotExist();
  }
}

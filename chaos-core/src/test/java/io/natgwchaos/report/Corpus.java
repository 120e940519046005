package io.natgwchaos.report;

import io.natgwchaos.check.CheckReport;
import io.natgwchaos.check.CheckSettings;
import io.natgwchaos.check.Checker;
import io.natgwchaos.history.History;
import io.natgwchaos.history.HistoryJson;
import io.natgwchaos.history.RunStarted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The committed good/bad history corpus, read and checked the way its RunStarted parameters say. */
final class Corpus {
  static final String BUG_5114 = "bad/5114-reset-marks-eip-ready-mid-redo.jsonl";

  private Corpus() {}

  record Run(String file, History history, CheckReport report) {
    Map<String, String> parameters() {
      return history.runStarted().map(RunStarted::parameters).orElseThrow();
    }
  }

  static Run run(String file) {
    History history = HistoryJson.read(root().resolve(file));
    Map<String, String> parameters = history.runStarted().map(RunStarted::parameters).orElseThrow();
    CheckSettings settings = new CheckSettings(Duration.ofMillis(Long.parseLong(parameters.get("grace"))),
        Duration.ofMillis(Long.parseLong(parameters.get("settle"))));
    return new Run(file, history, Checker.check(history, settings));
  }

  static List<String> files() {
    try (Stream<Path> good = Files.list(root().resolve("good")); Stream<Path> bad = Files.list(root().resolve("bad"))) {
      return Stream.concat(good, bad).filter(p -> p.toString().endsWith(".jsonl"))
          .map(p -> p.getParent().getFileName() + "/" + p.getFileName()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    try {
      return Path.of(Corpus.class.getResource("/histories").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

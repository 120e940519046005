package io.natgwchaos.testing;

import io.natgwchaos.check.CheckReport;
import io.natgwchaos.check.CheckSettings;
import io.natgwchaos.check.Checker;
import io.natgwchaos.experiment.ExperimentResult;
import io.natgwchaos.history.History;
import io.natgwchaos.history.HistoryJson;
import io.natgwchaos.history.RunStarted;
import io.natgwchaos.workload.WorkloadRunner;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The recorded good/bad histories as canned check reports and experiment results. */
public final class Corpus {
  public static final String BUG_5114 = "bad/5114-reset-marks-eip-ready-mid-redo.jsonl";
  public static final String BUG_5115 = "bad/5115-quick-fip-add-delete-leaks-rules.jsonl";
  public static final String GOOD = "good/steady-state.jsonl";

  private Corpus() {}

  public static History history(String file) {
    try (Reader in = new InputStreamReader(Corpus.class.getResourceAsStream("/histories/" + file),
        StandardCharsets.UTF_8)) {
      return HistoryJson.read(in);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The report with the grace and settle the file was recorded with. */
  public static CheckReport report(History history) {
    Map<String, String> parameters = history.runStarted().map(RunStarted::parameters).orElseThrow();
    return Checker.check(history, new CheckSettings(Duration.ofMillis(Long.parseLong(parameters.get("grace"))),
        Duration.ofMillis(Long.parseLong(parameters.get("settle")))));
  }

  public static CheckReport report(String file) {
    return report(history(file));
  }

  /** A result as if {@code file} had been recorded by a run on {@code target} at {@code version}. */
  public static ExperimentResult result(String file, String target, String version) {
    History history = history(file);
    return new ExperimentResult("corpus-" + file, 11, new ExperimentResult.TargetFacts(target, version, 0.1,
        Map.of()), history, report(history), new ExperimentResult.Timings(Duration.ZERO, Duration.ZERO, Duration.ZERO,
        Duration.ZERO, Duration.ZERO, Duration.ZERO), List.of(), new WorkloadRunner.Stats(0, 0, 0, Duration.ZERO),
        List.of(), true);
  }
}

package io.natgwchaos.targets.process;

import java.time.Duration;
import java.util.Objects;

/** How a command ended: its exit code and everything it printed. */
public record ProcessResult(int exitCode, String stdout, String stderr, Duration elapsed) {
  public ProcessResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  public static ProcessResult ok(String stdout) {
    return new ProcessResult(0, stdout, "", Duration.ZERO);
  }

  public static ProcessResult failed(int exitCode, String stderr) {
    return new ProcessResult(exitCode, "", stderr, Duration.ZERO);
  }

  public boolean succeeded() {
    return exitCode == 0;
  }
}

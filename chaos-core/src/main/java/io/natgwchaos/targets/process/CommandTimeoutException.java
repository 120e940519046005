package io.natgwchaos.targets.process;

import java.time.Duration;

/** A command ran past its timeout and its process tree was killed. */
public class CommandTimeoutException extends CommandException {
  private final transient Duration timeout;

  public CommandTimeoutException(ProcessRequest request, String stdoutSoFar, String stderrSoFar) {
    super(request, "timed out after " + Durations.text(request.timeout()) + " waiting for: "
        + request.purpose() + "\n"
        + "  command: " + request.shellForm() + " (killed with its child processes)\n"
        + "  stderr so far (last " + CommandFailedException.STDERR_LINES + " lines):\n"
        + tail(stderrSoFar, CommandFailedException.STDERR_LINES) + "\n"
        + "  stdout so far (last " + CommandFailedException.STDOUT_LINES + " lines):\n"
        + tail(stdoutSoFar, CommandFailedException.STDOUT_LINES), null);
    this.timeout = request.timeout();
  }

  public Duration timeout() {
    return timeout;
  }
}

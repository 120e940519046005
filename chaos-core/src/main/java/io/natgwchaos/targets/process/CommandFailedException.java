package io.natgwchaos.targets.process;

/** A command exited non-zero; the message shows the command, the exit code and the end of its output. */
public class CommandFailedException extends CommandException {
  static final int STDERR_LINES = 20;
  static final int STDOUT_LINES = 10;

  private final transient ProcessResult result;

  public CommandFailedException(ProcessRequest request, ProcessResult result) {
    super(request, message(request, result), null);
    this.result = result;
  }

  public ProcessResult result() {
    return result;
  }

  public int exitCode() {
    return result.exitCode();
  }

  private static String message(ProcessRequest request, ProcessResult result) {
    return request.purpose() + " failed: exit code " + result.exitCode() + "\n"
        + "  command: " + request.shellForm() + "\n"
        + "  stderr (last " + STDERR_LINES + " lines):\n" + tail(result.stderr(), STDERR_LINES) + "\n"
        + "  stdout (last " + STDOUT_LINES + " lines):\n" + tail(result.stdout(), STDOUT_LINES);
  }
}

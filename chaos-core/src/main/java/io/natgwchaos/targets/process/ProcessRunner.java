package io.natgwchaos.targets.process;

/**
 * The one way this framework runs external programs (docker, kind, kubectl, helm, bash), so that tests
 * can script their answers and plan mode can print them instead.
 */
public interface ProcessRunner {

  /**
   * Runs the command to completion.
   *
   * @return its exit code and output, whatever the exit code
   * @throws CommandNotFoundException when the program is not on PATH
   * @throws CommandTimeoutException when it ran longer than the request's timeout (its process tree was killed)
   */
  ProcessResult run(ProcessRequest request);

  /**
   * Runs the command and insists on exit code 0.
   *
   * @throws CommandFailedException when it exits non-zero; the message carries the output's tail
   */
  default ProcessResult runChecked(ProcessRequest request) {
    ProcessResult result = run(request);
    if (!result.succeeded()) {
      throw new CommandFailedException(request, result);
    }
    return result;
  }
}

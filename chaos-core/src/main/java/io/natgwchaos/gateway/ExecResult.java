package io.natgwchaos.gateway;

/** The outcome of a command that ran to completion in a container. */
public record ExecResult(int exitCode, String stdout, String stderr) {
  public boolean succeeded() {
    return exitCode == 0;
  }
}

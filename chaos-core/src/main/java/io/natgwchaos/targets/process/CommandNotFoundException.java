package io.natgwchaos.targets.process;

/** The program is not installed or not on PATH. */
public class CommandNotFoundException extends CommandException {
  public CommandNotFoundException(ProcessRequest request, Throwable cause) {
    super(request, "cannot run '" + request.program() + "' for: " + request.purpose()
        + ": it is not installed or not on PATH", cause);
  }
}

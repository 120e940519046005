package io.natgwchaos.targets.process;

/** A command that did not do its job; the message says which command and why. */
public abstract class CommandException extends RuntimeException {
  private final transient ProcessRequest request;

  protected CommandException(ProcessRequest request, String message, Throwable cause) {
    super(message, cause);
    this.request = request;
  }

  public ProcessRequest request() {
    return request;
  }

  /** The last {@code maxLines} non-blank lines of {@code text}, indented, or {@code (empty)}. */
  static String tail(String text, int maxLines) {
    String[] lines = text.strip().split("\\R");
    if (text.isBlank()) {
      return "    (empty)";
    }
    int from = Math.max(0, lines.length - maxLines);
    StringBuilder out = new StringBuilder();
    if (from > 0) {
      out.append("    ... ").append(from).append(" earlier lines\n");
    }
    for (int i = from; i < lines.length; i++) {
      out.append("    ").append(lines[i]);
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }
}

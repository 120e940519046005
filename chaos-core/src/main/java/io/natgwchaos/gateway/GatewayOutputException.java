package io.natgwchaos.gateway;

/** Command output from the gateway that cannot be parsed; the message names the line. */
public class GatewayOutputException extends RuntimeException {
  private final int lineNumber;

  public GatewayOutputException(String what, int lineNumber, String line, String expected) {
    super(what + " line " + lineNumber + " is malformed: '" + line + "' (expected " + expected + ")");
    this.lineNumber = lineNumber;
  }

  /** 1-based line number in the parsed text. */
  public int lineNumber() {
    return lineNumber;
  }
}

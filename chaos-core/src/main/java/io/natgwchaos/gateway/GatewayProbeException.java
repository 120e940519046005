package io.natgwchaos.gateway;

/**
 * The probe could not read the gateway (a command failed or printed something unparseable): an
 * infrastructure error, distinct from a finding about what the gateway holds.
 */
public class GatewayProbeException extends RuntimeException {
  public GatewayProbeException(String message, Throwable cause) {
    super(message, cause);
  }

  public GatewayProbeException(String message) {
    super(message);
  }
}

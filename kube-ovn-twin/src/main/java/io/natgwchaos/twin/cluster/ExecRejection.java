package io.natgwchaos.twin.cluster;

/**
 * An exec the API server refuses before upgrading the connection, answered as a {@code Status} with an
 * HTTP error code, as a real API server does for a missing pod or a container that is not running.
 */
public record ExecRejection(int code, String reason, String message) {
  public static ExecRejection podNotFound(String pod) {
    return new ExecRejection(404, "NotFound", "pods \"" + pod + "\" not found");
  }

  public static ExecRejection badRequest(String message) {
    return new ExecRejection(400, "BadRequest", message);
  }
}

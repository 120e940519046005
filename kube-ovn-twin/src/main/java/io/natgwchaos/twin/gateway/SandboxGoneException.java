package io.natgwchaos.twin.gateway;

/**
 * The pod sandbox a command runs in was torn down (pod deleted, container restarted): whatever ran in
 * it was killed.
 */
final class SandboxGoneException extends RuntimeException {
  SandboxGoneException(String pod) {
    super("sandbox of " + pod + " is gone", null, false, false);
  }
}

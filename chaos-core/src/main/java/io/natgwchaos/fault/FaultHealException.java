package io.natgwchaos.fault;

/** A fault could not be healed: the cluster may be left cordoned, paused or stopped. Infrastructure, never a verdict. */
public class FaultHealException extends RuntimeException {
  public FaultHealException(String message, Throwable cause) {
    super(message, cause);
  }
}

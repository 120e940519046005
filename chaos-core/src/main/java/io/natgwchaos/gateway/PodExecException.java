package io.natgwchaos.gateway;

/**
 * A command could not be run or its exit status never arrived (connection refused, pod gone, timeout):
 * an infrastructure error, never a finding about Kube-OVN.
 */
public class PodExecException extends RuntimeException {
  public PodExecException(String message, Throwable cause) {
    super(message, cause);
  }

  public PodExecException(String message) {
    super(message);
  }
}

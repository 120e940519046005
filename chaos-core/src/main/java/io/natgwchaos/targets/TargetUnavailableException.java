package io.natgwchaos.targets;

/**
 * The target cannot be brought up or reached: a missing tool, a daemon that is down, a cluster without
 * Kube-OVN's NAT gateway, resources the controller never made ready. Infrastructure trouble, so an
 * experiment aborts instead of passing or failing.
 */
public class TargetUnavailableException extends RuntimeException {
  public TargetUnavailableException(String message) {
    super(message);
  }

  public TargetUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

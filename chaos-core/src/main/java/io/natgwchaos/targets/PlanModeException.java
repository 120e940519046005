package io.natgwchaos.targets;

/**
 * {@code chaos.plan=true}: the target printed what it would do and did nothing, so there is nothing to
 * run experiments on. An abort, not a failure.
 */
public class PlanModeException extends TargetUnavailableException {
  public PlanModeException(String message) {
    super(message);
  }
}

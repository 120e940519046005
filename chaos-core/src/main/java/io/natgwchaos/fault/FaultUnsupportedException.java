package io.natgwchaos.fault;

import org.opentest4j.TestAbortedException;

/**
 * The experiment asks for a fault the target cannot do (kind-only node faults on the twin, destructive faults on
 * an existing cluster that was not allowed): the experiment is aborted with the reason, before anything is
 * provisioned.
 */
public class FaultUnsupportedException extends TestAbortedException {
  private static final long serialVersionUID = 1L;

  public FaultUnsupportedException(String message, Throwable cause) {
    super(message, cause);
  }
}

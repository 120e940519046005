package io.natgwchaos.experiment;

import io.natgwchaos.check.CheckReport;

/** An experiment's history broke invariants; the message is the report's summary, the report is attached. */
public class InvariantViolationError extends AssertionError {
  private static final long serialVersionUID = 1L;
  private final transient ExperimentResult result;

  public InvariantViolationError(String message, ExperimentResult result) {
    super(message);
    this.result = result;
  }

  public ExperimentResult result() {
    return result;
  }

  public CheckReport report() {
    return result.report();
  }
}

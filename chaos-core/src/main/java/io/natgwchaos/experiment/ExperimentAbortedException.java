package io.natgwchaos.experiment;

import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * Infrastructure trouble stopped or spoiled the run (the topology never became ready, the recorder could not
 * start, a fault could not be injected or healed, teardown left something behind, the run was interrupted): the
 * experiment is aborted, neither passed nor failed. Carries the result when the run got as far as checking.
 */
public class ExperimentAbortedException extends TestAbortedException {
  private static final long serialVersionUID = 1L;
  private final transient ExperimentResult result;

  public ExperimentAbortedException(String message, Throwable cause, ExperimentResult result) {
    super(message, cause);
    this.result = result;
  }

  public Optional<ExperimentResult> result() {
    return Optional.ofNullable(result);
  }
}

package io.natgwchaos.experiment;

/**
 * Observes experiment runs; the JUnit extension uses it to heal faults before a {@code @Timeout} interrupt, to
 * write diagnostics from the live history and to judge the results.
 */
public interface ExperimentListener {
  /** The run has its history log and is about to provision. */
  default void started(ExperimentRun run) {}

  /** The run ended with a result (also when it then throws {@link ExperimentAbortedException}). */
  default void finished(ExperimentRun run, ExperimentResult result) {}
}

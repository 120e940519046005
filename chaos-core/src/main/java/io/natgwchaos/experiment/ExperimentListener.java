package io.natgwchaos.experiment;

/**
 * Observes experiment runs; the JUnit extension uses it to heal faults before a {@code @Timeout} interrupt, to
 * write diagnostics from the live history and to judge the results.
 */
public interface ExperimentListener {
  /** The run has its history log and is about to provision. */
  default void started(ExperimentRun run) {}

  /**
   * The run was checked and is about to tear its topologies down: the last moment the target still shows the state
   * the run ended in.
   *
   * @param troubled the run found a violation, was aborted or did not settle
   */
  default void beforeTeardown(ExperimentRun run, boolean troubled) {}

  /** The run ended with a result (also when it then throws {@link ExperimentAbortedException}). */
  default void finished(ExperimentRun run, ExperimentResult result) {}
}

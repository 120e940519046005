package io.natgwchaos.history;

/** Milestones of a run. */
public enum RunPhase {
  /** Topology created and ready; the checked part of the run starts here. */
  PROVISIONED,
  WORKLOAD_STARTED,
  WORKLOAD_STOPPED,
  /** Faults healed and workload stopped: liveness is measured from here. */
  QUIESCED,
  /** The settle wait ended (everything converged, or the settle time ran out). */
  SETTLED
}

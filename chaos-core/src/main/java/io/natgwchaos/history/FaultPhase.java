package io.natgwchaos.history;

/** A fault's life: injected, then healed (or the heal failed, which is an infrastructure error). */
public enum FaultPhase {
  START,
  END,
  HEAL_FAILED
}

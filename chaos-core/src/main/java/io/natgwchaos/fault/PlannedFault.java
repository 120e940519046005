package io.natgwchaos.fault;

import java.time.Duration;

/**
 * A fault with its offset fixed: injected {@code at} after the workload starts, healed {@code holdFor} later
 * (both Kube-OVN time).
 *
 * @param index the schedule entry it came from
 */
public record PlannedFault(int index, Duration at, Duration holdFor, Fault fault) {
  @Override
  public String toString() {
    return fault.name() + " at " + at + (holdFor.isZero() ? "" : " for " + holdFor);
  }
}

package io.natgwchaos.fault;

import io.natgwchaos.targets.TargetCapability;
import java.util.Set;

/**
 * Something that goes wrong on purpose: injected into a running topology, healed afterwards. The catalogue
 * is {@link Faults}; a fault of one's own implements this.
 */
public interface Fault {
  /** A short, stable name for histories and reports, e.g. {@code delete-gateway-pod}. */
  String name();

  /** What the target must be able to do; checked before anything is provisioned. */
  Set<TargetCapability> requires();

  /**
   * Does it now.
   *
   * @return the handle that undoes it; its {@link FaultHandle#heal()} must be idempotent
   * @throws RuntimeException when the fault could not be injected (nothing to heal then)
   */
  FaultHandle inject(FaultContext context);
}

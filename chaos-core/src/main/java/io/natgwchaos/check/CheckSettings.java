package io.natgwchaos.check;

import java.time.Duration;
import java.util.Objects;

/**
 * Tolerances of the checker.
 *
 * @param grace how long a safety violation may last before it counts: the controller's time to catch up
 *     (a FIP's rules re-added right after creation, the 3 s delayed EIP reset, a redo in progress)
 * @param settle how long after quiesce everything must have converged (liveness)
 */
public record CheckSettings(Duration grace, Duration settle) {
  public CheckSettings {
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(settle, "settle");
    if (grace.isNegative() || settle.isNegative()) {
      throw new IllegalArgumentException("grace and settle must not be negative: " + grace + ", " + settle);
    }
  }
}

package io.natgwchaos.twin;

import java.time.Instant;

/**
 * Wall-clock time as the twin's components see it: it runs {@code 1 / factor} times faster than real
 * time, so timestamps that Kube-OVN compares at one-second resolution (the redo stamp is a pod's
 * creation time formatted to the second, compared with a container's start time) keep the meaning they
 * have at upstream speed. Pod creation and start times and the controller's clock all come from here.
 */
public final class TwinClock {
  private final Instant origin;
  private final long originNanos;
  private final double factor;

  public TwinClock(TimeScale scale) {
    this(scale, Instant.now());
  }

  public TwinClock(TimeScale scale, Instant origin) {
    this.origin = origin;
    this.originNanos = System.nanoTime();
    this.factor = scale.factor();
  }

  public Instant now() {
    long elapsed = System.nanoTime() - originNanos;
    return origin.plusNanos(Math.round(elapsed / factor));
  }
}

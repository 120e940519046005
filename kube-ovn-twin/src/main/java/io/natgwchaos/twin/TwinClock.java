package io.natgwchaos.twin;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Wall-clock time as the twin's components see it: it runs {@code 1 / factor} times faster than real
 * time, so timestamps that Kube-OVN compares at one-second resolution keep the meaning they have at
 * upstream speed. The redo stamp is a pod's creation time formatted to the second and compared with a
 * container's start time: with real time, two pods created within one real second would get the same
 * stamp although, at upstream speed, they are many seconds apart. Pod creation and start times, the
 * kubelet and the controller all read this clock. Zone UTC, as kind nodes run.
 */
public final class TwinClock extends Clock {
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

  @Override
  public Instant instant() {
    long elapsed = System.nanoTime() - originNanos;
    return origin.plusNanos(Math.round(elapsed / factor));
  }

  /** Same as {@link #instant()}. */
  public Instant now() {
    return instant();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the twin's clock runs in UTC");
  }
}

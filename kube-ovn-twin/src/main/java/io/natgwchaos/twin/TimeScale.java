package io.natgwchaos.twin;

import java.time.Duration;

/**
 * Upstream delays (the 3 s delayed reset, 1–20 s retry backoff, ~3 s eip-add, 5 s sleeps) multiplied
 * by one factor, so an experiment takes seconds. The factor shrinks every modelled delay alike, which
 * keeps their order — and so the interleavings they allow — while API calls to the mock server keep
 * their real (millisecond) cost.
 */
public record TimeScale(double factor) {
  /** Default factor: 3 s becomes 150 ms. */
  public static final double DEFAULT_FACTOR = 0.05;

  public TimeScale {
    if (!(factor > 0) || factor > 1) {
      throw new IllegalArgumentException("twin time scale must be in (0, 1], was " + factor);
    }
  }

  public static TimeScale defaultScale() {
    return new TimeScale(DEFAULT_FACTOR);
  }

  /** The twin's duration for an upstream duration. */
  public Duration of(Duration upstream) {
    return Duration.ofNanos(Math.round(upstream.toNanos() * factor));
  }

  public Duration ofMillis(long upstreamMillis) {
    return of(Duration.ofMillis(upstreamMillis));
  }

  public Duration ofSeconds(double upstreamSeconds) {
    return Duration.ofNanos(Math.round(upstreamSeconds * 1e9 * factor));
  }

  /** Sleeps the scaled duration; an interrupt ends the sleep and is re-asserted. */
  public void sleep(Duration upstream) throws InterruptedException {
    long nanos = of(upstream).toNanos();
    if (nanos > 0) {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }
  }
}

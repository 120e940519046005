package io.natgwchaos.check;

/** A span of run time in nanoseconds since the run started (both ends inclusive). */
public record Interval(long fromNanos, long toNanos) {
  public Interval {
    if (toNanos < fromNanos) {
      throw new IllegalArgumentException("interval ends before it starts: " + fromNanos + " > " + toNanos);
    }
  }

  public long lengthNanos() {
    return toNanos - fromNanos;
  }

  @Override
  public String toString() {
    return String.format("%.3fs..%.3fs", fromNanos / 1e9, toNanos / 1e9);
  }
}

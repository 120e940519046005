package io.natgwchaos.twin.gateway;

import io.natgwchaos.twin.TimeScale;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Waits an upstream duration shrunk by the time scale, precise below a millisecond (scaled steps are µs). */
final class Pause {
  private final TimeScale scale;

  Pause(TimeScale scale) {
    this.scale = scale;
  }

  void of(Duration upstream) throws InterruptedException {
    long nanos = scale.of(upstream).toNanos();
    if (nanos <= 0) {
      return;
    }
    if (nanos >= 2_000_000) {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
      return;
    }
    long deadline = System.nanoTime() + nanos;
    for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }
}

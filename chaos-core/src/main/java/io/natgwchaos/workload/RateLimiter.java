package io.natgwchaos.workload;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket shared by the workers: {@code rate} permits per second, bursts of up to {@code burst}. A
 * caller reserves its permit under the lock and sleeps outside it.
 */
final class RateLimiter {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;

  /** @param rate permits per second; 0 or less for no limit */
  RateLimiter(double rate, int burst) {
    this.perNano = rate <= 0 ? 0 : rate / 1e9;
    this.burst = Math.max(1, burst);
    this.tokens = this.burst;
    this.last = System.nanoTime();
  }

  void acquire() throws InterruptedException {
    if (perNano == 0) {
      return;
    }
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      tokens = Math.min(burst, tokens + (now - last) * perNano);
      last = now;
      tokens -= 1;
      wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
    }
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}

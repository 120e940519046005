package io.natgwchaos.twin.controller;

import io.natgwchaos.twin.TimeScale;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * client-go's {@code MaxOf(ItemExponentialFailureRateLimiter(1s, 20s), BucketRateLimiter(10 qps, burst 100))}
 * as kube-ovn-controller builds it (controller.go:287-290@v1.13.4), delays scaled. One instance is shared
 * by every NAT-gateway queue, so failure counts are per key string across queues: a FIP and an EIP of the
 * same name, or a gateway name used by several redo queues, share one counter, and {@link #forget} in one
 * queue resets it for all.
 */
final class ItemRateLimiter {
  private static final Duration BASE = Duration.ofSeconds(1);
  private static final Duration MAX = Duration.ofSeconds(20);
  private static final double QPS = 10;
  private static final double BURST = 100;

  private final TimeScale scale;
  private final Map<String, Integer> failures = new HashMap<>();
  private double tokens = BURST;
  private long lastRefillNanos = System.nanoTime();

  ItemRateLimiter(TimeScale scale) {
    this.scale = scale;
  }

  /** The (scaled) delay before {@code key} may be retried; counts one more failure. */
  synchronized Duration when(String key) {
    int exponent = failures.merge(key, 1, Integer::sum) - 1;
    double backoffNanos = BASE.toNanos() * Math.pow(2, Math.min(exponent, 30));
    Duration backoff = Duration.ofNanos((long) Math.min(backoffNanos, MAX.toNanos()));
    return max(scale.of(backoff), bucketDelay());
  }

  synchronized void forget(String key) {
    failures.remove(key);
  }

  synchronized int failures(String key) {
    return failures.getOrDefault(key, 0);
  }

  /** Token bucket in scaled time: refills at QPS per upstream second. */
  private Duration bucketDelay() {
    long now = System.nanoTime();
    double upstreamSeconds = (now - lastRefillNanos) / 1e9 / scale.factor();
    tokens = Math.min(BURST, tokens + upstreamSeconds * QPS);
    lastRefillNanos = now;
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return scale.ofSeconds(-tokens / QPS);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}

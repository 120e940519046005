package io.natgwchaos.twin.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.twin.TimeScale;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final ItemRateLimiter limiter = new ItemRateLimiter(new TimeScale(0.001));
  private final WorkQueue queue = new WorkQueue("test", limiter, timers);

  @AfterEach
  void stop() {
    timers.shutdownNow();
  }

  @Test
  void aWaitingKeyIsAddedOnce() throws Exception {
    queue.add("a");
    queue.add("b");
    queue.add("a");

    assertThat(queue.length()).isEqualTo(2);
    assertThat(queue.get()).isEqualTo("a");
  }

  @Test
  void aKeyAddedWhileProcessingRunsAgainAfterDone() throws Exception {
    queue.add("a");
    String key = queue.get();
    queue.add("a");

    assertThat(queue.length()).as("never handed to two workers at once").isZero();
    queue.done(key);
    assertThat(queue.length()).isEqualTo(1);
    assertThat(queue.get()).isEqualTo("a");
  }

  @Test
  void delayedAddKeepsTheEarliestDueTime() throws Exception {
    queue.addAfter("a", Duration.ofSeconds(30));
    queue.addAfter("a", Duration.ofMillis(20));

    long start = System.nanoTime();
    assertThat(queue.get()).isEqualTo("a");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void shutDownDropsWaitingAndDelayedKeys() throws Exception {
    queue.add("a");
    queue.addAfter("b", Duration.ofMillis(10));
    queue.shutDown();

    assertThat(queue.get()).isNull();
    queue.add("c");
    assertThat(queue.length()).isZero();
  }

  @Test
  void rateLimiterBacksOffExponentiallyPerKeyAndIsSharedAcrossQueues() {
    ItemRateLimiter shared = new ItemRateLimiter(new TimeScale(1.0));

    assertThat(shared.when("gw1")).isEqualTo(Duration.ofSeconds(1));
    assertThat(shared.when("gw1")).isEqualTo(Duration.ofSeconds(2));
    assertThat(shared.when("gw1")).isEqualTo(Duration.ofSeconds(4));
    assertThat(shared.when("other")).isEqualTo(Duration.ofSeconds(1));
    for (int i = 0; i < 10; i++) {
      shared.when("gw1");
    }
    assertThat(shared.when("gw1")).isEqualTo(Duration.ofSeconds(20));
    shared.forget("gw1");
    assertThat(shared.when("gw1")).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void hashedMutexMapsEveryKeyToOneOfItsBuckets() {
    HashedKeyMutex mutex = new HashedKeyMutex(16);

    assertThat(mutex.bucket("eip-1")).isBetween(0, 15).isEqualTo(mutex.bucket("eip-1"));
    long distinct = java.util.stream.IntStream.range(0, 200).map(i -> mutex.bucket("fip-" + i)).distinct().count();
    assertThat(distinct).isEqualTo(16);
  }
}

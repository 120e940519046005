package io.natgwchaos.twin.controller;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * client-go's rate-limited delaying work queue: a key is never handed to two workers at once; adding a
 * key that waits is a no-op; adding a key that is being processed marks it dirty so it runs once more
 * after {@link #done}; delayed adds keep the earliest due time. Shutting down drops everything, as a
 * dying process does.
 */
final class WorkQueue {
  private final String name;
  private final ItemRateLimiter rateLimiter;
  private final ScheduledExecutorService timers;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private final Set<String> dirty = new HashSet<>();
  private final Set<String> processing = new HashSet<>();
  private final Map<String, Waiting> waiting = new HashMap<>();
  private boolean shutDown;

  private record Waiting(long dueNanos, ScheduledFuture<?> timer) {}

  WorkQueue(String name, ItemRateLimiter rateLimiter, ScheduledExecutorService timers) {
    this.name = name;
    this.rateLimiter = rateLimiter;
    this.timers = timers;
  }

  String name() {
    return name;
  }

  synchronized void add(String key) {
    if (shutDown || dirty.contains(key)) {
      return;
    }
    dirty.add(key);
    if (processing.contains(key)) {
      return;
    }
    queue.addLast(key);
    notifyAll();
  }

  synchronized void addAfter(String key, Duration delay) {
    if (shutDown) {
      return;
    }
    if (delay.isZero() || delay.isNegative()) {
      add(key);
      return;
    }
    long due = System.nanoTime() + delay.toNanos();
    Waiting existing = waiting.get(key);
    if (existing != null) {
      if (existing.dueNanos() <= due) {
        return;
      }
      existing.timer().cancel(false);
    }
    ScheduledFuture<?> timer = timers.schedule(() -> fire(key, due), delay.toNanos(), TimeUnit.NANOSECONDS);
    waiting.put(key, new Waiting(due, timer));
  }

  private synchronized void fire(String key, long due) {
    Waiting current = waiting.get(key);
    if (current != null && current.dueNanos() == due) {
      waiting.remove(key);
      add(key);
    }
  }

  void addRateLimited(String key) {
    addAfter(key, rateLimiter.when(key));
  }

  void forget(String key) {
    rateLimiter.forget(key);
  }

  /** Blocks for the next key; null once shut down. */
  synchronized String get() throws InterruptedException {
    while (queue.isEmpty() && !shutDown) {
      wait();
    }
    if (shutDown) {
      return null;
    }
    String key = queue.removeFirst();
    processing.add(key);
    dirty.remove(key);
    return key;
  }

  synchronized void done(String key) {
    processing.remove(key);
    if (dirty.contains(key) && !shutDown) {
      queue.addLast(key);
      notifyAll();
    }
  }

  synchronized void shutDown() {
    shutDown = true;
    waiting.values().forEach(w -> w.timer().cancel(false));
    waiting.clear();
    queue.clear();
    notifyAll();
  }

  synchronized int length() {
    return queue.size();
  }

  /** One line for diagnostics: the keys queued, being processed, marked dirty and waiting for a delayed add. */
  synchronized String describe() {
    return name + ": queued " + queue + ", processing " + processing + ", dirty " + dirty + ", waiting "
        + waiting.keySet() + (shutDown ? ", shut down" : "");
  }
}

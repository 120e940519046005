package io.natgwchaos.twin.cluster;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A controller's work queue with one worker thread, as client-go's: a key added while queued is queued
 * once; a key added while being handled is handled again afterwards; a handler failure retries the key
 * after a short pause. Handlers act through the API, so they may block.
 */
final class WorkQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);
  private static final Duration RETRY = Duration.ofMillis(50);

  /** Handles one key; returning a duration asks to see the key again after it. */
  @FunctionalInterface
  interface Handler {
    Duration handle(String key) throws Exception;
  }

  private final String name;
  private final Handler handler;
  private final ScheduledExecutorService timer;
  private final Set<String> queued = new LinkedHashSet<>();
  private final Set<String> running = new LinkedHashSet<>();
  private final Thread worker;
  private boolean closed;

  WorkQueue(String name, Handler handler, ScheduledExecutorService timer) {
    this.name = name;
    this.handler = handler;
    this.timer = timer;
    this.worker = new Thread(this::work, "twin-" + name);
    worker.setDaemon(true);
  }

  void start() {
    worker.start();
  }

  synchronized void add(String key) {
    if (closed) {
      return;
    }
    queued.add(key);
    notifyAll();
  }

  void addAfter(String key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
      return;
    }
    try {
      timer.schedule(() -> add(key), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }

  private synchronized String take() throws InterruptedException {
    while (!closed) {
      for (String key : queued) {
        if (!running.contains(key)) {
          queued.remove(key);
          running.add(key);
          return key;
        }
      }
      wait();
    }
    throw new InterruptedException("queue " + name + " closed");
  }

  private synchronized void done(String key) {
    running.remove(key);
    if (queued.contains(key)) {
      notifyAll();
    }
  }

  private void work() {
    while (true) {
      String key;
      try {
        key = take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        Duration again = handler.handle(key);
        if (again != null) {
          addAfter(key, again);
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        if (isClosed()) {
          return;
        }
        LOG.debug("{}: handling {} failed, retrying: {}", name, key, e.toString());
        addAfter(key, RETRY);
      } finally {
        done(key);
      }
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    worker.interrupt();
    try {
      worker.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.natgwchaos.workload;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.natgwchaos.history.HistoryLog;
import io.natgwchaos.history.OperationEvent;
import io.natgwchaos.history.OperationPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link WorkloadPlan}: one thread per worker with slots, a shared rate limit, until the duration is over
 * or {@link #stop()} is called. Every call is recorded as an invocation and its completion. Give it a client
 * without retries ({@link #withoutRetries}), so every call is made exactly once.
 */
public final class WorkloadRunner {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadRunner.class);

  /**
   * Counts of completed calls.
   *
   * @param elapsed from start to the last worker's end
   */
  public record Stats(long ok, long fail, long unknown, Duration elapsed) {
    public long operations() {
      return ok + fail + unknown;
    }

    public double perSecond() {
      return elapsed.isZero() ? 0 : operations() / (elapsed.toNanos() / 1e9);
    }

    @Override
    public String toString() {
      return String.format("%d operations in %.2f s (%.0f/s): %d ok, %d fail, %d unknown", operations(),
          elapsed.toNanos() / 1e9, perSecond(), ok, fail, unknown);
    }
  }

  private final KubernetesClient client;
  private final HistoryLog log;
  private final WorkloadPlan plan;
  private final RateLimiter limiter;
  private final Duration duration;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong operationIds = new AtomicLong();
  private final LongAdder ok = new LongAdder();
  private final LongAdder fail = new LongAdder();
  private final LongAdder unknown = new LongAdder();
  private volatile boolean stopping;
  private long startNanos;
  private volatile long endNanos;

  /**
   * @param rate operations per second of real time, all workers together; 0 for no limit
   * @param duration real time the workload runs
   */
  public WorkloadRunner(KubernetesClient client, HistoryLog log, WorkloadPlan plan, double rate, Duration duration) {
    this.client = Objects.requireNonNull(client, "client");
    this.log = Objects.requireNonNull(log, "log");
    this.plan = Objects.requireNonNull(plan, "plan");
    this.limiter = new RateLimiter(rate, (int) Math.max(1, plan.activeWorkers()));
    this.duration = Objects.requireNonNull(duration, "duration");
  }

  /**
   * A client for workload calls: the base client's configuration without request retries. fabric8 retries on
   * 429, 5xx and connection failures; a retried create that was applied the first time would come back as a 409
   * and be recorded as "definitely did not happen". The caller closes it.
   */
  public static KubernetesClient withoutRetries(KubernetesClient base) {
    Config config = new ConfigBuilder(base.getConfiguration()).withRequestRetryBackoffLimit(0).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  public synchronized void start() {
    if (!threads.isEmpty()) {
      throw new IllegalStateException("workload already started");
    }
    startNanos = System.nanoTime();
    long deadline = startNanos + duration.toNanos();
    for (WorkloadPlan.WorkerPlan worker : plan.workers()) {
      if (worker.slots().isEmpty()) {
        continue;
      }
      Thread thread = new Thread(() -> work(worker, deadline), "workload-" + worker.worker());
      thread.setDaemon(true);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
    LOG.info("workload: {} workers for {} ms over {} slots", threads.size(), duration.toMillis(),
        plan.workers().stream().mapToInt(w -> w.slots().size()).sum());
  }

  /** Waits for the duration to end (workers finish their current step). */
  public void awaitEnd() throws InterruptedException {
    for (Thread thread : threads()) {
      thread.join();
    }
    markEnd();
  }

  /** Stops the workers after their current call and waits for them; idempotent. */
  public void stop() {
    stopping = true;
    boolean interrupted = false;
    for (Thread thread : threads()) {
      try {
        thread.join(5_000);
        if (thread.isAlive()) {
          thread.interrupt();
          thread.join(5_000);
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    markEnd();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  public Stats stats() {
    long end = endNanos != 0 ? endNanos : System.nanoTime();
    return new Stats(ok.sum(), fail.sum(), unknown.sum(), Duration.ofNanos(startNanos == 0 ? 0 : end - startNanos));
  }

  private synchronized List<Thread> threads() {
    return List.copyOf(threads);
  }

  private synchronized void markEnd() {
    if (endNanos == 0 && startNanos != 0) {
      endNanos = System.nanoTime();
    }
  }

  private void work(WorkloadPlan.WorkerPlan worker, long deadline) {
    String name = "worker-" + worker.worker();
    Iterator<WorkloadPlan.Step> steps = worker.steps();
    try {
      while (!stopping && System.nanoTime() < deadline && steps.hasNext()) {
        for (Operation operation : steps.next().operations()) {
          limiter.acquire();
          execute(name, operation);
        }
      }
    } catch (InterruptedException e) {
      // stop() gave up waiting for the current call
    }
  }

  /** Makes one call and records it; never throws. */
  void execute(String worker, Operation operation) {
    long id = operationIds.incrementAndGet();
    log.append((seq, time) -> new OperationEvent(seq, time, id, worker, OperationPhase.INVOKE,
        operation.action().word(), operation.kind(), operation.name(), operation.arguments(), null));
    Outcome outcome;
    try {
      operation.apply(client);
      outcome = Outcome.OK;
    } catch (RuntimeException e) {
      outcome = Outcome.of(e);
    }
    switch (outcome.phase()) {
      case OK -> ok.increment();
      case FAIL -> fail.increment();
      default -> unknown.increment();
    }
    Outcome done = outcome;
    log.append((seq, time) -> new OperationEvent(seq, time, id, worker, done.phase(), operation.action().word(),
        operation.kind(), operation.name(), operation.arguments(), done.error()));
  }
}

package io.natgwchaos.fault;

import io.natgwchaos.history.FaultEvent;
import io.natgwchaos.history.FaultPhase;
import io.natgwchaos.history.HistoryLog;
import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.TargetCapability;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects faults into one experiment's topology, records their start and end in the history, and guarantees
 * they are healed: by the schedule, by {@link #healAll()} (the runner's {@code finally}, the JUnit extension
 * before a {@code @Timeout} interrupt) or by the {@link HealRegistry}'s shutdown hook. Once {@link #healAll()}
 * has run, nothing more can be injected.
 */
public final class FaultInjector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);

  private final FaultContext context;
  private final HistoryLog log;
  private final HealRegistry registry;
  private final List<ActiveFault> injected = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private boolean closed;

  public FaultInjector(FaultContext context, HistoryLog log, HealRegistry registry) {
    this.context = Objects.requireNonNull(context, "context");
    this.log = Objects.requireNonNull(log, "log");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Refuses, before anything is provisioned, faults the target cannot do.
   *
   * @throws FaultUnsupportedException naming the fault and, in the target's words, what is missing
   */
  public static void requireSupported(ChaosTarget target, Collection<Fault> faults) {
    for (Fault fault : faults) {
      for (TargetCapability capability : fault.requires()) {
        try {
          target.requireCapability(capability);
        } catch (UnsupportedOperationException e) {
          throw new FaultUnsupportedException("fault " + fault.name() + " cannot run on the " + target.name()
              + " target: " + e.getMessage(), e);
        }
      }
    }
  }

  /**
   * Injects {@code fault} and records its start.
   *
   * @throws IllegalStateException once {@link #healAll()} has run
   * @throws RuntimeException what the fault threw when it could not be injected (nothing was recorded)
   */
  public ActiveFault inject(Fault fault) {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("fault " + fault.name() + " not injected: the experiment's faults were"
            + " already healed (it is ending)");
      }
      requireSupported(context.target(), List.of(fault));
      String id = fault.name() + "-" + ids.incrementAndGet();
      FaultHandle handle = fault.inject(context);
      ActiveFault active = new ActiveFault(id, fault, handle, log, registry);
      registry.register(active);
      injected.add(active);
      log.append((seq, time) -> new FaultEvent(seq, time, id, fault.name(), FaultPhase.START, handle.detail()));
      LOG.info("fault {}: {}", id, handle.detail());
      return active;
    }
  }

  /** Every fault injected so far, healed or not. */
  public synchronized List<ActiveFault> injected() {
    return List.copyOf(injected);
  }

  /**
   * Heals every fault not yet healed and refuses further injections. Idempotent and safe from any thread.
   *
   * @return the heal failures (each already recorded as HEAL_FAILED); empty when everything is healed
   */
  public List<FaultHealException> healAll() {
    List<ActiveFault> pending;
    synchronized (this) {
      closed = true;
      pending = new ArrayList<>(injected);
    }
    List<FaultHealException> failures = new ArrayList<>();
    for (ActiveFault fault : pending) {
      try {
        fault.heal();
      } catch (FaultHealException e) {
        failures.add(e);
      }
    }
    return failures;
  }

  @Override
  public void close() {
    List<FaultHealException> failures = healAll();
    if (!failures.isEmpty()) {
      FaultHealException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }
}

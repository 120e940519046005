package io.natgwchaos.fault;

import io.natgwchaos.history.FaultEvent;
import io.natgwchaos.history.FaultPhase;
import io.natgwchaos.history.HistoryLog;
import java.time.Duration;
import java.util.Objects;

/**
 * An injected fault, healed at most once: the first successful {@link #heal()} records its end; later calls do
 * nothing. A heal that fails is retried a few times, then recorded as {@link FaultPhase#HEAL_FAILED} and thrown
 * as {@link FaultHealException}.
 */
public final class ActiveFault {
  static final int HEAL_ATTEMPTS = 3;
  static final Duration HEAL_BACKOFF = Duration.ofMillis(200);

  private final String id;
  private final Fault fault;
  private final FaultHandle handle;
  private final HistoryLog log;
  private final HealRegistry registry;
  private boolean healed;
  private FaultHealException failure;

  ActiveFault(String id, Fault fault, FaultHandle handle, HistoryLog log, HealRegistry registry) {
    this.id = id;
    this.fault = fault;
    this.handle = Objects.requireNonNull(handle, "fault " + fault.name() + " returned no handle");
    this.log = log;
    this.registry = registry;
  }

  public String id() {
    return id;
  }

  public String name() {
    return fault.name();
  }

  public String detail() {
    return handle.detail();
  }

  public synchronized boolean isHealed() {
    return healed;
  }

  /**
   * Heals the fault, with the calling thread's interrupt flag cleared meanwhile (a heal must not be lost to a
   * {@code @Timeout} interrupt) and restored afterwards.
   *
   * @throws FaultHealException when every attempt failed (again on every later call)
   */
  public synchronized void heal() {
    if (healed) {
      return;
    }
    if (failure != null) {
      throw failure;
    }
    boolean interrupted = Thread.interrupted();
    try {
      RuntimeException last = null;
      for (int attempt = 1; attempt <= HEAL_ATTEMPTS; attempt++) {
        try {
          handle.heal();
          healed = true;
          registry.unregister(this);
          log.append((seq, time) -> new FaultEvent(seq, time, id, fault.name(), FaultPhase.END, handle.detail()));
          return;
        } catch (RuntimeException e) {
          last = e;
          if (attempt < HEAL_ATTEMPTS) {
            sleep(HEAL_BACKOFF.multipliedBy(attempt));
          }
        }
      }
      String message = "could not heal fault " + fault.name() + " (" + handle.detail() + ") after " + HEAL_ATTEMPTS
          + " attempts: " + last.getMessage();
      log.append((seq, time) -> new FaultEvent(seq, time, id, fault.name(), FaultPhase.HEAL_FAILED, message));
      registry.unregister(this);
      failure = new FaultHealException(message, last);
      throw failure;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      // keep healing; the flag is restored by heal()
    }
  }

  @Override
  public String toString() {
    return id + " " + fault.name() + " (" + handle.detail() + ")" + (healed ? " healed" : "");
  }
}

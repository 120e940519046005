package io.natgwchaos.workload;

import io.natgwchaos.kubeovn.NatResourceKind;
import io.natgwchaos.targets.TargetSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a workload churns, how many workers, how fast and for how long. Rate and duration are in Kube-OVN time
 * (the engine divides the rate by, and multiplies the duration with, the target's time scale); workers are
 * absolute. Unset values come from {@code chaos.workload.*} properties, see {@link #resolve(TargetSettings)}.
 *
 * <p>The churn of a kind: a present object is deleted; an absent one is re-created with its spec, or (with
 * probability {@link #quickAddDelete(double)}) created and deleted back to back.
 */
public final class Workload {
  public static final String WORKERS = "chaos.workload.workers";
  public static final String RATE = "chaos.workload.rate";
  public static final String DURATION = "chaos.workload.duration";
  public static final int DEFAULT_WORKERS = 4;
  public static final double DEFAULT_RATE = 10;
  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
  public static final double DEFAULT_QUICK_ADD_DELETE = 0.3;

  private final Set<NatResourceKind> kinds;
  private final Integer workers;
  private final Double rate;
  private final Duration duration;
  private final double quickAddDelete;

  private Workload(Set<NatResourceKind> kinds, Integer workers, Double rate, Duration duration,
      double quickAddDelete) {
    this.kinds = Set.copyOf(kinds);
    this.workers = workers;
    this.rate = rate;
    this.duration = duration;
    this.quickAddDelete = quickAddDelete;
  }

  /** Churn of the given kinds over the topology's objects of those kinds (EIPs: the spare ones). */
  public static Workload churn(NatResourceKind first, NatResourceKind... more) {
    return new Workload(EnumSet.of(first, more), null, null, null, DEFAULT_QUICK_ADD_DELETE);
  }

  /** Delete a FIP, re-create it on its EIP, quick add + delete of a FIP. */
  public static Workload fipChurn() {
    return churn(NatResourceKind.FIP);
  }

  public static Workload snatChurn() {
    return churn(NatResourceKind.SNAT);
  }

  public static Workload dnatChurn() {
    return churn(NatResourceKind.DNAT);
  }

  /** Churn of the spare EIPs (those no rule uses): needs {@code TopologySpec.withSpareEips(n)}. */
  public static Workload eipChurn() {
    return churn(NatResourceKind.EIP);
  }

  /** This workload also churning {@code other}'s kinds. */
  public Workload and(Workload other) {
    Set<NatResourceKind> union = EnumSet.copyOf(kinds);
    union.addAll(other.kinds);
    return new Workload(union, workers, rate, duration, quickAddDelete);
  }

  public Workload workers(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + count);
    }
    return new Workload(kinds, count, rate, duration, quickAddDelete);
  }

  /** Operations per Kube-OVN second, all workers together; 0 for as fast as the workers can go. */
  public Workload rate(double operationsPerSecond) {
    if (operationsPerSecond < 0 || Double.isNaN(operationsPerSecond)) {
      throw new IllegalArgumentException("rate must be >= 0, got " + operationsPerSecond);
    }
    return new Workload(kinds, workers, operationsPerSecond, duration, quickAddDelete);
  }

  /** How long the workload runs, in Kube-OVN time. */
  public Workload duration(Duration kubeOvnTime) {
    if (kubeOvnTime.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + kubeOvnTime);
    }
    return new Workload(kinds, workers, rate, kubeOvnTime, quickAddDelete);
  }

  /** Share of re-creations done as a quick create + delete (kube-ovn#5115's trigger), 0..1. */
  public Workload quickAddDelete(double share) {
    if (share < 0 || share > 1) {
      throw new IllegalArgumentException("quick add/delete share must be in 0..1, got " + share);
    }
    return new Workload(kinds, workers, rate, duration, share);
  }

  /** Unset workers, rate and duration from {@code chaos.workload.workers}, {@code .rate}, {@code .duration}. */
  public Workload resolve(TargetSettings settings) {
    return new Workload(kinds,
        workers != null ? workers : settings.getInt(WORKERS, DEFAULT_WORKERS),
        rate != null ? rate : settings.getDouble(RATE, DEFAULT_RATE),
        duration != null ? duration : settings.getDuration(DURATION, DEFAULT_DURATION),
        quickAddDelete);
  }

  /**
   * A resolved workload run longer ({@code durationFactor}) and by more workers ({@code workersFactor}, the total
   * rate growing with them so each worker keeps its pace).
   */
  public Workload scaled(double durationFactor, double workersFactor) {
    if (workers == null || rate == null || duration == null) {
      throw new IllegalStateException("scale a resolved workload: " + this);
    }
    int scaledWorkers = Math.max(1, (int) Math.round(workers * workersFactor));
    return new Workload(kinds, scaledWorkers, rate * scaledWorkers / workers,
        Duration.ofNanos(Math.round(duration.toNanos() * durationFactor)), quickAddDelete);
  }

  public Set<NatResourceKind> kinds() {
    return kinds;
  }

  /** @throws IllegalStateException before {@link #resolve} when not set */
  public int workers() {
    return required(workers, "workers");
  }

  public double rate() {
    return required(rate, "rate");
  }

  public Duration duration() {
    return required(duration, "duration");
  }

  public double quickAddDeleteShare() {
    return quickAddDelete;
  }

  /** The slots of this workload's kinds among {@code candidates}, in their order. */
  public List<Slot> select(List<Slot> candidates) {
    List<Slot> selected = new ArrayList<>();
    for (Slot slot : candidates) {
      if (kinds.contains(slot.kind())) {
        selected.add(slot);
      }
    }
    return selected;
  }

  /** The deterministic plan of this (resolved) workload over {@code slots}. */
  public WorkloadPlan plan(List<Slot> slots, long seed) {
    return WorkloadPlan.of(select(slots), workers(), quickAddDelete, seed);
  }

  private <T> T required(T value, String what) {
    if (value == null) {
      throw new IllegalStateException("workload " + what + " not set: call resolve(settings) first");
    }
    return value;
  }

  @Override
  public String toString() {
    return "churn of " + kinds.stream().map(NatResourceKind::shortName).sorted().toList() + " with "
        + (workers == null ? "?" : workers) + " workers at " + (rate == null ? "?" : rate) + " op/s for "
        + (duration == null ? "?" : duration);
  }
}

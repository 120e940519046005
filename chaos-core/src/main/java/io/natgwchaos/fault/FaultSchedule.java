package io.natgwchaos.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * When faults happen, relative to the start of the workload, in Kube-OVN time (the engine multiplies by the
 * target's time scale). An offset may be a range; {@link #plan(long)} draws every range from one seed, so the
 * same seed always gives the same fault times.
 */
public final class FaultSchedule {
  /** One line of the schedule: a fault at a fixed offset or somewhere in {@code [from, to]}, held for a while. */
  public record Entry(Duration from, Duration to, Fault fault, Duration holdFor) {
    public Entry {
      Objects.requireNonNull(fault, "fault");
      if (from.isNegative() || to.compareTo(from) < 0 || holdFor.isNegative()) {
        throw new IllegalArgumentException("fault " + fault.name() + ": need 0 <= from <= to and holdFor >= 0, got "
            + from + ".." + to + " held " + holdFor);
      }
    }
  }

  private static final FaultSchedule NONE = new FaultSchedule(List.of());

  private final List<Entry> entries;

  private FaultSchedule(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static FaultSchedule none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Entry> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Every offset and hold multiplied by {@code factor} (a longer run keeps the same shape). */
  public FaultSchedule stretchedBy(double factor) {
    if (factor == 1.0) {
      return this;
    }
    return new FaultSchedule(entries.stream().map(e -> new Entry(times(e.from(), factor), times(e.to(), factor),
        e.fault(), times(e.holdFor(), factor))).toList());
  }

  private static Duration times(Duration duration, double factor) {
    return Duration.ofNanos(Math.round(duration.toNanos() * factor));
  }

  /**
   * Fixes every offset: ranges are drawn in entry order from {@code seed}; the result is ordered by offset (ties
   * keep entry order).
   */
  public List<PlannedFault> plan(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<PlannedFault> planned = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      long spanMillis = entry.to().minus(entry.from()).toMillis();
      Duration at = spanMillis == 0 ? entry.from() : entry.from().plusMillis(random.nextLong(spanMillis + 1));
      planned.add(new PlannedFault(i, at, entry.holdFor(), entry.fault()));
    }
    planned.sort(Comparator.comparing(PlannedFault::at).thenComparingInt(PlannedFault::index));
    return List.copyOf(planned);
  }

  @Override
  public String toString() {
    return entries.toString();
  }

  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();

    private Builder() {}

    /** {@code fault} at {@code offset}, healed right after it is injected. */
    public Builder at(Duration offset, Fault fault) {
      return at(offset, fault, Duration.ZERO);
    }

    /** {@code fault} at {@code offset}, healed {@code holdFor} later (or when the workload ends, if sooner). */
    public Builder at(Duration offset, Fault fault, Duration holdFor) {
      entries.add(new Entry(offset, offset, fault, holdFor));
      return this;
    }

    /** {@code fault} at an offset drawn from {@code [from, to]} with the run's seed. */
    public Builder between(Duration from, Duration to, Fault fault) {
      return between(from, to, fault, Duration.ZERO);
    }

    public Builder between(Duration from, Duration to, Fault fault, Duration holdFor) {
      entries.add(new Entry(from, to, fault, holdFor));
      return this;
    }

    /** {@code times} injections of {@code fault}, the first at {@code first}, then every {@code period}. */
    public Builder every(Duration period, Duration first, int times, Fault fault, Duration holdFor) {
      if (period.isNegative() || period.isZero() || times < 1) {
        throw new IllegalArgumentException("fault " + fault.name() + ": need a positive period and times >= 1");
      }
      for (int i = 0; i < times; i++) {
        at(first.plus(period.multipliedBy(i)), fault, holdFor);
      }
      return this;
    }

    public FaultSchedule build() {
      return entries.isEmpty() ? NONE : new FaultSchedule(entries);
    }
  }
}

package io.natgwchaos.history;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The thread-safe, append-only log a run writes its history into. It owns the run's monotonic clock:
 * every entry gets its sequence number and time at the moment it is appended, under one lock, so
 * sequence order and time order agree.
 */
public final class HistoryLog {
  /** Builds an entry once its sequence number and time are known. */
  @FunctionalInterface
  public interface EntryFactory<T extends HistoryEntry> {
    T create(long seq, long time);
  }

  private final LongSupplier nanoClock;
  private final long origin;
  private final List<HistoryEntry> entries = new ArrayList<>();

  public HistoryLog() {
    this(System::nanoTime);
  }

  /** With an explicit nanosecond clock, for tests. */
  public HistoryLog(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.origin = nanoClock.getAsLong();
  }

  public <T extends HistoryEntry> T append(EntryFactory<T> factory) {
    synchronized (entries) {
      long time = Math.max(nanoClock.getAsLong() - origin, entries.isEmpty() ? 0 : last().time());
      T entry = factory.create(entries.size(), time);
      if (entry.seq() != entries.size() || entry.time() != time) {
        throw new IllegalStateException("an entry factory must use the seq and time it is given");
      }
      entries.add(entry);
      return entry;
    }
  }

  /** Nanoseconds since the log was created, on the log's clock. */
  public long now() {
    return nanoClock.getAsLong() - origin;
  }

  /** An immutable copy of everything appended so far. */
  public History snapshot() {
    synchronized (entries) {
      return new History(entries);
    }
  }

  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  private HistoryEntry last() {
    return entries.get(entries.size() - 1);
  }
}

package io.natgwchaos.history;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** An immutable, time-ordered list of entries: everything one experiment run saw. */
public record History(List<HistoryEntry> entries) {

  public History {
    entries = List.copyOf(entries);
    for (int i = 1; i < entries.size(); i++) {
      HistoryEntry previous = entries.get(i - 1);
      HistoryEntry current = entries.get(i);
      if (current.seq() <= previous.seq() || current.time() < previous.time()) {
        throw new IllegalArgumentException("history entries must be ordered by seq and time: entry "
            + current.seq() + " at " + current.time() + " ns follows entry " + previous.seq() + " at "
            + previous.time() + " ns");
      }
    }
  }

  public static History of(HistoryEntry... entries) {
    return new History(List.of(entries));
  }

  public <T extends HistoryEntry> Stream<T> entries(Class<T> type) {
    return entries.stream().filter(type::isInstance).map(type::cast);
  }

  public Optional<RunStarted> runStarted() {
    return entries(RunStarted.class).findFirst();
  }

  /** Time of the first marker of {@code phase}, if the run got there. */
  public Optional<Long> timeOf(RunPhase phase) {
    return entries(PhaseMarker.class).filter(m -> m.phase() == phase).map(PhaseMarker::time).findFirst();
  }

  /** Time of the last entry, or 0 for an empty history. */
  public long endTime() {
    return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).time();
  }

  public Optional<HistoryEntry> entry(long seq) {
    return entries.stream().filter(e -> e.seq() == seq).findFirst();
  }

  public int size() {
    return entries.size();
  }
}

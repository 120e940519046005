package io.natgwchaos.twin.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the twin's machinery did, newest last, for diagnostics: pods scheduled, started, killed,
 * controller instances started and stopped, script execs. Bounded: the oldest entries go first.
 */
public final class EventLog {
  /** One thing that happened. */
  public record Entry(Instant at, String source, String message) {
    @Override
    public String toString() {
      return at + " " + source + ": " + message;
    }
  }

  private final Clock clock;
  private final int capacity;
  private final Deque<Entry> entries = new ArrayDeque<>();

  public EventLog(Clock clock, int capacity) {
    this.clock = clock;
    this.capacity = capacity;
  }

  public void record(String source, String message) {
    Entry entry = new Entry(clock.instant(), source, message);
    synchronized (entries) {
      if (entries.size() == capacity) {
        entries.removeFirst();
      }
      entries.addLast(entry);
    }
  }

  public List<Entry> entries() {
    synchronized (entries) {
      return new ArrayList<>(entries);
    }
  }

  /** Entries from {@code source} whose message contains {@code text}. */
  public List<Entry> find(String source, String text) {
    return entries().stream().filter(e -> e.source().equals(source) && e.message().contains(text)).toList();
  }
}

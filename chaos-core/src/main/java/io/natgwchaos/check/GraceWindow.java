package io.natgwchaos.check;

import io.natgwchaos.history.ResourceObserved;
import io.natgwchaos.history.SnapshotTaken;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides which findings count: one counts when the same key is present on consecutive checkable snapshots
 * of its gateway for at least the grace time (first seen to last seen). A checkable snapshot without the key
 * ends its streak; a snapshot that cannot be checked, or a fault, cuts every streak of the gateway.
 */
final class GraceWindow {
  /** A finding seen on consecutive checkable snapshots. */
  record Streak(Finding first, SnapshotTaken firstSeen, Finding last, SnapshotTaken lastSeen,
      ResourceObserved observation) {
    long lengthNanos() {
      return lastSeen.time() - firstSeen.time();
    }
  }

  private final long graceNanos;
  private final Map<String, Map<Finding.Key, Streak>> open = new HashMap<>();
  private final List<Streak> counted = new ArrayList<>();

  GraceWindow(long graceNanos) {
    this.graceNanos = graceNanos;
  }

  /** A checkable snapshot with what it showed. */
  void observe(SnapshotTaken taken, List<Finding> findings, Function<ResourceRef, ResourceObserved> observations) {
    String gateway = taken.snapshot().gateway();
    Map<Finding.Key, Streak> streaks = open.computeIfAbsent(gateway, g -> new LinkedHashMap<>());
    Map<Finding.Key, Finding> now = new LinkedHashMap<>();
    for (Finding finding : findings) {
      now.putIfAbsent(finding.key(), finding);
    }
    for (Iterator<Map.Entry<Finding.Key, Streak>> it = streaks.entrySet().iterator(); it.hasNext();) {
      Map.Entry<Finding.Key, Streak> entry = it.next();
      if (!now.containsKey(entry.getKey())) {
        close(entry.getValue());
        it.remove();
      }
    }
    for (Map.Entry<Finding.Key, Finding> entry : now.entrySet()) {
      Finding finding = entry.getValue();
      ResourceObserved observation = observations.apply(finding.resource());
      Streak streak = streaks.get(entry.getKey());
      streaks.put(entry.getKey(), streak == null
          ? new Streak(finding, taken, finding, taken, observation)
          : new Streak(streak.first(), streak.firstSeen(), finding, taken, observation));
    }
  }

  /** Ends every streak of {@code gateway}: its next snapshot cannot continue them. */
  void cut(String gateway) {
    Map<Finding.Key, Streak> streaks = open.remove(gateway);
    if (streaks != null) {
      streaks.values().forEach(this::close);
    }
  }

  void cutAll() {
    for (String gateway : List.copyOf(open.keySet())) {
      cut(gateway);
    }
  }

  /** Closes what is still open and returns every streak that lasted at least the grace time, in order seen. */
  List<Streak> finish() {
    cutAll();
    return List.copyOf(counted);
  }

  private void close(Streak streak) {
    if (streak.lengthNanos() >= graceNanos) {
      counted.add(streak);
    }
  }
}

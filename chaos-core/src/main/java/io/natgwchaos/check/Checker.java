package io.natgwchaos.check;

import io.natgwchaos.history.FaultEvent;
import io.natgwchaos.history.FaultPhase;
import io.natgwchaos.history.History;
import io.natgwchaos.history.HistoryEntry;
import io.natgwchaos.history.PhaseMarker;
import io.natgwchaos.history.RunPhase;
import io.natgwchaos.history.SnapshotTaken;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The oracle: S1-S4 and liveness over a recorded history (DESIGN.md §5). A pure function of the history and
 * the settings; its output is sorted, so the same history always gives the same report.
 */
public final class Checker {
  static final Comparator<Violation> ORDER = Comparator
      .comparing(Violation::invariant)
      .thenComparingLong(v -> v.interval().fromNanos())
      .thenComparing(v -> v.resource().kind())
      .thenComparing(v -> v.resource().name())
      .thenComparing(Violation::message);

  private Checker() {}

  public static CheckReport check(History history, CheckSettings settings) {
    Evidence evidence = new Evidence(history);
    boolean gated = history.timeOf(RunPhase.PROVISIONED).isPresent();
    PhaseMarker quiesced = history.entries(PhaseMarker.class).filter(m -> m.phase() == RunPhase.QUIESCED)
        .findFirst().orElse(null);
    Replay replay = new Replay(gated);
    GraceWindow grace = new GraceWindow(settings.grace().toNanos());
    LivenessCheck liveness = quiesced == null ? null : new LivenessCheck(quiesced, settings.settle().toNanos());

    for (HistoryEntry entry : history.entries()) {
      replay.apply(entry);
      if (entry instanceof FaultEvent fault && fault.phase() == FaultPhase.START) {
        grace.cutAll();
      } else if (entry instanceof SnapshotTaken taken) {
        String gateway = taken.snapshot().gateway();
        String whyNot = replay.whyNotCheckable(taken.snapshot());
        List<Finding> findings = null;
        if (whyNot == null) {
          findings = SafetyCheck.evaluate(taken.snapshot(), replay.resources());
          grace.observe(taken, findings, replay::latestObservation);
        } else {
          grace.cut(gateway);
        }
        if (liveness != null && taken.time() >= quiesced.time()) {
          liveness.snapshot(taken, whyNot, findings, replay.resources(), replay.pod(gateway));
        }
      }
    }

    Map<Invariant, List<Violation>> byInvariant = new EnumMap<>(Invariant.class);
    for (Invariant invariant : Invariant.values()) {
      byInvariant.put(invariant, new ArrayList<>());
    }
    for (GraceWindow.Streak streak : grace.finish()) {
      byInvariant.get(streak.first().invariant()).add(safetyViolation(streak, evidence));
    }
    List<String> notes = new ArrayList<>();
    List<String> inconclusive = new ArrayList<>();
    if (liveness == null) {
      notes.add("no QUIESCED marker: liveness not evaluated");
    } else {
      LivenessCheck.Outcome outcome = liveness.judge(replay, history.endTime(), evidence);
      byInvariant.get(Invariant.LIVENESS).addAll(outcome.violations());
      notes.addAll(outcome.notes());
      inconclusive.addAll(outcome.inconclusive());
    }
    if (history.entries(SnapshotTaken.class).findAny().isEmpty()) {
      notes.add("no gateway snapshots: S1-S4 not evaluated");
    }
    List<Verdict> verdicts = new ArrayList<>();
    byInvariant.forEach((invariant, violations) -> {
      violations.sort(ORDER);
      verdicts.add(new Verdict(invariant, violations));
    });
    return new CheckReport(verdicts, notes, inconclusive);
  }

  /** The verdict on one invariant; the same as {@code check(history, settings).verdict(invariant)}. */
  public static Verdict verdict(Invariant invariant, History history, CheckSettings settings) {
    return check(history, settings).verdict(invariant);
  }

  private static Violation safetyViolation(GraceWindow.Streak streak, Evidence evidence) {
    Finding first = streak.first();
    Finding last = streak.last();
    Interval interval = new Interval(streak.firstSeen().time(), streak.lastSeen().time());
    List<Witness> witnesses = new ArrayList<>();
    witnesses.add(Witnesses.snapshot(streak.firstSeen(), first.shows()));
    if (streak.lastSeen() != streak.firstSeen()) {
      witnesses.add(Witnesses.snapshot(streak.lastSeen(), last.shows()));
    }
    if (streak.observation() != null) {
      witnesses.add(Witnesses.observation(streak.observation(), "latest observation"));
    }
    KnownIssues.Match match = KnownIssues.match(
        new KnownIssues.Case(last, interval, streak.firstSeen(), streak.lastSeen(), null), evidence);
    witnesses = Witnesses.merge(witnesses, match == null ? List.of() : match.evidence());
    String message = last.message() + String.format(" (for %.3fs)", interval.lengthNanos() / 1e9);
    return new Violation(first.invariant(), first.resource(), interval, message, witnesses,
        match == null ? null : match.issue());
  }
}

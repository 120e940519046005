package io.natgwchaos.check;

import io.natgwchaos.history.GatewayPodState;
import io.natgwchaos.history.NatResourceState;
import io.natgwchaos.history.PhaseMarker;
import io.natgwchaos.history.ResourceObserved;
import io.natgwchaos.history.SnapshotTaken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Liveness: after QUIESCED, within the settle time, every resource is ready, every gateway pod is running and
 * initialised, and S1-S4 hold on each gateway's last snapshot (no grace). Fed the snapshots after QUIESCED as
 * the replay reaches them; judged on the state at the end of the history.
 */
final class LivenessCheck {
  /** A snapshot after QUIESCED: whether it was good, and what it showed. */
  private record After(SnapshotTaken taken, boolean good, String whyNotCheckable, Set<Finding.Key> keys) {}

  /** What liveness found: violations, or (when the history ended too early) inconclusive lines. */
  record Outcome(List<Violation> violations, List<String> inconclusive, List<String> notes) {}

  private final PhaseMarker quiesced;
  private final long settleNanos;
  private final Map<String, List<After>> after = new TreeMap<>();

  LivenessCheck(PhaseMarker quiesced, long settleNanos) {
    this.quiesced = quiesced;
    this.settleNanos = settleNanos;
  }

  /**
   * A snapshot taken after QUIESCED.
   *
   * @param findings what S1-S4 showed, null when it could not be checked
   */
  void snapshot(SnapshotTaken taken, String whyNotCheckable, List<Finding> findings, NatResources resources,
      GatewayPodState pod) {
    String gateway = taken.snapshot().gateway();
    Set<Finding.Key> keys = new HashSet<>();
    if (findings != null) {
      findings.forEach(f -> keys.add(f.key()));
    }
    boolean good = whyNotCheckable == null && keys.isEmpty() && settled(resources, gateway)
        && (pod == null || pod.isRunning() && pod.initialised());
    after.computeIfAbsent(gateway, g -> new ArrayList<>()).add(new After(taken, good, whyNotCheckable, keys));
  }

  private static boolean settled(NatResources resources, String gateway) {
    for (NatResourceState state : resources.eipsOf(gateway)) {
      if (!state.ready() || state.terminating()) {
        return false;
      }
    }
    for (NatResourceState state : resources.natRulesOf(gateway)) {
      if (!state.ready() || state.terminating()) {
        return false;
      }
    }
    return true;
  }

  Outcome judge(Replay end, long endNanos, Evidence evidence) {
    long deadline = quiesced.time() + settleNanos;
    NatResources resources = end.resources();
    List<Candidate> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();

    for (NatResourceState state : resources.all()) {
      ResourceRef ref = SafetyCheck.ref(state);
      ResourceObserved latest = end.latestObservation(ref);
      if (state.terminating()) {
        Evidence.Incarnation life = evidence.current(ref);
        ResourceObserved since = life == null ? latest : life.firstTerminating();
        problems.add(new Candidate(new Finding(Invariant.LIVENESS, ref, null, "stuck terminating",
            state.ref() + " is stuck terminating (finalizers " + state.finalizers() + ")",
            "terminating", new Finding.StuckTerminating(state)), since == null ? quiesced.time() : since.time(),
            null, null, latest));
      } else if (!state.ready()) {
        problems.add(new Candidate(new Finding(Invariant.LIVENESS, ref, null, "not ready",
            state.ref() + " is not ready" + (state.redo() == null ? "" : " (redo=" + state.redo() + ")"),
            "not ready", new Finding.NotReady(state)), notReadySince(evidence, ref, latest), null, null, latest));
      }
    }

    Set<String> gateways = new TreeSet<>(end.gatewaysSeen());
    gateways.addAll(resources.gateways());
    for (String gateway : gateways) {
      List<After> snapshots = after.getOrDefault(gateway, List.of());
      After last = snapshots.isEmpty() ? null : snapshots.get(snapshots.size() - 1);
      GatewayPodState pod = end.pod(gateway);
      boolean podBad = pod != null ? !(pod.isRunning() && pod.initialised())
          : last != null && !last.taken().snapshot().initialised();
      if (podBad) {
        String state = pod == null ? "not initialised (per its last snapshot)"
            : !pod.isRunning() ? "not running (phase " + pod.phase() + (pod.terminating() ? ", terminating" : "") + ")"
            : "running but not initialised";
        problems.add(new Candidate(new Finding(Invariant.LIVENESS, new ResourceRef("gateway", gateway), gateway,
            "pod not ready", "gateway " + gateway + " pod " + (pod == null ? "" : pod.name() + " uid=" + pod.uid() + " ")
                + "is " + state, state, new Finding.PodNotReady(gateway, pod)), quiesced.time(), null,
            last == null ? null : last.taken(), null));
      }
      if (last == null) {
        notes.add("no snapshot of gateway " + gateway + " after QUIESCED: its dataplane was not checked for liveness");
        continue;
      }
      if (last.whyNotCheckable() != null && !podBad) {
        notes.add("last snapshot of gateway " + gateway + " (#" + last.taken().seq() + ") could not be checked: "
            + last.whyNotCheckable());
      }
      if (last.whyNotCheckable() == null) {
        for (Finding finding : SafetyCheck.evaluate(last.taken().snapshot(), resources)) {
          SnapshotTaken since = trailingRunStart(snapshots, finding.key());
          problems.add(new Candidate(finding, since == null ? last.taken().time() : since.time(),
              since, last.taken(), end.latestObservation(finding.resource())));
        }
      }
      int converged = snapshots.size();
      while (converged > 0 && snapshots.get(converged - 1).good()) {
        converged--;
      }
      if (converged < snapshots.size() && snapshots.get(converged).taken().time() > deadline) {
        SnapshotTaken first = snapshots.get(converged).taken();
        problems.add(new Candidate(new Finding(Invariant.LIVENESS, new ResourceRef("gateway", gateway), gateway,
            "converged late", String.format("gateway %s converged %.3fs after QUIESCED, later than the settle time %.3fs",
                gateway, (first.time() - quiesced.time()) / 1e9, settleNanos / 1e9),
            "is the first of the good snapshots that follow", new Finding.LateConvergence(gateway, first.time())),
            quiesced.time(), first, first, null));
      }
    }

    if (endNanos < deadline) {
      List<String> inconclusive = new ArrayList<>();
      for (Candidate problem : problems) {
        inconclusive.add(String.format("%s: %s; the history ends %.3fs after QUIESCED, before the settle time %.3fs",
            problem.finding().resource(), problem.finding().message(), (endNanos - quiesced.time()) / 1e9,
            settleNanos / 1e9));
      }
      return new Outcome(List.of(), inconclusive, notes);
    }
    List<Violation> violations = new ArrayList<>();
    for (Candidate problem : problems) {
      violations.add(toViolation(problem, endNanos, evidence, resources));
    }
    return new Outcome(violations, List.of(), notes);
  }

  private static long notReadySince(Evidence evidence, ResourceRef ref, ResourceObserved latest) {
    List<ResourceObserved> observations = evidence.observations(ref);
    long since = latest == null ? 0 : latest.time();
    for (int i = observations.size() - 1; i >= 0 && !observations.get(i).state().ready(); i--) {
      since = observations.get(i).time();
    }
    return since;
  }

  private static SnapshotTaken trailingRunStart(List<After> snapshots, Finding.Key key) {
    SnapshotTaken since = null;
    for (int i = snapshots.size() - 1; i >= 0 && snapshots.get(i).keys().contains(key); i--) {
      since = snapshots.get(i).taken();
    }
    return since;
  }

  /** A liveness problem at the end, before it is known whether the history ran long enough to call it. */
  private record Candidate(Finding finding, long since, SnapshotTaken first, SnapshotTaken last,
      ResourceObserved observation) {}

  private Violation toViolation(Candidate c, long endNanos, Evidence evidence, NatResources resources) {
    Finding finding = c.finding();
    boolean late = finding.subject() instanceof Finding.LateConvergence;
    Interval interval = late
        ? new Interval(quiesced.time(), Math.max(quiesced.time(), c.first() == null ? quiesced.time() : c.first().time()))
        : new Interval(Math.min(c.since(), endNanos), endNanos);
    String prefix = finding.invariant() == Invariant.LIVENESS ? "" : finding.invariant() + " after settling: ";
    String message = late ? finding.message() : prefix + finding.message() + String.format(
        " - still at the end, %.3fs after QUIESCED (settle %.3fs)", (endNanos - quiesced.time()) / 1e9,
        settleNanos / 1e9);
    List<Witness> witnesses = new ArrayList<>();
    witnesses.add(Witnesses.marker(quiesced, "liveness is measured from here"));
    if (c.first() != null && c.first() != c.last()) {
      witnesses.add(Witnesses.snapshot(c.first(), finding.shows()));
    }
    if (c.last() != null) {
      witnesses.add(Witnesses.snapshot(c.last(), finding.shows()));
    }
    if (c.observation() != null) {
      witnesses.add(Witnesses.observation(c.observation(), "latest observation"));
    }
    KnownIssues.Match match = KnownIssues.match(
        new KnownIssues.Case(finding, interval, c.first(), c.last(), resources), evidence);
    witnesses = Witnesses.merge(witnesses, match == null ? List.of() : match.evidence());
    return new Violation(Invariant.LIVENESS, finding.resource(), interval, message, witnesses,
        match == null ? null : match.issue());
  }
}

package io.natgwchaos.check;

import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.gateway.NatRule;
import io.natgwchaos.history.FaultEvent;
import io.natgwchaos.history.FaultPhase;
import io.natgwchaos.history.GatewayPodObserved;
import io.natgwchaos.history.GatewayPodState;
import io.natgwchaos.history.NatResourceState;
import io.natgwchaos.history.OperationEvent;
import io.natgwchaos.history.OperationPhase;
import io.natgwchaos.history.ResourceObserved;
import io.natgwchaos.history.SnapshotTaken;
import io.natgwchaos.kubeovn.NatResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Known-issue signatures. Each one looks for the mechanism of an upstream bug in the history (the
 * observations, snapshots and faults that make it up), never at a label the experiment put there; a match
 * comes with the entries that show the mechanism.
 */
public final class KnownIssues {
  public static final String REDO_RESET_READY = "kubeovn/kube-ovn#5114";
  public static final String QUICK_ADD_DELETE_LEAK = "kubeovn/kube-ovn#5115";
  public static final String SNAT_FINALIZER_REMOVED = "kubeovn/kube-ovn#5799";
  public static final String CONTAINER_RESTART_STATE_LOST = "kubeovn/kube-ovn#5029";
  public static final String TERMINATING_AFTER_CONTROLLER_RESTART = "kubeovn/kube-ovn#7210";
  public static final String GLOBAL_REDO_STAMP = "candidate:global-redo-stamp";
  public static final String INIT_STOPS_AT_FIRST_GATEWAY = "candidate:init-stops-at-first-gateway";
  /**
   * {@code status.nat} computed right after a rule's label patch, from a lister that does not have the label yet,
   * and never recomputed (through v1.16.2; master's #6595 schedules an EIP reset after every add).
   */
  public static final String NAT_STALE_AFTER_ADD = "kubeovn/kube-ovn#6595";
  /**
   * Rule redo marking sets the EIP not ready without looking at the EIP's own redo stamp: an EIP already
   * re-programmed for stamp R is set not ready again with the same R, which no handler reacts to.
   */
  public static final String RULE_REDO_MARKS_EIP = "candidate:rule-redo-marks-eip";
  /**
   * A status write built from a stale lister copy puts back fields another writer had changed (whole-status merge
   * patches, reference §2.5): an EIP that got its address loses it again and stays not ready, or an EIP marked for
   * redo gets its earlier ready=true and redo stamp back and is never re-programmed.
   */
  public static final String STALE_STATUS_PATCH = "candidate:stale-status-patch";
  /**
   * The EIP reset that recomputes {@code status.nat} after a rule's deletion is scheduled in the controller's
   * memory (a delayed queue add); a controller restart before it fires loses it, and the new controller's EIP
   * add path returns early for a ready EIP, so the stale kind stays.
   */
  public static final String RESET_LOST_ON_RESTART = "candidate:reset-lost-on-restart";
  /**
   * Through v1.15 a rule's update handler re-programs it as delete then add on every status change; a controller
   * killed between the two leaves the rule ready without its iptables rules, and the new controller's add handler
   * returns early for a ready rule.
   */
  public static final String RESTART_BETWEEN_DEL_AND_ADD = "candidate:restart-between-del-and-add";

  private KnownIssues() {}

  /** A signature that matched, and the entries that show its mechanism. */
  record Match(String issue, List<Witness> evidence) {}

  /**
   * What a violation is about, for the signatures.
   *
   * @param finding the discrepancy
   * @param interval when it was seen
   * @param first the first snapshot that showed it, or null for a discrepancy in the resources alone
   * @param last the last snapshot that showed it, or null
   * @param endResources the resources at the end (liveness), or null
   */
  record Case(Finding finding, Interval interval, SnapshotTaken first, SnapshotTaken last, NatResources endResources) {}

  static Match match(Case c, Evidence evidence) {
    Finding.Subject subject = c.finding().subject();
    if (subject instanceof Finding.MissingAddress missing) {
      Match match = redoResetReady(c, missing, evidence);
      if (match == null) {
        match = redoMarkReverted(c, missing, evidence);
      }
      return match != null ? match
          : containerRestart(c, evidence, s -> evidence.addresses(s).contains(missing.ip()), missing.ip() + " on net1");
    }
    if (subject instanceof Finding.MissingRule missing) {
      Match match = missing.occupant() == null ? null : leakOwner(missing.occupant(), evidence, "holds the slot of "
          + missing.owner().ref() + "'s rule: it is the leftover of");
      if (match != null) {
        return match;
      }
      if (missing.expected() == null) {
        return null;
      }
      match = containerRestart(c, evidence, s -> evidence.ruleKeys(s).contains(missing.expected()),
          missing.expected().describe());
      return match != null ? match : restartBetweenDelAndAdd(c, missing, evidence);
    }
    if (subject instanceof Finding.LeakedRule leaked) {
      return leakOwner(leaked.rule(), evidence, "is the leftover of");
    }
    if (subject instanceof Finding.WrongNat wrong) {
      Match match = staleNat(wrong, evidence);
      if (match == null) {
        match = natStaleAfterAdd(wrong, c, evidence);
      }
      return match != null ? match : resetLostOnRestart(wrong, evidence, c.interval().toNanos());
    }
    if (subject instanceof Finding.StuckTerminating stuck) {
      return terminatingAfterControllerRestart(stuck.state(), evidence, c.interval().toNanos());
    }
    if (subject instanceof Finding.NotReady notReady) {
      Match match = globalRedoStamp(notReady.state(), c.endResources(), evidence);
      if (match == null) {
        match = ruleRedoMarksEip(notReady.state(), evidence);
      }
      return match != null ? match : staleStatusPatch(notReady.state(), evidence);
    }
    if (subject instanceof Finding.PodNotReady pod) {
      return initStopsAtFirstGateway(pod, evidence, c.interval().toNanos());
    }
    return null;
  }

  /**
   * #5114: the EIP was marked {ready=false, redo=R} for a new pod, then set ready=true with the same R although
   * no snapshot of that pod in between had its address: something other than the redo (the delayed reset after
   * a FIP delete, a FIP add) wrote ready=true, and the redo then skipped the EIP as ready.
   */
  private static Match redoResetReady(Case c, Finding.MissingAddress missing, Evidence evidence) {
    List<ResourceObserved> observations = evidence.observations(new ResourceRef("eip", missing.eip()));
    int becameReady = -1;
    for (int j = observations.size() - 1; j > 0; j--) {
      if (observations.get(j).time() <= c.interval().toNanos() && observations.get(j).state().ready()
          && !observations.get(j - 1).state().ready()) {
        becameReady = j;
        break;
      }
    }
    if (becameReady < 0) {
      return null;
    }
    ResourceObserved ready = observations.get(becameReady);
    String redo = ready.state().redo();
    if (redo == null) {
      return null;
    }
    ResourceObserved marked = null;
    for (int i = becameReady - 1; i >= 0 && !observations.get(i).state().ready(); i--) {
      if (redo.equals(observations.get(i).state().redo())) {
        marked = observations.get(i);
      }
    }
    if (marked == null) {
      return null;
    }
    String gateway = c.finding().gateway();
    String podUid = evidence.podUidAt(gateway, ready.time());
    if (podUid == null || c.last() != null && !podUid.equals(c.last().snapshot().podUid())) {
      return null;
    }
    String ip = ready.state().v4ip() != null ? ready.state().v4ip() : missing.ip();
    int between = 0;
    for (SnapshotTaken taken : evidence.snapshots(gateway)) {
      if (taken.time() > marked.time() && taken.time() <= ready.time() && podUid.equals(taken.snapshot().podUid())) {
        if (evidence.addresses(taken).contains(ip)) {
          return null;
        }
        between++;
      }
    }
    return new Match(REDO_RESET_READY, List.of(
        Witnesses.observation(marked, "marked for redo with redo=" + redo),
        Witnesses.observation(ready, "set ready with the same redo, though none of the " + between
            + " snapshots of pod uid=" + podUid + " since the marking had " + ip
            + " (a ready=true write other than the redo, e.g. the delayed EIP reset after a FIP delete)")));
  }

  /**
   * Stale status patch reverting a redo mark: the EIP was marked {ready=false, redo=R} for a new pod, and the next
   * write set ready=true with an older redo stamp, or none if the EIP had never had one, i.e. a whole status built
   * from a copy taken before the mark. The redo never sees the EIP as pending again, so its address never reaches
   * the new pod.
   */
  private static Match redoMarkReverted(Case c, Finding.MissingAddress missing, Evidence evidence) {
    List<ResourceObserved> observations = evidence.observations(new ResourceRef("eip", missing.eip()));
    for (int j = observations.size() - 1; j > 0; j--) {
      ResourceObserved ready = observations.get(j);
      ResourceObserved marked = observations.get(j - 1);
      if (ready.time() > c.interval().toNanos() || !ready.state().ready() || marked.state().ready()) {
        continue;
      }
      String newer = marked.state().redo();
      String older = ready.state().redo();
      if (newer == null || newer.equals(older)) {
        return null;
      }
      for (int i = j - 2; i >= 0; i--) {
        if (java.util.Objects.equals(older, observations.get(i).state().redo())) {
          return new Match(STALE_STATUS_PATCH, List.of(
              Witnesses.observation(marked, "marked for redo with redo=" + newer),
              Witnesses.observation(ready, "set ready with the earlier redo=" + (older == null ? "(none)" : older)
                  + ": a whole-status write from a copy taken before the mark undid it, so the redo never re-adds"
                  + " the address")));
        }
      }
      return null;
    }
    return null;
  }

  /**
   * Restart between delete and add: the rule was already ready when a controller restart began, stayed ready, and
   * the first snapshot that lacks its rule comes after that restart began: the update handler's delete ran, the
   * add did not, and nothing re-programs a ready rule.
   */
  private static Match restartBetweenDelAndAdd(Case c, Finding.MissingRule missing, Evidence evidence) {
    SnapshotTaken first = c.first() != null ? c.first() : c.last();
    if (first == null) {
      return null;
    }
    List<ResourceObserved> observations = evidence.observations(SafetyCheck.ref(missing.owner()));
    ResourceObserved readySince = null;
    for (ResourceObserved observed : observations) {
      if (observed.time() > first.time()) {
        break;
      }
      if (!observed.state().ready()) {
        readySince = null;
      } else if (readySince == null) {
        readySince = observed;
      }
    }
    if (readySince == null) {
      return null;
    }
    for (FaultEvent start : controllerFaultStarts(evidence)) {
      if (start.time() >= readySince.time() && start.time() <= first.time()) {
        return new Match(RESTART_BETWEEN_DEL_AND_ADD, List.of(
            Witnesses.observation(readySince, "ready, and stays ready"),
            Witnesses.fault(start, "the controller restarted while the rule's update (delete, then add) could be in"
                + " flight"),
            Witnesses.snapshot(first, "lacks " + missing.expected().describe() + " from here on: the add never ran,"
                + " and the new controller skips a ready rule")));
      }
    }
    return null;
  }

  /** #5029: the same pod (same uid) had it before, and its container has restarted since: state lost in place. */
  private static Match containerRestart(Case c, Evidence evidence, Predicate<SnapshotTaken> present, String what) {
    SnapshotTaken now = c.first() != null ? c.first() : c.last();
    if (now == null) {
      return null;
    }
    GatewaySnapshot current = now.snapshot();
    SnapshotTaken before = null;
    for (SnapshotTaken taken : evidence.snapshots(current.gateway())) {
      if (taken.time() >= now.time()) {
        break;
      }
      GatewaySnapshot s = taken.snapshot();
      if (s.podUid().equals(current.podUid()) && s.restartCount() < current.restartCount() && present.test(taken)) {
        before = taken;
      }
    }
    if (before == null) {
      return null;
    }
    return new Match(CONTAINER_RESTART_STATE_LOST, List.of(
        Witnesses.snapshot(before, "had " + what),
        Witnesses.snapshot(now, "is the same pod after a container restart and lacks " + what
            + ": nothing re-initialised it")));
  }

  /**
   * #5115 and #5799 on a rule no existing resource owns: the deleted resource it belonged to by addresses, and
   * how that resource lived ({@link #cleanupSkipped}).
   */
  private static Match leakOwner(NatRule rule, Evidence evidence, String relation) {
    RuleKey key = RuleKey.of(rule);
    if (key == null) {
      return null;
    }
    NatResourceKind kind = switch (key.shape()) {
      case FIP_DNAT, FIP_SNAT -> NatResourceKind.FIP;
      case SHARED_DNAT -> NatResourceKind.DNAT;
      case SHARED_SNAT -> NatResourceKind.SNAT;
      default -> null;
    };
    if (kind == null) {
      return null;
    }
    List<Evidence.Incarnation> owners = evidence.deletedOwners(key);
    for (int i = owners.size() - 1; i >= 0; i--) {
      Evidence.Incarnation owner = owners.get(i);
      if (!owner.ref().kind().equals(kind.shortName())) {
        continue;
      }
      CleanupSkipped skipped = cleanupSkipped(kind, owner, evidence);
      if (skipped == null) {
        continue;
      }
      List<Witness> witnesses = new ArrayList<>();
      witnesses.add(Witnesses.observation(owner.observations().get(0), rule.line() + " " + relation + " it"));
      witnesses.add(Witnesses.observation(owner.observations().get(owner.observations().size() - 1), skipped.how()));
      return new Match(skipped.issue(), witnesses);
    }
    return null;
  }

  /** Why a deleted rule resource's cleanup never ran, as the issue and how the resource lived. */
  private record CleanupSkipped(String issue, String how) {}

  /**
   * Why the deletion of {@code owner} ran no cleanup, or null when nothing says it skipped one (it was ready and
   * had the finalizer). #5799: an SNAT seen ready but never with the finalizer (the add helper removed it) in a
   * run where no SNAT ever had it; when other SNATs did get it, the helper works, and this one was deleted
   * between its ready status and its finalizer (up to v1.15 the SNAT finalizer comes last): #5115's window.
   * #5115 also: a FIP, DNAT or SNAT never seen with the finalizer, or deleted before it was ever ready
   * (programmed before the finalizer, deleted in between). Every signature that blames a skipped cleanup
   * (a leaked rule, a stale {@code status.nat}) decides through this one rule.
   */
  private static CleanupSkipped cleanupSkipped(NatResourceKind kind, Evidence.Incarnation owner, Evidence evidence) {
    boolean finalizer = owner.everHadFinalizer();
    boolean ready = owner.everReady();
    if (kind == NatResourceKind.SNAT && ready && !evidence.anyEverHadFinalizer(NatResourceKind.SNAT)) {
      return new CleanupSkipped(SNAT_FINALIZER_REMOVED,
          "was ready but never had the controller finalizer, so its deletion never removed the rule");
    }
    if (finalizer && ready) {
      return null;
    }
    return new CleanupSkipped(QUICK_ADD_DELETE_LEAK,
        !finalizer ? "never had the controller finalizer: it was programmed, then deleted without cleanup"
            : "was deleted before it was ever ready");
  }

  /**
   * Stale {@code status.nat} (#5115 / #5799): the EIP names a kind whose last user of it was deleted without the
   * finalizer, so the EIP reset that recomputes {@code nat} never ran; the add handler's own status patch
   * (reference §2.8 step 3) or the SNAT add had written the kind from a lister that still held the user.
   */
  private static Match staleNat(Finding.WrongNat wrong, Evidence evidence) {
    Set<String> extra = claimedWithoutUsers(wrong);
    if (extra.isEmpty()) {
      return null;
    }
    String issue = null;
    List<Witness> witnesses = new ArrayList<>();
    for (String kindName : extra) {
      NatResourceKind kind = NatResourceKind.parse(kindName);
      Evidence.Incarnation last = lastDeletedUser(evidence, kind, wrong.eip().name());
      if (last == null) {
        return null;
      }
      CleanupSkipped skipped = cleanupSkipped(kind, last, evidence);
      if (skipped == null || issue != null && !issue.equals(skipped.issue())) {
        return null;
      }
      issue = skipped.issue();
      witnesses.add(Witnesses.observation(last.observations().get(last.observations().size() - 1),
          "the last " + kindName + " on " + wrong.eip().ref() + " " + skipped.how()
              + "; nothing reset the EIP's status.nat either"));
    }
    return new Match(issue, witnesses);
  }

  /** Kinds the EIP's {@code status.nat} names that no live or leaving rule uses. */
  private static Set<String> claimedWithoutUsers(Finding.WrongNat wrong) {
    Set<String> extra = new TreeSet<>(wrong.claimed());
    extra.removeAll(wrong.used());
    extra.removeAll(wrong.leaving());
    return extra;
  }

  /** The last deleted rule of {@code kind} that used the EIP named {@code eip}, or null. */
  private static Evidence.Incarnation lastDeletedUser(Evidence evidence, NatResourceKind kind, String eip) {
    Evidence.Incarnation last = null;
    for (Evidence.Incarnation incarnation : evidence.deleted(kind)) {
      if (eip.equals(incarnation.any(NatResourceState::eip))) {
        last = incarnation;
      }
    }
    return last;
  }

  /**
   * #6595: the EIP's {@code status.nat} lacks a kind that a live rule using it has, and the EIP's status was last
   * written after that rule existed: the write computed {@code nat} from a lister that had not seen the rule's
   * {@code eip_v4_ip} label yet (the add handler patches the label and the EIP status back to back), and nothing
   * computed it again.
   */
  private static Match natStaleAfterAdd(Finding.WrongNat wrong, Case c, Evidence evidence) {
    Set<String> missing = new TreeSet<>(wrong.used());
    missing.removeAll(wrong.claimed());
    if (missing.isEmpty()) {
      return null;
    }
    List<ResourceObserved> eipHistory = evidence.observations(SafetyCheck.ref(wrong.eip()));
    ResourceObserved lastWrite = null;
    for (ResourceObserved observed : eipHistory) {
      if (observed.time() <= c.interval().toNanos()) {
        lastWrite = observed;
      }
    }
    if (lastWrite == null) {
      return null;
    }
    List<Witness> witnesses = new ArrayList<>();
    witnesses.add(Witnesses.observation(lastWrite, wrong.eip().ref() + "'s last status write: nat='"
        + (lastWrite.state().nat() == null ? "" : lastWrite.state().nat()) + "'"));
    for (String kindName : missing) {
      NatResourceKind kind = NatResourceKind.parse(kindName);
      ResourceObserved user = null;
      ResourceObserved labelledLater = null;
      for (Evidence.Incarnation incarnation : evidence.living(kind)) {
        if (!wrong.eip().name().equals(incarnation.any(NatResourceState::eip))) {
          continue;
        }
        for (ResourceObserved observed : incarnation.observations()) {
          if (observed.state().eipV4IpLabel() == null || observed.time() > c.interval().toNanos()) {
            continue;
          }
          if (observed.time() <= lastWrite.time()) {
            user = observed;
            break;
          }
          if (labelledLater == null) {
            labelledLater = observed;
          }
        }
        if (user != null) {
          break;
        }
      }
      if (user != null) {
        witnesses.add(Witnesses.observation(user, user.state().ref() + " already carried the eip_v4_ip label when"
            + " the EIP's nat was last computed without " + kindName));
      } else if (labelledLater != null) {
        // the add handler's EIP status patch ran from a lister without the label, found nat unchanged, wrote nothing
        witnesses.add(Witnesses.observation(labelledLater, labelledLater.state().ref() + " got the eip_v4_ip label"
            + " after that write, and nothing wrote the EIP's status again: the add handler computed nat from a"
            + " lister without the label, saw no change and skipped the patch"));
      } else {
        return null;
      }
    }
    return new Match(NAT_STALE_AFTER_ADD, witnesses);
  }

  /**
   * Reset lost on restart: the EIP still names a kind whose last user on it was deleted the regular way (ready,
   * with the finalizer, so its delete handler scheduled the EIP reset), and the controller restarted after that
   * deletion had begun; nothing recomputed {@code status.nat} since.
   */
  private static Match resetLostOnRestart(Finding.WrongNat wrong, Evidence evidence, long end) {
    Set<String> extra = claimedWithoutUsers(wrong);
    if (extra.isEmpty()) {
      return null;
    }
    List<Witness> witnesses = new ArrayList<>();
    FaultEvent restart = null;
    for (String kindName : extra) {
      Evidence.Incarnation last = lastDeletedUser(evidence, NatResourceKind.parse(kindName), wrong.eip().name());
      if (last == null || !last.everReady() || !last.everHadFinalizer()) {
        return null;
      }
      ResourceObserved leaving = last.firstTerminating() != null ? last.firstTerminating()
          : last.observations().get(last.observations().size() - 1);
      FaultEvent after = null;
      for (FaultEvent start : controllerFaultStarts(evidence)) {
        if (start.time() <= end && faultEnd(start, evidence, end) >= leaving.time()) {
          after = start;
          break;
        }
      }
      if (after == null) {
        return null;
      }
      restart = after;
      witnesses.add(Witnesses.observation(leaving, "the last " + kindName + " on " + wrong.eip().ref()
          + " was deleted with the controller finalizer: its delete handler scheduled the EIP reset"));
    }
    witnesses.add(Witnesses.fault(restart, "the controller restarted before that reset ran; the new controller"
        + " never recomputes status.nat of a ready EIP"));
    return new Match(RESET_LOST_ON_RESTART, witnesses);
  }

  /**
   * Rule redo marks the EIP blindly: the EIP was ready with redo R, then set not ready with the same R (a rule's
   * redo marking), and stayed so: the EIP update handler only reacts to a change of redo.
   */
  private static Match ruleRedoMarksEip(NatResourceState state, Evidence evidence) {
    if (state.kind() != NatResourceKind.EIP || state.redo() == null) {
      return null;
    }
    List<ResourceObserved> observations = evidence.observations(SafetyCheck.ref(state));
    for (int i = observations.size() - 1; i > 0; i--) {
      NatResourceState now = observations.get(i).state();
      NatResourceState before = observations.get(i - 1).state();
      if (!now.ready() && before.ready() && state.redo().equals(now.redo()) && state.redo().equals(before.redo())) {
        for (int j = i + 1; j < observations.size(); j++) {
          if (observations.get(j).state().ready()) {
            return null;
          }
        }
        return new Match(RULE_REDO_MARKS_EIP, List.of(
            Witnesses.observation(observations.get(i - 1), "re-programmed for redo " + state.redo()),
            Witnesses.observation(observations.get(i), "set not ready again with the same redo stamp (a rule's redo"
                + " marking); the EIP update handler only reacts to a redo change")));
      }
      if (now.ready()) {
        return null;
      }
    }
    return null;
  }

  /** Stale status patch: the EIP had its address in status, a later write without a deletion put it back to empty. */
  private static Match staleStatusPatch(NatResourceState state, Evidence evidence) {
    if (state.kind() != NatResourceKind.EIP || state.v4ip() != null) {
      return null;
    }
    List<ResourceObserved> observations = evidence.observations(SafetyCheck.ref(state));
    for (int i = observations.size() - 1; i > 0; i--) {
      NatResourceState now = observations.get(i).state();
      NatResourceState before = observations.get(i - 1).state();
      if (now.v4ip() == null && before.v4ip() != null && !now.terminating()) {
        return new Match(STALE_STATUS_PATCH, List.of(
            Witnesses.observation(observations.get(i - 1), "status.ip " + before.v4ip()),
            Witnesses.observation(observations.get(i), "a status write from an older copy emptied status.ip;"
                + " nothing adds the EIP again")));
      }
    }
    return null;
  }

  /**
   * #7210: a controller restart completed after the object's deletion had begun; the new controller saw the
   * terminating object as an add, the add handler returned early for a ready object, and nobody released the
   * finalizer.
   */
  private static Match terminatingAfterControllerRestart(NatResourceState state, Evidence evidence, long end) {
    ResourceRef ref = SafetyCheck.ref(state);
    Evidence.Incarnation life = evidence.current(ref);
    if (life == null) {
      return null;
    }
    ResourceObserved terminating = life.firstTerminating();
    if (terminating == null) {
      return null;
    }
    long deletionStart = terminating.time();
    OperationEvent delete = null;
    for (OperationEvent op : evidence.operations()) {
      if (op.phase() == OperationPhase.INVOKE && "delete".equals(op.action()) && ref.kind().equals(op.kind())
          && ref.name().equals(op.name()) && op.time() >= life.firstTime() && op.time() <= terminating.time()) {
        delete = op;
        deletionStart = Math.min(deletionStart, op.time());
      }
    }
    for (FaultEvent start : controllerFaultStarts(evidence)) {
      long restartDone = faultEnd(start, evidence, end);
      if (start.time() <= end && restartDone >= deletionStart) {
        List<Witness> witnesses = new ArrayList<>();
        if (delete != null) {
          witnesses.add(Witnesses.operation(delete, "deletion requested"));
        }
        witnesses.add(Witnesses.observation(terminating, "terminating, finalizer still held"));
        witnesses.add(Witnesses.fault(start, "the controller restarted while the deletion was in flight; the new"
            + " controller treated the terminating object as an add and never released the finalizer"));
        return new Match(TERMINATING_AFTER_CONTROLLER_RESTART, witnesses);
      }
    }
    return null;
  }

  /**
   * The global redo stamp: a FIP/DNAT/SNAT left not ready with a {@code status.redo} that is the creation time of
   * another gateway's pod, not of its own; the one global {@code natGwCreatedAT} was overwritten by the other
   * gateway's init, and the start-time check then skipped re-creating the rules.
   */
  private static Match globalRedoStamp(NatResourceState state, NatResources resources, Evidence evidence) {
    if (state.kind() == NatResourceKind.EIP || state.redo() == null || resources == null) {
      return null;
    }
    String own = resources.gatewayOf(state);
    if (own == null) {
      return null;
    }
    String stamp = seconds(state.redo());
    List<GatewayPodObserved> ownPods = evidence.pods(own);
    GatewayPodObserved ownPod = ownPods.isEmpty() ? null : ownPods.get(ownPods.size() - 1);
    if (ownPod == null || stamp.equals(seconds(ownPod.pod().createdAt()))) {
      return null;
    }
    for (Map.Entry<String, List<GatewayPodObserved>> entry : evidence.allPods().entrySet()) {
      if (Objects.equals(entry.getKey(), own)) {
        continue;
      }
      for (GatewayPodObserved other : entry.getValue()) {
        if (stamp.equals(seconds(other.pod().createdAt()))) {
          ResourceRef ref = SafetyCheck.ref(state);
          List<ResourceObserved> observations = evidence.observations(ref);
          List<Witness> witnesses = new ArrayList<>();
          if (!observations.isEmpty()) {
            witnesses.add(Witnesses.observation(observations.get(observations.size() - 1),
                "not ready with redo=" + state.redo()));
          }
          witnesses.add(Witnesses.pod(other, "gateway " + entry.getKey() + "'s pod was created at that second"));
          witnesses.add(Witnesses.pod(ownPod, "its own gateway " + own + "'s pod was created at "
              + ownPod.pod().createdAt()));
          return new Match(GLOBAL_REDO_STAMP, witnesses);
        }
      }
    }
    return null;
  }

  /**
   * Init stops at the first gateway: the controller restarted while this pod existed un-initialised and another
   * gateway's pod was already initialised; the start-up init loop returns at the first initialised gateway.
   */
  private static Match initStopsAtFirstGateway(Finding.PodNotReady subject, Evidence evidence, long end) {
    GatewayPodState pod = subject.pod();
    if (pod == null || !pod.isRunning() || pod.initialised()) {
      return null;
    }
    for (FaultEvent start : controllerFaultStarts(evidence)) {
      long restartDone = faultEnd(start, evidence, end);
      GatewayPodObserved existed = null;
      for (GatewayPodObserved observed : evidence.pods(subject.gateway())) {
        if (observed.time() <= restartDone && Objects.equals(observed.pod().uid(), pod.uid())) {
          existed = observed;
        }
      }
      if (existed == null || existed.pod().initialised()) {
        continue;
      }
      for (Map.Entry<String, List<GatewayPodObserved>> entry : evidence.allPods().entrySet()) {
        if (Objects.equals(entry.getKey(), subject.gateway())) {
          continue;
        }
        GatewayPodObserved latest = null;
        for (GatewayPodObserved observed : entry.getValue()) {
          if (observed.time() <= restartDone) {
            latest = observed;
          }
        }
        if (latest != null && latest.pod().initialised()) {
          return new Match(INIT_STOPS_AT_FIRST_GATEWAY, List.of(
              Witnesses.pod(existed, "un-initialised when the controller restarted"),
              Witnesses.fault(start, "controller restart"),
              Witnesses.pod(latest, "gateway " + entry.getKey() + " was initialised: the start-up init loop"
                  + " returns at the first initialised gateway")));
        }
      }
    }
    return null;
  }

  private static List<FaultEvent> controllerFaultStarts(Evidence evidence) {
    return evidence.faults().stream()
        .filter(f -> f.phase() == FaultPhase.START && f.fault() != null
            && f.fault().toLowerCase(Locale.ROOT).contains("controller"))
        .toList();
  }

  private static long faultEnd(FaultEvent start, Evidence evidence, long end) {
    return evidence.faults().stream()
        .filter(f -> f.phase() != FaultPhase.START && Objects.equals(f.faultId(), start.faultId())
            && f.time() >= start.time())
        .mapToLong(FaultEvent::time).findFirst().orElse(end);
  }

  /** {@code 2026-11-26T06:00:01Z} and {@code 2026-11-26T06:00:01} both → {@code 2026-11-26T06:00:01}. */
  static String seconds(String timestamp) {
    if (timestamp == null) {
      return "";
    }
    return timestamp.length() >= 19 ? timestamp.substring(0, 19) : timestamp;
  }
}

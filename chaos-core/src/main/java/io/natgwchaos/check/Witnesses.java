package io.natgwchaos.check;

import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.history.FaultEvent;
import io.natgwchaos.history.GatewayPodObserved;
import io.natgwchaos.history.GatewayPodState;
import io.natgwchaos.history.NatResourceState;
import io.natgwchaos.history.OperationEvent;
import io.natgwchaos.history.PhaseMarker;
import io.natgwchaos.history.ResourceObserved;
import io.natgwchaos.history.SnapshotTaken;
import io.natgwchaos.kubeovn.NatResourceKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Witnesses built from history entries, each saying in words what its entry shows. */
final class Witnesses {
  private Witnesses() {}

  /**
   * {@code plain} plus {@code evidence}, in history order; where both have the same entry the evidence's wording
   * (which says why the entry matters) wins.
   */
  static List<Witness> merge(List<Witness> plain, List<Witness> evidence) {
    Map<Long, Witness> bySeq = new TreeMap<>();
    plain.forEach(w -> bySeq.putIfAbsent(w.seq(), w));
    evidence.forEach(w -> bySeq.put(w.seq(), w));
    return List.copyOf(bySeq.values());
  }

  static Witness snapshot(SnapshotTaken taken, String shows) {
    GatewaySnapshot snapshot = taken.snapshot();
    return new Witness(taken.seq(), taken.time(), "snapshot of " + snapshot.podName() + " uid=" + snapshot.podUid()
        + " restartCount=" + snapshot.restartCount() + " " + shows);
  }

  static Witness observation(ResourceObserved observed, String why) {
    return new Witness(observed.seq(), observed.time(),
        describe(observed) + (why == null || why.isEmpty() ? "" : ": " + why));
  }

  static Witness pod(GatewayPodObserved observed, String why) {
    GatewayPodState pod = observed.pod();
    return new Witness(observed.seq(), observed.time(), "pod " + pod.name() + " " + observed.change()
        + " uid=" + pod.uid() + " phase=" + pod.phase() + " initialised=" + pod.initialised() + " restartCount="
        + pod.restartCount() + " createdAt=" + pod.createdAt() + (why == null ? "" : ": " + why));
  }

  static Witness fault(FaultEvent fault, String why) {
    return new Witness(fault.seq(), fault.time(), "fault " + fault.fault() + " " + fault.phase()
        + (fault.detail() == null ? "" : " (" + fault.detail() + ")") + (why == null ? "" : ": " + why));
  }

  static Witness operation(OperationEvent op, String why) {
    return new Witness(op.seq(), op.time(), "operation " + op.operationId() + " " + op.phase() + " " + op.action()
        + " " + op.kind() + "/" + op.name() + (why == null ? "" : ": " + why));
  }

  static Witness marker(PhaseMarker marker, String why) {
    return new Witness(marker.seq(), marker.time(), marker.phase() + (why == null ? "" : ": " + why));
  }

  /** One line with the fields of the state the oracle reasons about. */
  static String describe(ResourceObserved observed) {
    NatResourceState s = observed.state();
    StringBuilder out = new StringBuilder(s.ref()).append(' ').append(observed.change())
        .append(" rv=").append(s.resourceVersion())
        .append(" ready=").append(s.ready());
    if (s.terminating()) {
      out.append(" terminating");
    }
    out.append(" finalizers=").append(s.finalizers());
    if (s.kind() == NatResourceKind.EIP) {
      out.append(" ip=").append(s.v4ip()).append(" nat=").append(s.nat());
    } else {
      out.append(" eip=").append(s.eip()).append(" v4ip=").append(s.v4ip());
      if (s.internalIp() != null) {
        out.append(" internalIp=").append(s.internalIp());
      }
      if (s.internalCidr() != null) {
        out.append(" internalCIDR=").append(s.internalCidr());
      }
      if (s.externalPort() != null) {
        out.append(" ").append(s.protocol()).append(" ").append(s.externalPort()).append("->")
            .append(s.internalPort());
      }
    }
    out.append(" redo=").append(s.redo());
    return out.toString();
  }
}

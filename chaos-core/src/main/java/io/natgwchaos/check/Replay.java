package io.natgwchaos.check;

import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.history.ChangeType;
import io.natgwchaos.history.FaultEvent;
import io.natgwchaos.history.FaultPhase;
import io.natgwchaos.history.GatewayPodObserved;
import io.natgwchaos.history.GatewayPodState;
import io.natgwchaos.history.HistoryEntry;
import io.natgwchaos.history.NatResourceState;
import io.natgwchaos.history.PhaseMarker;
import io.natgwchaos.history.ResourceObserved;
import io.natgwchaos.history.RunPhase;
import io.natgwchaos.history.SnapshotTaken;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state of the world as a history tells it, entry by entry: the NAT resources that exist, the latest
 * state of each gateway pod, the faults in progress and the run's milestones.
 */
final class Replay {
  private final boolean gatedByProvisioning;
  private final Map<ResourceRef, NatResourceState> resources = new TreeMap<>(
      (a, b) -> a.kind().equals(b.kind()) ? a.name().compareTo(b.name()) : a.kind().compareTo(b.kind()));
  private final Map<ResourceRef, ResourceObserved> latestObservation = new LinkedHashMap<>();
  private final Map<String, GatewayPodState> pods = new TreeMap<>();
  private final Map<String, FaultEvent> activeFaults = new LinkedHashMap<>();
  private final Map<RunPhase, Long> phases = new EnumMap<>(RunPhase.class);
  private final Set<String> gatewaysSeen = new HashSet<>();
  private NatResources view = NatResources.of(List.of());
  private boolean viewStale;

  /** @param gatedByProvisioning whether the history has a PROVISIONED marker before which nothing is checked */
  Replay(boolean gatedByProvisioning) {
    this.gatedByProvisioning = gatedByProvisioning;
  }

  void apply(HistoryEntry entry) {
    if (entry instanceof ResourceObserved observed) {
      NatResourceState state = observed.state();
      ResourceRef ref = SafetyCheck.ref(state);
      latestObservation.put(ref, observed);
      if (observed.change() == ChangeType.DELETED) {
        resources.remove(ref);
      } else {
        resources.put(ref, state);
      }
      viewStale = true;
    } else if (entry instanceof GatewayPodObserved observed) {
      GatewayPodState pod = observed.pod();
      String gateway = pod.gateway() == null ? pod.name() : pod.gateway();
      gatewaysSeen.add(gateway);
      if (observed.change() == ChangeType.DELETED) {
        pods.put(gateway, new GatewayPodState(pod.gateway(), pod.name(), pod.uid(), pod.node(), "Deleted",
            false, pod.restartCount(), true, pod.createdAt()));
      } else {
        pods.put(gateway, pod);
      }
    } else if (entry instanceof FaultEvent fault) {
      if (fault.phase() == FaultPhase.START) {
        activeFaults.put(fault.faultId(), fault);
      } else {
        activeFaults.remove(fault.faultId());
      }
    } else if (entry instanceof PhaseMarker marker) {
      phases.putIfAbsent(marker.phase(), marker.time());
    } else if (entry instanceof SnapshotTaken taken) {
      gatewaysSeen.add(taken.snapshot().gateway());
    }
  }

  /** The resources that exist now. */
  NatResources resources() {
    if (viewStale) {
      view = NatResources.of(resources.values());
      viewStale = false;
    }
    return view;
  }

  ResourceObserved latestObservation(ResourceRef ref) {
    return latestObservation.get(ref);
  }

  /** The latest state of the gateway's pod, or null when the history has no pod observations for it. */
  GatewayPodState pod(String gateway) {
    return pods.get(gateway);
  }

  Set<String> gatewaysSeen() {
    return gatewaysSeen;
  }

  boolean faultActive() {
    return !activeFaults.isEmpty();
  }

  /**
   * Whether a snapshot may be held against the resources: the checked part of the run has begun, no fault is
   * in progress, the pod says it is initialised, and the pod informer (if the history has one) agrees it is
   * this pod and initialised.
   */
  String whyNotCheckable(GatewaySnapshot snapshot) {
    if (gatedByProvisioning && !phases.containsKey(RunPhase.PROVISIONED)) {
      return "before PROVISIONED";
    }
    if (faultActive()) {
      return "fault " + activeFaults.values().iterator().next().fault() + " in progress";
    }
    if (!snapshot.initialised()) {
      return "pod not initialised";
    }
    GatewayPodState pod = pods.get(snapshot.gateway());
    if (pod != null && !snapshot.podUid().equals(pod.uid())) {
      return "pod informer has uid " + pod.uid() + ", snapshot " + snapshot.podUid();
    }
    if (pod != null && !pod.initialised()) {
      return "pod informer says not initialised";
    }
    return null;
  }
}

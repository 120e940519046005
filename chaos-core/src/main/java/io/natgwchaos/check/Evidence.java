package io.natgwchaos.check;

import io.natgwchaos.gateway.NatRule;
import io.natgwchaos.history.ChangeType;
import io.natgwchaos.history.FaultEvent;
import io.natgwchaos.history.GatewayPodObserved;
import io.natgwchaos.history.History;
import io.natgwchaos.history.HistoryEntry;
import io.natgwchaos.history.NatResourceState;
import io.natgwchaos.history.OperationEvent;
import io.natgwchaos.history.ResourceObserved;
import io.natgwchaos.history.SnapshotTaken;
import io.natgwchaos.kubeovn.NatResourceKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The whole history indexed for known-issue signatures: every observation of every object (deleted ones
 * included, split into incarnations), snapshots and pod observations per gateway, faults and operations.
 */
final class Evidence {
  /**
   * One life of a named object: from its first observation to its deletion (or the end of the history).
   *
   * @param observations in history order; the last one is the DELETED event when {@code deleted}
   */
  record Incarnation(ResourceRef ref, List<ResourceObserved> observations, boolean deleted) {
    NatResourceState last() {
      return observations.get(observations.size() - 1).state();
    }

    boolean everHadFinalizer() {
      return observations.stream().anyMatch(o -> o.state().hasControllerFinalizer());
    }

    boolean everReady() {
      return observations.stream().anyMatch(o -> o.state().ready());
    }

    ResourceObserved firstTerminating() {
      return observations.stream().filter(o -> o.state().terminating()).findFirst().orElse(null);
    }

    long firstTime() {
      return observations.get(0).time();
    }

    /** The first non-null value of a field over its observations. */
    String any(Function<NatResourceState, String> field) {
      for (ResourceObserved observed : observations) {
        String value = field.apply(observed.state());
        if (value != null) {
          return value;
        }
      }
      return null;
    }
  }

  private final Map<ResourceRef, List<ResourceObserved>> observations = new HashMap<>();
  private final Map<ResourceRef, List<Incarnation>> incarnations = new HashMap<>();
  private final Map<String, List<SnapshotTaken>> snapshots = new HashMap<>();
  private final Map<String, List<GatewayPodObserved>> pods = new TreeMap<>();
  private final List<FaultEvent> faults = new ArrayList<>();
  private final List<OperationEvent> operations = new ArrayList<>();
  // indexes the signatures build on first use: a big gateway can have thousands of violations to explain
  private final Map<NatResourceKind, List<Incarnation>> deletedByKind = new EnumMap<>(NatResourceKind.class);
  private Map<RuleKey, List<Incarnation>> deletedByRule;
  /** Computed on first use, like {@link #deletedByRule}: kinds of which some object had the controller finalizer. */
  private Set<String> kindsWithFinalizer;
  private final Map<Long, Set<RuleKey>> rulesBySnapshot = new HashMap<>();
  private final Map<Long, Set<String>> addressesBySnapshot = new HashMap<>();

  Evidence(History history) {
    Map<ResourceRef, List<ResourceObserved>> current = new HashMap<>();
    for (HistoryEntry entry : history.entries()) {
      if (entry instanceof ResourceObserved observed) {
        ResourceRef ref = SafetyCheck.ref(observed.state());
        observations.computeIfAbsent(ref, r -> new ArrayList<>()).add(observed);
        List<ResourceObserved> life = current.get(ref);
        if (life != null && !life.isEmpty()
            && !Objects.equals(life.get(life.size() - 1).state().uid(), observed.state().uid())
            && observed.state().uid() != null && life.get(life.size() - 1).state().uid() != null) {
          // a new uid without a DELETED event in between: the deletion was missed, the life still ended
          incarnations.computeIfAbsent(ref, r -> new ArrayList<>()).add(new Incarnation(ref, List.copyOf(life), true));
          life = null;
        }
        if (life == null) {
          life = new ArrayList<>();
          current.put(ref, life);
        }
        life.add(observed);
        if (observed.change() == ChangeType.DELETED) {
          incarnations.computeIfAbsent(ref, r -> new ArrayList<>()).add(new Incarnation(ref, List.copyOf(life), true));
          current.remove(ref);
        }
      } else if (entry instanceof SnapshotTaken taken) {
        snapshots.computeIfAbsent(taken.snapshot().gateway(), g -> new ArrayList<>()).add(taken);
      } else if (entry instanceof GatewayPodObserved pod) {
        String gateway = pod.pod().gateway() != null ? pod.pod().gateway() : pod.pod().name();
        pods.computeIfAbsent(gateway, g -> new ArrayList<>()).add(pod);
      } else if (entry instanceof FaultEvent fault) {
        faults.add(fault);
      } else if (entry instanceof OperationEvent operation) {
        operations.add(operation);
      }
    }
    current.forEach((ref, life) ->
        incarnations.computeIfAbsent(ref, r -> new ArrayList<>()).add(new Incarnation(ref, List.copyOf(life), false)));
  }

  List<ResourceObserved> observations(ResourceRef ref) {
    return observations.getOrDefault(ref, List.of());
  }

  /** The incarnation alive at the end, or null. */
  Incarnation current(ResourceRef ref) {
    List<Incarnation> lives = incarnations.getOrDefault(ref, List.of());
    return lives.stream().filter(i -> !i.deleted()).findFirst().orElse(null);
  }

  /** Whether any object of {@code kind} was ever seen with the controller finalizer. */
  boolean anyEverHadFinalizer(NatResourceKind kind) {
    if (kindsWithFinalizer == null) {
      Set<String> kinds = new HashSet<>();
      incarnations.forEach((ref, lives) -> {
        if (lives.stream().anyMatch(Incarnation::everHadFinalizer)) {
          kinds.add(ref.kind());
        }
      });
      kindsWithFinalizer = kinds;
    }
    return kindsWithFinalizer.contains(kind.shortName());
  }

  /** Every incarnation of objects of {@code kind} still alive at the end. */
  List<Incarnation> living(NatResourceKind kind) {
    List<Incarnation> living = new ArrayList<>();
    incarnations.forEach((ref, lives) -> {
      if (ref.kind().equals(kind.shortName())) {
        lives.stream().filter(i -> !i.deleted()).forEach(living::add);
      }
    });
    living.sort((a, b) -> Long.compare(lastSeq(a), lastSeq(b)));
    return living;
  }

  /** Every deleted incarnation of objects of {@code kind}, in deletion order. */
  List<Incarnation> deleted(NatResourceKind kind) {
    return deletedByKind.computeIfAbsent(kind, k -> {
      List<Incarnation> deleted = new ArrayList<>();
      incarnations.forEach((ref, lives) -> {
        if (ref.kind().equals(k.shortName())) {
          lives.stream().filter(Incarnation::deleted).forEach(deleted::add);
        }
      });
      deleted.sort((a, b) -> Long.compare(lastSeq(a), lastSeq(b)));
      return List.copyOf(deleted);
    });
  }

  /**
   * Deleted FIPs, SNATs and DNATs whose rules, at an address they could have used (see
   * {@link #addressCandidates}), would include {@code key}; in deletion order.
   */
  List<Incarnation> deletedOwners(RuleKey key) {
    if (deletedByRule == null) {
      deletedByRule = new HashMap<>();
      List<Incarnation> all = new ArrayList<>();
      for (NatResourceKind kind : List.of(NatResourceKind.FIP, NatResourceKind.SNAT, NatResourceKind.DNAT)) {
        all.addAll(deleted(kind));
      }
      all.sort((a, b) -> Long.compare(lastSeq(a), lastSeq(b)));
      for (Incarnation incarnation : all) {
        Set<RuleKey> keys = new HashSet<>();
        for (String ip : addressCandidates(incarnation)) {
          for (ResourceObserved observed : incarnation.observations()) {
            GatewayExpectations.rulesOf(observed.state(), ip).forEach(keys::addAll);
          }
        }
        keys.forEach(k -> deletedByRule.computeIfAbsent(k, x -> new ArrayList<>()).add(incarnation));
      }
    }
    return deletedByRule.getOrDefault(key, List.of());
  }

  /** The resource-chain rules of a snapshot by key. */
  Set<RuleKey> ruleKeys(SnapshotTaken taken) {
    return rulesBySnapshot.computeIfAbsent(taken.seq(), seq -> {
      Set<RuleKey> keys = new HashSet<>();
      for (NatRule rule : taken.snapshot().nat().rules()) {
        RuleKey key = RuleKey.of(rule);
        if (key != null) {
          keys.add(key);
        }
      }
      return keys;
    });
  }

  /** The net1 addresses of a snapshot. */
  Set<String> addresses(SnapshotTaken taken) {
    return addressesBySnapshot.computeIfAbsent(taken.seq(), seq -> {
      Set<String> ips = new HashSet<>();
      taken.snapshot().net1().forEach(a -> ips.add(a.ip()));
      return ips;
    });
  }

  private static long lastSeq(Incarnation incarnation) {
    return incarnation.observations().get(incarnation.observations().size() - 1).seq();
  }

  /** Every address an EIP of this name was ever observed with ({@code status.ip} and {@code spec.v4ip}). */
  List<String> eipAddresses(String eipName) {
    List<String> ips = new ArrayList<>();
    if (eipName == null) {
      return ips;
    }
    for (ResourceObserved observed : observations(new ResourceRef(NatResourceKind.EIP.shortName(), eipName))) {
      for (String ip : new String[] {observed.state().v4ip(), observed.state().requestedV4ip()}) {
        if (ip != null && !ips.contains(ip)) {
          ips.add(ip);
        }
      }
    }
    return ips;
  }

  /** Addresses a FIP/SNAT/DNAT incarnation's rules may have used: its own v4ip and its EIP's addresses. */
  List<String> addressCandidates(Incarnation incarnation) {
    List<String> ips = new ArrayList<>();
    for (ResourceObserved observed : incarnation.observations()) {
      if (observed.state().v4ip() != null && !ips.contains(observed.state().v4ip())) {
        ips.add(observed.state().v4ip());
      }
    }
    for (String ip : eipAddresses(incarnation.any(NatResourceState::eip))) {
      if (!ips.contains(ip)) {
        ips.add(ip);
      }
    }
    return ips;
  }

  List<SnapshotTaken> snapshots(String gateway) {
    return snapshots.getOrDefault(gateway, List.of());
  }

  List<GatewayPodObserved> pods(String gateway) {
    return pods.getOrDefault(gateway, List.of());
  }

  Map<String, List<GatewayPodObserved>> allPods() {
    return pods;
  }

  List<FaultEvent> faults() {
    return faults;
  }

  List<OperationEvent> operations() {
    return operations;
  }

  /** The uid of the gateway's pod at {@code time}: from the pod informer, else from the latest snapshot. */
  String podUidAt(String gateway, long time) {
    String uid = null;
    for (GatewayPodObserved pod : pods(gateway)) {
      if (pod.time() > time) {
        break;
      }
      uid = pod.pod().uid();
    }
    if (uid != null) {
      return uid;
    }
    for (SnapshotTaken taken : snapshots(gateway)) {
      if (taken.time() > time) {
        break;
      }
      uid = taken.snapshot().podUid();
    }
    return uid;
  }
}

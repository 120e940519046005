package io.natgwchaos.check;

import io.natgwchaos.history.NatResourceState;
import io.natgwchaos.kubeovn.NatResourceKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The EIPs, FIPs, SNATs and DNATs that exist at one moment, indexed the way the safety check looks them up:
 * by gateway, EIPs by name, users by EIP. Immutable; what it derives per gateway is computed once.
 */
public final class NatResources {
  private static final NatResources EMPTY = new NatResources(List.of());

  private final List<NatResourceState> all;
  private final Map<String, NatResourceState> eipsByName = new HashMap<>();
  private final Map<String, List<NatResourceState>> eipsByGateway = new HashMap<>();
  private final Map<String, List<NatResourceState>> rulesByGateway = new HashMap<>();
  /**
   * Per EIP name, bits of {@link #kindBit}: [0] live users the controller has labelled with the EIP's address (what
   * Kube-OVN computes {@code status.nat} from), [1] terminating users, [2] live users not labelled yet.
   */
  private final Map<String, int[]> usersByEip = new HashMap<>();
  private final Map<String, GatewayExpectations> expectations = new ConcurrentHashMap<>();

  private NatResources(Collection<NatResourceState> states) {
    this.all = List.copyOf(states);
    for (NatResourceState state : all) {
      if (state.kind() == NatResourceKind.EIP) {
        eipsByName.put(state.name(), state);
        if (state.gateway() != null) {
          eipsByGateway.computeIfAbsent(state.gateway(), g -> new ArrayList<>()).add(state);
        }
      }
    }
    for (NatResourceState state : all) {
      if (state.kind() == NatResourceKind.EIP) {
        continue;
      }
      String gateway = gatewayOf(state);
      if (gateway != null) {
        rulesByGateway.computeIfAbsent(gateway, g -> new ArrayList<>()).add(state);
      }
      if (state.eip() != null) {
        int slot = state.terminating() ? 1 : state.eipV4IpLabel() != null ? 0 : 2;
        usersByEip.computeIfAbsent(state.eip(), e -> new int[3])[slot] |= kindBit(state.kind());
      }
    }
  }

  public static NatResources of(Collection<NatResourceState> states) {
    return states.isEmpty() ? EMPTY : new NatResources(states);
  }

  public List<NatResourceState> all() {
    return all;
  }

  public NatResourceState eip(String name) {
    return name == null ? null : eipsByName.get(name);
  }

  /** EIPs whose {@code spec.natGwDp} is {@code gateway}. */
  public List<NatResourceState> eipsOf(String gateway) {
    return eipsByGateway.getOrDefault(gateway, List.of());
  }

  /** FIPs, SNATs and DNATs of {@code gateway} (see {@link #gatewayOf}). */
  public List<NatResourceState> natRulesOf(String gateway) {
    return rulesByGateway.getOrDefault(gateway, List.of());
  }

  /** Every gateway some resource names. */
  public Set<String> gateways() {
    Set<String> gateways = new TreeSet<>(eipsByGateway.keySet());
    gateways.addAll(rulesByGateway.keySet());
    return gateways;
  }

  /** An EIP's {@code spec.natGwDp}; a FIP/SNAT/DNAT's {@code status.natGwDp}, or its EIP's gateway until it has one. */
  public String gatewayOf(NatResourceState state) {
    if (state.gateway() != null || state.kind() == NatResourceKind.EIP) {
      return state.gateway();
    }
    NatResourceState eip = eip(state.eip());
    return eip == null ? null : eip.gateway();
  }

  /** The address a resource's rules use: its own {@code v4ip}, else its EIP's {@code status.ip}. */
  public String addressOf(NatResourceState state) {
    if (state.v4ip() != null || state.kind() == NatResourceKind.EIP) {
      return state.v4ip();
    }
    NatResourceState eip = eip(state.eip());
    return eip == null ? null : eip.v4ip();
  }

  /** Addresses a rule of this resource may legitimately use: {@code status.v4ip} and its EIP's {@code status.ip}. */
  public List<String> addressCandidates(NatResourceState state) {
    List<String> candidates = new ArrayList<>(2);
    if (state.v4ip() != null) {
      candidates.add(state.v4ip());
    }
    if (state.kind() == NatResourceKind.EIP) {
      if (state.requestedV4ip() != null && !candidates.contains(state.requestedV4ip())) {
        candidates.add(state.requestedV4ip());
      }
      return candidates;
    }
    NatResourceState eip = eip(state.eip());
    if (eip != null && eip.v4ip() != null && !candidates.contains(eip.v4ip())) {
      candidates.add(eip.v4ip());
    }
    return candidates;
  }

  /**
   * Kinds ({@code dnat}, {@code fip}, {@code snat}) with a user of this EIP that is not terminating and that the
   * controller has labelled with the EIP's address.
   */
  public Set<String> liveUserKinds(String eipName) {
    return kinds(liveUsers(eipName));
  }

  /** Kinds whose users of this EIP are all terminating. */
  public Set<String> leavingUserKinds(String eipName) {
    return kinds(leavingUsers(eipName));
  }

  int liveUsers(String eipName) {
    int[] users = usersByEip.get(eipName);
    return users == null ? 0 : users[0];
  }

  /** Kinds whose users of this EIP are all terminating. */
  int leavingUsers(String eipName) {
    int[] users = usersByEip.get(eipName);
    return users == null ? 0 : users[1] & ~users[0] & ~users[2];
  }

  /** Kinds with a live user of this EIP the controller has not labelled yet (its add has not run). */
  int pendingUsers(String eipName) {
    int[] users = usersByEip.get(eipName);
    return users == null ? 0 : users[2] & ~users[0];
  }

  /** DNAT 1, FIP 2, SNAT 4: the order Kube-OVN writes them into {@code status.nat}. */
  static int kindBit(NatResourceKind kind) {
    return switch (kind) {
      case DNAT -> 1;
      case FIP -> 2;
      case SNAT -> 4;
      default -> 0;
    };
  }

  static Set<String> kinds(int bits) {
    Set<String> kinds = new TreeSet<>();
    for (NatResourceKind kind : NatResourceKind.values()) {
      if ((bits & kindBit(kind)) != 0) {
        kinds.add(kind.shortName());
      }
    }
    return kinds;
  }

  /** What the resources of {@code gateway} require of and allow on its pod; computed once per gateway. */
  GatewayExpectations expectations(String gateway) {
    return expectations.computeIfAbsent(gateway, g -> GatewayExpectations.of(g, this));
  }
}

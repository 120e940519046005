package io.natgwchaos.check;

import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.gateway.NatChains;
import io.natgwchaos.gateway.NatRule;
import io.natgwchaos.gateway.NetAddress;
import io.natgwchaos.history.NatResourceState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * S1-S4 on one snapshot: what the resources claim against what the gateway pod has, with no grace. Pure;
 * linear in rules, addresses and resources (rules are indexed by key and slot, addresses by ip).
 */
public final class SafetyCheck {
  private static final Comparator<Finding> ORDER = Comparator
      .comparing(Finding::invariant)
      .thenComparing(f -> f.resource().kind())
      .thenComparing(f -> f.resource().name())
      .thenComparing(Finding::detail);

  private SafetyCheck() {}

  /** Every S1-S4 discrepancy between {@code resources} and {@code snapshot}, sorted. */
  public static List<Finding> evaluate(GatewaySnapshot snapshot, NatResources resources) {
    PodState pod = new PodState(snapshot);
    String gateway = snapshot.gateway();
    GatewayExpectations expected = resources.expectations(gateway);
    List<Finding> findings = new ArrayList<>();
    s1(pod, resources.eipsOf(gateway), findings);
    s2(pod, expected, findings);
    s3(pod, expected, findings);
    s4(resources, gateway, findings);
    findings.sort(ORDER);
    return findings;
  }

  private static void s1(PodState pod, List<NatResourceState> eips, List<Finding> findings) {
    for (NatResourceState eip : eips) {
      if (eip.ready() && !eip.terminating() && eip.v4ip() != null && !pod.addresses.contains(eip.v4ip())) {
        findings.add(new Finding(Invariant.S1, ref(eip), pod.gateway, "address " + eip.v4ip(),
            eip.ref() + " is ready but its address " + eip.v4ip() + " is not on net1 of " + pod.name,
            "lacks " + eip.v4ip() + " on net1", new Finding.MissingAddress(eip.name(), eip.v4ip())));
      }
    }
  }

  private static void s2(PodState pod, GatewayExpectations expected, List<Finding> findings) {
    for (NatResourceState state : expected.readyWithoutAddress) {
      findings.add(new Finding(Invariant.S2, ref(state), pod.gateway, "no address",
          state.ref() + " is ready but neither its status.v4ip nor its EIP's status.ip is set",
          "cannot hold rules for " + state.ref() + ": it has no address",
          new Finding.MissingRule(state, null, null)));
    }
    for (GatewayExpectations.Requirement requirement : expected.requirements) {
      if (pod.hasAny(requirement.anyOf())) {
        continue;
      }
      RuleKey wanted = requirement.expected();
      NatRule occupant = pod.occupant(requirement.anyOf());
      NatResourceState owner = requirement.owner();
      String message;
      String shows;
      if (occupant == null) {
        message = owner.ref() + " is ready but " + pod.name + " lacks its rule " + wanted.describe();
        shows = "lacks " + wanted.describe();
      } else {
        message = owner.ref() + " is ready but bound wrong: " + pod.name + " has " + occupant.line()
            + " where " + wanted.describe() + " belongs (an existing rule for the address made the add a no-op,"
            + " reference §2.8 step 4)";
        shows = "has " + occupant.line() + " instead of " + wanted.describe();
      }
      findings.add(new Finding(Invariant.S2, ref(owner), pod.gateway, wanted.describe(), message, shows,
          new Finding.MissingRule(owner, wanted, occupant)));
    }
  }

  private static void s3(PodState pod, GatewayExpectations expected, List<Finding> findings) {
    for (int i = 0; i < pod.resourceRules.size(); i++) {
      NatRule rule = pod.resourceRules.get(i);
      RuleKey key = pod.resourceRuleKeys.get(i);
      if (key != null && expected.owns(key)) {
        continue;
      }
      String why = key == null ? " is not a rule shape Kube-OVN writes and belongs to no resource"
          : " belongs to no existing resource of gateway " + pod.gateway;
      findings.add(new Finding(Invariant.S3, new ResourceRef("rule", rule.line()), pod.gateway, "leaked rule",
          "rule " + rule.line() + " on " + pod.name + why, "has " + rule.line(), new Finding.LeakedRule(rule)));
    }
    for (String ip : pod.secondaryAddresses) {
      if (!expected.ownedAddresses.contains(ip)) {
        findings.add(new Finding(Invariant.S3, new ResourceRef("address", ip), pod.gateway, "leaked address",
            "net1 of " + pod.name + " carries " + ip + ", which is no existing EIP of gateway " + pod.gateway,
            "has " + ip + " on net1", new Finding.LeakedAddress(ip)));
      }
    }
  }

  private static void s4(NatResources resources, String gateway, List<Finding> findings) {
    for (NatResourceState eip : resources.eipsOf(gateway)) {
      if (!eip.ready() || eip.terminating()) {
        continue;
      }
      int claimedBits = natBits(eip.nat());
      int usedBits = resources.liveUsers(eip.name());
      int leavingBits = resources.leavingUsers(eip.name());
      // a user not labelled yet may or may not be counted: Kube-OVN computes status.nat from the labels
      int pendingBits = resources.pendingUsers(eip.name());
      if ((usedBits & ~claimedBits) == 0 && (claimedBits & ~(usedBits | leavingBits | pendingBits)) == 0) {
        continue;
      }
      Set<String> claimed = natTokens(eip.nat());
      Set<String> used = NatResources.kinds(usedBits);
      Set<String> leaving = NatResources.kinds(leavingBits);
      String detail = "status.nat " + claimed + " users " + used;
      findings.add(new Finding(Invariant.S4, ref(eip), gateway, detail,
          eip.ref() + " status.nat says " + claimed + " but the kinds using it are " + used
              + (leaving.isEmpty() ? "" : " (leaving: " + leaving + ")"),
          "taken while " + eip.ref() + " had status.nat " + claimed + " and users " + used,
          new Finding.WrongNat(eip, claimed, used, leaving)));
    }
  }

  /** {@link #natTokens} as bits of {@link NatResources#kindBit}; a token that is no kind sets bit 8. */
  static int natBits(String nat) {
    if (nat == null) {
      return 0;
    }
    int bits = 0;
    int start = 0;
    int length = nat.length();
    while (start <= length) {
      int comma = nat.indexOf(',', start);
      int end = comma < 0 ? length : comma;
      String token = nat.substring(start, end).strip();
      switch (token) {
        case "" -> { }
        case "dnat" -> bits |= 1;
        case "fip" -> bits |= 2;
        case "snat" -> bits |= 4;
        default -> bits |= 8;
      }
      start = end + 1;
    }
    return bits;
  }

  /** The kinds a {@code status.nat} value names: {@code "dnat,snat"} → {dnat, snat}. */
  static Set<String> natTokens(String nat) {
    Set<String> tokens = new TreeSet<>();
    if (nat != null) {
      for (String token : nat.split(",")) {
        if (!token.isBlank()) {
          tokens.add(token.strip());
        }
      }
    }
    return tokens;
  }

  static ResourceRef ref(NatResourceState state) {
    return new ResourceRef(state.kind().shortName(), state.name());
  }

  /** One snapshot indexed for lookups. */
  private static final class PodState {
    final String gateway;
    final String name;
    final Set<String> addresses = new HashSet<>();
    final List<String> secondaryAddresses = new ArrayList<>();
    final List<NatRule> resourceRules = new ArrayList<>();
    final List<RuleKey> resourceRuleKeys = new ArrayList<>();
    final Set<RuleKey> present = new HashSet<>();
    /** Built on the first missing rule: a consistent gateway never needs it. */
    private Map<RuleKey, NatRule> bySlot;

    PodState(GatewaySnapshot snapshot) {
      gateway = snapshot.gateway();
      name = snapshot.podName() + " uid=" + snapshot.podUid();
      for (NetAddress address : snapshot.net1()) {
        addresses.add(address.ip());
        if (address.secondary()) {
          secondaryAddresses.add(address.ip());
        }
      }
      for (NatRule rule : snapshot.nat().rules()) {
        if (!NatChains.RESOURCE_CHAINS.contains(rule.chain())) {
          continue;
        }
        RuleKey key = RuleKey.of(rule);
        resourceRules.add(rule);
        resourceRuleKeys.add(key);
        if (key != null) {
          present.add(key);
        }
      }
    }

    boolean hasAny(List<RuleKey> keys) {
      for (RuleKey key : keys) {
        if (present.contains(key)) {
          return true;
        }
      }
      return false;
    }

    NatRule occupant(List<RuleKey> keys) {
      if (bySlot == null) {
        bySlot = new HashMap<>();
        for (int i = 0; i < resourceRules.size(); i++) {
          if (resourceRuleKeys.get(i) != null) {
            bySlot.putIfAbsent(resourceRuleKeys.get(i).slot(), resourceRules.get(i));
          }
        }
      }
      for (RuleKey key : keys) {
        NatRule rule = bySlot.get(key.slot());
        if (rule != null) {
          return rule;
        }
      }
      return null;
    }
  }
}

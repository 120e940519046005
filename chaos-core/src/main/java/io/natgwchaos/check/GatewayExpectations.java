package io.natgwchaos.check;

import io.natgwchaos.gateway.RuleShape;
import io.natgwchaos.history.NatResourceState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the resources of one gateway require of its pod (S2: the rules of ready resources) and allow on it
 * (S3: the rules and addresses of every existing resource, whatever its readiness).
 */
final class GatewayExpectations {
  /**
   * One rule a ready resource must have.
   *
   * @param anyOf acceptable forms (a DNAT without a protocol may have either)
   */
  record Requirement(NatResourceState owner, List<RuleKey> anyOf) {
    RuleKey expected() {
      return anyOf.get(0);
    }
  }

  final List<Requirement> requirements = new ArrayList<>();
  /** Ready FIPs/SNATs/DNATs that have no address to put in a rule. */
  final List<NatResourceState> readyWithoutAddress = new ArrayList<>();
  /** Rules of existing FIPs, SNATs and DNATs (HAIRPIN_SNAT rules are owned through {@link #ownedAddresses}). */
  final Set<RuleKey> ownedRules = new HashSet<>();
  /** Addresses of existing EIPs: {@code status.ip} and {@code spec.v4ip}. */
  final Set<String> ownedAddresses = new HashSet<>();

  private GatewayExpectations() {}

  static GatewayExpectations of(String gateway, NatResources resources) {
    GatewayExpectations expectations = new GatewayExpectations();
    for (NatResourceState eip : resources.eipsOf(gateway)) {
      if (eip.v4ip() != null) {
        expectations.ownedAddresses.add(eip.v4ip());
      }
      if (eip.requestedV4ip() != null) {
        expectations.ownedAddresses.add(eip.requestedV4ip());
      }
    }
    for (NatResourceState rule : resources.natRulesOf(gateway)) {
      String own = rule.v4ip();
      NatResourceState eip = resources.eip(rule.eip());
      String eipIp = eip == null ? null : eip.v4ip();
      List<List<RuleKey>> ownRules = own == null ? List.of() : rulesOf(rule, own);
      List<List<RuleKey>> eipRules = eipIp == null || eipIp.equals(own) ? ownRules : rulesOf(rule, eipIp);
      expectations.own(ownRules);
      if (eipRules != ownRules) {
        expectations.own(eipRules);
      }
      if (rule.ready() && !rule.terminating()) {
        String ip = own != null ? own : eipIp;
        if (ip == null) {
          expectations.readyWithoutAddress.add(rule);
          continue;
        }
        for (List<RuleKey> forms : own != null ? ownRules : eipRules) {
          expectations.requirements.add(new Requirement(rule, forms));
        }
      }
    }
    return expectations;
  }

  private void own(List<List<RuleKey>> rules) {
    for (List<RuleKey> forms : rules) {
      ownedRules.addAll(forms);
    }
  }

  /** Whether a rule in a resource chain belongs to an existing resource; a HAIRPIN_SNAT rule to an existing EIP. */
  boolean owns(RuleKey key) {
    return key.shape() == RuleShape.HAIRPIN_SNAT
        ? key.match().equals(key.target()) && ownedAddresses.contains(key.match())
        : ownedRules.contains(key);
  }

  /** The rules {@code nat-gateway.sh} writes for a FIP, DNAT or SNAT using address {@code ip}: each a list of acceptable forms. */
  static List<List<RuleKey>> rulesOf(NatResourceState state, String ip) {
    switch (state.kind()) {
      case FIP:
        if (state.internalIp() == null) {
          return List.of();
        }
        return List.of(List.of(RuleKey.fipDnat(ip, state.internalIp())),
            List.of(RuleKey.fipSnat(ip, state.internalIp())));
      case DNAT:
        if (state.internalIp() == null || state.externalPort() == null || state.internalPort() == null) {
          return List.of();
        }
        if (state.protocol() == null || state.protocol().isEmpty()) {
          return List.of(List.of(
              RuleKey.sharedDnat(ip, "tcp", state.externalPort(), state.internalIp(), state.internalPort()),
              RuleKey.sharedDnat(ip, "udp", state.externalPort(), state.internalIp(), state.internalPort())));
        }
        return List.of(List.of(
            RuleKey.sharedDnat(ip, state.protocol(), state.externalPort(), state.internalIp(), state.internalPort())));
      case SNAT:
        if (state.internalCidr() == null) {
          return List.of();
        }
        try {
          return List.of(List.of(RuleKey.sharedSnat(ip, state.internalCidr())));
        } catch (IllegalArgumentException e) {
          return List.of();
        }
      default:
        return List.of();
    }
  }
}

package io.natgwchaos.report;

import io.natgwchaos.check.NatResources;
import io.natgwchaos.check.RuleKey;
import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.gateway.NatChains;
import io.natgwchaos.gateway.NatRule;
import io.natgwchaos.gateway.NetAddress;
import io.natgwchaos.history.NatResourceState;
import io.natgwchaos.kubeovn.NatResourceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one gateway snapshot had of one resource's dataplane: an EIP's address on net1, a FIP/DNAT/SNAT's rules.
 * The same reading as the checker's S1/S2 (acceptable rule forms, wrong binding by slot), without readiness: the
 * report shows the claim beside the fact and lets the reader compare.
 *
 * @param holding what was there
 * @param expected what the resource's current state needs on the gateway, e.g. {@code 172.19.0.14 on net1}
 * @param detail what was found, in words
 */
record GatewayHolding(Holding holding, List<String> expected, String detail) {

  enum Holding {
    /** Everything the resource needs is there. */
    PRESENT,
    /** Some of its rules are there. */
    PARTIAL,
    /** Nothing of it is there. */
    MISSING,
    /** Its rule slot is taken by a rule pointing elsewhere. */
    WRONG_BINDING,
    /** The resource has no address yet, so nothing can be expected. */
    NOTHING_EXPECTED
  }

  GatewayHolding {
    expected = List.copyOf(expected);
  }

  /** A snapshot indexed for lookups by address, rule key and rule slot. */
  static final class Index {
    final GatewaySnapshot snapshot;
    final Set<String> addresses = new HashSet<>();
    final Set<RuleKey> rules = new HashSet<>();
    final Map<RuleKey, NatRule> bySlot = new HashMap<>();

    Index(GatewaySnapshot snapshot) {
      this.snapshot = snapshot;
      for (NetAddress address : snapshot.net1()) {
        addresses.add(address.ip());
      }
      for (NatRule rule : snapshot.nat().rules()) {
        if (!NatChains.RESOURCE_CHAINS.contains(rule.chain())) {
          continue;
        }
        RuleKey key = RuleKey.of(rule);
        if (key != null) {
          rules.add(key);
          bySlot.putIfAbsent(key.slot(), rule);
        }
      }
    }
  }

  /**
   * @param state the resource as last observed
   * @param world the resources to look its EIP up in (for a FIP/DNAT/SNAT without its own {@code status.v4ip})
   */
  static GatewayHolding of(NatResourceState state, NatResources world, Index index) {
    if (state.kind() == NatResourceKind.EIP) {
      String ip = state.v4ip();
      if (ip == null) {
        return new GatewayHolding(Holding.NOTHING_EXPECTED, List.of(), "no status.ip");
      }
      String expected = ip + " on net1";
      return index.addresses.contains(ip)
          ? new GatewayHolding(Holding.PRESENT, List.of(expected), "net1 has " + ip)
          : new GatewayHolding(Holding.MISSING, List.of(expected), "net1 lacks " + ip);
    }
    String ip = world.addressOf(state);
    List<List<RuleKey>> required = RuleKey.rulesFor(state, ip);
    if (required.isEmpty()) {
      return new GatewayHolding(Holding.NOTHING_EXPECTED, List.of(),
          ip == null ? "no status.v4ip and no EIP address" : "no complete spec");
    }
    List<String> expected = new ArrayList<>();
    List<String> found = new ArrayList<>();
    int present = 0;
    NatRule occupant = null;
    for (List<RuleKey> forms : required) {
      expected.add(forms.get(0).describe());
      RuleKey match = forms.stream().filter(index.rules::contains).findFirst().orElse(null);
      if (match != null) {
        present++;
        found.add("has " + match.describe());
        continue;
      }
      NatRule rule = forms.stream().map(k -> index.bySlot.get(k.slot())).filter(r -> r != null).findFirst()
          .orElse(null);
      if (rule != null) {
        occupant = occupant == null ? rule : occupant;
        found.add("has " + rule.line() + " instead of " + forms.get(0).describe());
      } else {
        found.add("lacks " + forms.get(0).describe());
      }
    }
    Holding holding = present == required.size() ? Holding.PRESENT
        : occupant != null ? Holding.WRONG_BINDING
        : present == 0 ? Holding.MISSING : Holding.PARTIAL;
    return new GatewayHolding(holding, expected, String.join("; ", found));
  }
}

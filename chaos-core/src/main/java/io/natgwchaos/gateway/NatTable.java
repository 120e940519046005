package io.natgwchaos.gateway;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nat table of one gateway pod: its chains and rules as {@code iptables-save -t nat} printed them.
 *
 * @param variant the backend that printed it
 * @param chains declared chains, in printed order
 * @param rules every rule, in printed order
 * @param warnings comment lines that are not the usual header (e.g. iptables-nft's legacy-tables warning)
 */
public record NatTable(IptablesVariant variant, List<String> chains, List<NatRule> rules, List<String> warnings) {

  public static final NatTable EMPTY = new NatTable(IptablesVariant.UNKNOWN, List.of(), List.of(), List.of());

  public NatTable {
    chains = List.copyOf(chains);
    rules = List.copyOf(rules);
    warnings = List.copyOf(warnings);
  }

  /** The rules of one chain, in order; empty when the chain has none or does not exist. */
  public List<NatRule> rulesIn(String chain) {
    return byChain().getOrDefault(chain, List.of());
  }

  /** Rules grouped by chain, each group in order; independent of how the backend ordered chains. */
  public Map<String, List<NatRule>> byChain() {
    Map<String, List<NatRule>> grouped = new LinkedHashMap<>();
    for (NatRule rule : rules) {
      grouped.computeIfAbsent(rule.chain(), c -> new ArrayList<>()).add(rule);
    }
    grouped.replaceAll((chain, list) -> Collections.unmodifiableList(list));
    return Collections.unmodifiableMap(grouped);
  }

  public boolean hasChain(String chain) {
    return chains.contains(chain);
  }

  /** Rules that are none of Kube-OVN's shapes: reported, never silently dropped. */
  public List<NatRule> unrecognisedRules() {
    return rules.stream().filter(r -> !r.isRecognised()).toList();
  }

  /** Whether {@code init} ran: the SNAT_FILTER → SHARED_SNAT jump the script checks for exists. */
  @JsonIgnore
  public boolean isInitialised() {
    return rules.stream().anyMatch(r -> r.chain().equals(NatChains.SNAT_FILTER)
        && NatChains.SHARED_SNAT.equals(r.target()));
  }
}

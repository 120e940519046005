package io.natgwchaos.check;

import io.natgwchaos.gateway.Ipv4;
import io.natgwchaos.gateway.NatChains;
import io.natgwchaos.gateway.NatRule;
import io.natgwchaos.gateway.RuleShape;
import io.natgwchaos.history.NatResourceState;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a Kube-OVN NAT rule does, as the oracle compares rules: its shape, what it matches and where it
 * sends traffic. Options that do not change the meaning ({@code -o net1}, {@code --random-fully},
 * {@code -m tcp}) are left out, so a rule matches its resource whatever the script version appended.
 *
 * @param shape one of the resource shapes (never {@code JUMP} or {@code UNRECOGNISED})
 * @param match FIP_DNAT: {@code -d}; FIP_SNAT: {@code -s}; SHARED_DNAT: {@code -d proto dport};
 *     SHARED_SNAT: {@code -s} as a canonical CIDR; HAIRPIN_SNAT: {@code --ctorigdst}
 * @param target {@code --to-destination} or {@code --to-source}
 */
public record RuleKey(RuleShape shape, String match, String target) {
  public RuleKey {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(target, "target");
  }

  public static RuleKey fipDnat(String eip, String internalIp) {
    return new RuleKey(RuleShape.FIP_DNAT, eip + "/32", internalIp);
  }

  public static RuleKey fipSnat(String eip, String internalIp) {
    return new RuleKey(RuleShape.FIP_SNAT, internalIp + "/32", eip);
  }

  public static RuleKey sharedDnat(String eip, String protocol, String externalPort, String internalIp,
      String internalPort) {
    return new RuleKey(RuleShape.SHARED_DNAT, eip + "/32 " + protocol.toLowerCase(Locale.ROOT) + " " + externalPort,
        internalIp + ":" + internalPort);
  }

  /** @throws IllegalArgumentException when {@code internalCidr} is not an IPv4 address or CIDR */
  public static RuleKey sharedSnat(String eip, String internalCidr) {
    return new RuleKey(RuleShape.SHARED_SNAT, Ipv4.canonicalCidr(internalCidr), eip);
  }

  public static RuleKey hairpin(String eip) {
    return new RuleKey(RuleShape.HAIRPIN_SNAT, eip, eip);
  }

  /**
   * The rules {@code nat-gateway.sh} writes for a FIP, DNAT or SNAT using address {@code ip}, each as its acceptable
   * forms (a DNAT without a protocol may have a tcp or a udp rule); empty for an EIP or when a field is missing.
   * What S2 requires of a ready resource, for reports that show a resource's rules next to its readiness.
   */
  public static List<List<RuleKey>> rulesFor(NatResourceState state, String ip) {
    return ip == null ? List.of() : GatewayExpectations.rulesOf(state, ip);
  }

  /** The key of a parsed rule, or null when it is not one of the resource shapes. */
  public static RuleKey of(NatRule rule) {
    switch (rule.shape()) {
      case FIP_DNAT:
        return new RuleKey(RuleShape.FIP_DNAT, rule.destination(), rule.toDestination());
      case FIP_SNAT:
        return new RuleKey(RuleShape.FIP_SNAT, rule.source(), rule.toSource());
      case SHARED_DNAT:
        return new RuleKey(RuleShape.SHARED_DNAT,
            rule.destination() + " " + rule.protocol() + " " + rule.destinationPort(), rule.toDestination());
      case SHARED_SNAT:
        return new RuleKey(RuleShape.SHARED_SNAT, rule.source(), rule.toSource());
      case HAIRPIN_SNAT:
        return new RuleKey(RuleShape.HAIRPIN_SNAT, Ipv4.address(rule.conntrackOriginalDestination()),
            rule.toSource());
      default:
        return null;
    }
  }

  /**
   * The slot this rule occupies: rules with the same slot but another target compete for it. A FIP's
   * DNAT slot is its EIP (the script's existence check only looks at {@code -d <eip>/32}), its SNAT slot
   * the EIP it translates to; a DNAT rule's slot is EIP, protocol and port; an SNAT rule's its CIDR.
   */
  public RuleKey slot() {
    return switch (shape) {
      case FIP_SNAT -> new RuleKey(shape, "", target);
      case HAIRPIN_SNAT -> this;
      default -> new RuleKey(shape, match, "");
    };
  }

  /** The chain rules of this shape live in. */
  public String chain() {
    return switch (shape) {
      case FIP_DNAT -> NatChains.EXCLUSIVE_DNAT;
      case FIP_SNAT -> NatChains.EXCLUSIVE_SNAT;
      case SHARED_DNAT -> NatChains.SHARED_DNAT;
      case SHARED_SNAT -> NatChains.SHARED_SNAT;
      case HAIRPIN_SNAT -> NatChains.HAIRPIN_SNAT;
      default -> throw new IllegalStateException("not a resource rule shape: " + shape);
    };
  }

  /** The rule written the way {@code iptables-save} prints it, without the optional parts. */
  public String describe() {
    return switch (shape) {
      case FIP_DNAT -> "-A EXCLUSIVE_DNAT -d " + match + " -j DNAT --to-destination " + target;
      case FIP_SNAT -> "-A EXCLUSIVE_SNAT -s " + match + " -j SNAT --to-source " + target;
      case SHARED_DNAT -> {
        String[] parts = match.split(" ");
        yield "-A SHARED_DNAT -d " + parts[0] + " -p " + parts[1] + " -m " + parts[1] + " --dport " + parts[2]
            + " -j DNAT --to-destination " + target;
      }
      case SHARED_SNAT -> "-A SHARED_SNAT -s " + match + " -o net1 -j SNAT --to-source " + target;
      case HAIRPIN_SNAT -> "-A HAIRPIN_SNAT ... --ctorigdst " + match + " -j SNAT --to-source " + target;
      default -> shape + " " + match + " " + target;
    };
  }

  @Override
  public String toString() {
    return describe();
  }
}

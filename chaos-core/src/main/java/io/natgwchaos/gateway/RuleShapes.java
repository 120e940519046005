package io.natgwchaos.gateway;

import java.util.List;

/** Decides which of Kube-OVN's rule shapes a parsed rule is (reference §4.3 and §4.4). */
final class RuleShapes {
  private RuleShapes() {}

  static RuleShape classify(String chain, String source, String destination, String protocol,
      String destinationPort, String inInterface, String outInterface, String target, String toDestination,
      String toSource, String ctOrigDst, List<String> other) {
    if (target == null) {
      return RuleShape.UNRECOGNISED;
    }
    boolean plain = other.isEmpty() && inInterface == null;
    // only SHARED_SNAT (-o net1, none before v1.12) and HAIRPIN_SNAT (-o eth0) have an out-interface
    boolean noOut = outInterface == null;
    switch (chain) {
      case NatChains.EXCLUSIVE_DNAT:
        return plain && noOut && target.equals("DNAT") && isHost(destination) && source == null
            && protocol == null && toDestination != null && toDestination.indexOf(':') < 0
            ? RuleShape.FIP_DNAT : RuleShape.UNRECOGNISED;
      case NatChains.EXCLUSIVE_SNAT:
        return plain && noOut && target.equals("SNAT") && isHost(source) && destination == null
            && protocol == null && toSource != null
            ? RuleShape.FIP_SNAT : RuleShape.UNRECOGNISED;
      case NatChains.SHARED_DNAT:
        return plain && noOut && target.equals("DNAT") && isHost(destination) && source == null && protocol != null
            && destinationPort != null && toDestination != null && toDestination.indexOf(':') > 0
            ? RuleShape.SHARED_DNAT : RuleShape.UNRECOGNISED;
      case NatChains.SHARED_SNAT:
        return plain && target.equals("SNAT") && source != null && destination == null
            && protocol == null && toSource != null
            ? RuleShape.SHARED_SNAT : RuleShape.UNRECOGNISED;
      case NatChains.HAIRPIN_SNAT:
        return target.equals("SNAT") && ctOrigDst != null && ctOrigDst.equals(toSource)
            ? RuleShape.HAIRPIN_SNAT : RuleShape.UNRECOGNISED;
      default:
        return plain && noOut && source == null && destination == null && protocol == null
            && toDestination == null && toSource == null && isJumpTarget(target)
            ? RuleShape.JUMP : RuleShape.UNRECOGNISED;
    }
  }

  private static boolean isHost(String cidr) {
    return cidr != null && cidr.endsWith("/32");
  }

  private static boolean isJumpTarget(String target) {
    return NatChains.isKubeOvnChain(target);
  }
}

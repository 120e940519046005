package io.natgwchaos.gateway;

/** The rule shapes {@code nat-gateway.sh} writes (reference §4.3), plus "not one of them". */
public enum RuleShape {
  /** {@code -A <chain> -j <chain>}: the chain wiring {@code init} sets up. */
  JUMP,
  /** FIP, inbound: {@code -A EXCLUSIVE_DNAT -d <eip>/32 -j DNAT --to-destination <internalIp>}. */
  FIP_DNAT,
  /** FIP, outbound: {@code -A EXCLUSIVE_SNAT -s <internalIp>/32 -j SNAT --to-source <eip>}. */
  FIP_SNAT,
  /** DNAT rule: {@code -A SHARED_DNAT -d <eip>/32 -p <proto> -m <proto> --dport <p> -j DNAT --to-destination <ip>:<port>}. */
  SHARED_DNAT,
  /** SNAT rule: {@code -A SHARED_SNAT -s <cidr> -o net1 -j SNAT --to-source <eip> [--random-fully]}. */
  SHARED_SNAT,
  /** v1.16+, one per EIP: {@code -A HAIRPIN_SNAT -o eth0 -m mark ... --ctorigdst <eip> -j SNAT --to-source <eip>}. */
  HAIRPIN_SNAT,
  /** Anything else: kept and reported, never dropped. */
  UNRECOGNISED
}

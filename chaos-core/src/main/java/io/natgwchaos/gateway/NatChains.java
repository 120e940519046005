package io.natgwchaos.gateway;

import java.util.List;
import java.util.Set;

/** Names of the nat-table chains {@code nat-gateway.sh init} creates. */
public final class NatChains {
  private NatChains() {}

  public static final String PREROUTING = "PREROUTING";
  public static final String POSTROUTING = "POSTROUTING";
  public static final String DNAT_FILTER = "DNAT_FILTER";
  public static final String SNAT_FILTER = "SNAT_FILTER";
  public static final String EXCLUSIVE_DNAT = "EXCLUSIVE_DNAT";
  public static final String EXCLUSIVE_SNAT = "EXCLUSIVE_SNAT";
  public static final String SHARED_DNAT = "SHARED_DNAT";
  public static final String SHARED_SNAT = "SHARED_SNAT";
  /** v1.16+. */
  public static final String HAIRPIN_SNAT = "HAIRPIN_SNAT";

  /** Chains created by {@code init}, in creation order (HAIRPIN_SNAT only from v1.16). */
  public static final List<String> KUBE_OVN_CHAINS = List.of(
      DNAT_FILTER, SNAT_FILTER, EXCLUSIVE_DNAT, EXCLUSIVE_SNAT, SHARED_DNAT, SHARED_SNAT, HAIRPIN_SNAT);

  /** Chains whose rules each belong to one EIP, FIP, SNAT or DNAT: where a leak shows. */
  public static final Set<String> RESOURCE_CHAINS =
      Set.of(EXCLUSIVE_DNAT, EXCLUSIVE_SNAT, SHARED_DNAT, SHARED_SNAT, HAIRPIN_SNAT);

  public static boolean isKubeOvnChain(String chain) {
    return KUBE_OVN_CHAINS.contains(chain);
  }
}

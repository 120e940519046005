package io.natgwchaos.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a provisioning created (or, attached to a failure, created so far), in creation order.
 *
 * @param gatewayPod the gateway's pod, {@code vpc-nat-gw-<gateway>-0} in {@code gatewayNamespace}
 * @param gatewayNode where that pod was when the topology became ready (null if it never did)
 * @param labelledNodes nodes given the topology's candidate label
 * @param eipAddresses EIP name → the address the controller allocated (only EIPs that became ready)
 */
public record ProvisionedTopology(TopologySpec spec, String gatewayNamespace, boolean vpcCreated,
    boolean subnetCreated, boolean gatewayCreated, String gatewayPod, String gatewayNode, List<String> labelledNodes,
    List<String> eips, Map<String, String> eipAddresses, List<String> fips, List<String> snats, List<String> dnats) {

  public ProvisionedTopology {
    labelledNodes = List.copyOf(labelledNodes);
    eips = List.copyOf(eips);
    eipAddresses = Map.copyOf(eipAddresses);
    fips = List.copyOf(fips);
    snats = List.copyOf(snats);
    dnats = List.copyOf(dnats);
  }

  public String vpc() {
    return spec.vpcName();
  }

  public String subnet() {
    return spec.subnetName();
  }

  public String gateway() {
    return spec.gatewayName();
  }

  /** {@code Kind/name} of everything created, in creation order. */
  public List<String> resources() {
    List<String> all = new ArrayList<>();
    if (vpcCreated) {
      all.add("Vpc/" + vpc());
    }
    if (subnetCreated) {
      all.add("Subnet/" + subnet());
    }
    if (gatewayCreated) {
      all.add("VpcNatGateway/" + gateway());
    }
    eips.forEach(n -> all.add("IptablesEIP/" + n));
    fips.forEach(n -> all.add("IptablesFIPRule/" + n));
    snats.forEach(n -> all.add("IptablesSnatRule/" + n));
    dnats.forEach(n -> all.add("IptablesDnatRule/" + n));
    return all;
  }
}

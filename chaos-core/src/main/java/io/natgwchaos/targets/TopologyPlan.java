package io.natgwchaos.targets;

import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.targets.process.Durations;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link TopologyProvisioner} would do for a spec, as plan steps: the same objects
 * ({@link TopologyResources}) in the same order, with the waits and their bounds.
 */
public final class TopologyPlan {
  private TopologyPlan() {}

  /** One numbered step of a plan and its lines. */
  public record Step(String title, List<String> lines) {
    public Step {
      lines = List.copyOf(lines);
    }
  }

  public static List<Step> provisioning(TopologySpec spec, ExternalNetwork network, String gatewayNamespace,
      TopologyTimeouts timeouts) {
    TopologyResources r = TopologyResources.of(spec, network);
    String ready = Durations.text(timeouts.ready());
    List<Step> steps = new ArrayList<>();
    steps.add(new Step("Provision topology " + spec.name() + ": Vpc and internal Subnet (API)", List.of(
        "create Vpc " + spec.vpcName() + ": staticRoutes [policyDst 0.0.0.0/0 -> " + spec.lanIp() + "]",
        "create Subnet " + spec.subnetName() + ": vpc " + spec.vpcName() + ", cidrBlock " + spec.internalCidr()
            + ", gateway " + spec.internalGateway(),
        "wait <= " + ready + ": Vpc " + spec.vpcName() + " status.standby=true",
        "wait <= " + ready + ": Subnet " + spec.subnetName() + " condition Ready=True")));
    List<String> gateway = new ArrayList<>();
    gateway.add("label node " + spec.gatewayNode() + " " + spec.candidateLabel() + "=" + TopologyResources.CANDIDATE);
    gateway.add("create VpcNatGateway " + spec.gatewayName() + ": vpc " + spec.vpcName() + ", subnet "
        + spec.subnetName() + ", lanIp " + spec.lanIp() + ", externalSubnets " + r.gateway().getSpec().getExternalSubnets()
        + ", selector " + r.gateway().getSpec().getSelector());
    gateway.add("wait <= " + Durations.text(timeouts.gatewayInit()) + ": pod " + gatewayNamespace + "/"
        + KubeOvn.gatewayPodName(spec.gatewayName()) + " annotation " + KubeOvn.Annotations.GATEWAY_INIT
        + "=true, on node " + spec.gatewayNode());
    for (String node : spec.candidateNodes()) {
      if (!node.equals(spec.gatewayNode())) {
        gateway.add("label node " + node + " " + spec.candidateLabel() + "=" + TopologyResources.CANDIDATE
            + " (a rescheduled gateway may land here)");
      }
    }
    steps.add(new Step("Provision topology " + spec.name() + ": the NAT gateway, pinned to " + spec.gatewayNode(),
        gateway));
    List<String> eips = new ArrayList<>();
    for (IptablesEip eip : r.eips()) {
      eips.add("create IptablesEIP " + eip.getMetadata().getName() + ": natGwDp " + eip.getSpec().getNatGwDp()
          + (eip.getSpec().getExternalSubnet() == null ? "" : ", externalSubnet " + eip.getSpec().getExternalSubnet()));
    }
    eips.add("wait <= " + ready + ": every EIP status.ready=true with status.ip from " + network.cidr());
    steps.add(new Step("Provision topology " + spec.name() + ": " + r.eips().size() + " EIPs", eips));
    List<String> rules = new ArrayList<>();
    for (IptablesFipRule fip : r.fips()) {
      rules.add("create IptablesFIPRule " + fip.getMetadata().getName() + ": eip " + fip.getSpec().getEip()
          + ", internalIp " + fip.getSpec().getInternalIp());
    }
    for (IptablesSnatRule snat : r.snats()) {
      rules.add("create IptablesSnatRule " + snat.getMetadata().getName() + ": eip " + snat.getSpec().getEip()
          + ", internalCIDR " + snat.getSpec().getInternalCIDR());
    }
    for (IptablesDnatRule dnat : r.dnats()) {
      rules.add("create IptablesDnatRule " + dnat.getMetadata().getName() + ": eip " + dnat.getSpec().getEip()
          + ", " + dnat.getSpec().getProtocol() + " " + dnat.getSpec().getExternalPort() + " -> "
          + dnat.getSpec().getInternalIp() + ":" + dnat.getSpec().getInternalPort());
    }
    rules.add("wait <= " + ready + ": every rule status.ready=true");
    steps.add(new Step("Provision topology " + spec.name() + ": FIP/SNAT/DNAT rules", rules));
    return steps;
  }

  public static List<Step> teardown(TopologySpec spec, String gatewayNamespace, TopologyTimeouts timeouts) {
    String limit = Durations.text(timeouts.deletion());
    List<String> lines = new ArrayList<>();
    List<String> rules = new ArrayList<>();
    for (int i = 0; i < spec.fips(); i++) {
      rules.add("IptablesFIPRule " + spec.fipName(i));
    }
    for (int i = 0; i < spec.snats(); i++) {
      rules.add("IptablesSnatRule " + spec.snatName(i));
    }
    for (int i = 0; i < spec.dnats(); i++) {
      rules.add("IptablesDnatRule " + spec.dnatName(i));
    }
    if (!rules.isEmpty()) {
      lines.add("delete " + String.join(", ", rules) + "; wait <= " + limit + " until gone");
    }
    lines.add("delete IptablesEIP " + String.join(", ", spec.eipNames()) + "; wait <= " + limit + " until gone");
    lines.add("delete VpcNatGateway " + spec.gatewayName() + "; wait <= " + limit + " until it and pod "
        + gatewayNamespace + "/" + KubeOvn.gatewayPodName(spec.gatewayName()) + " are gone");
    lines.add("remove label " + spec.candidateLabel() + " from " + String.join(", ", spec.candidateNodes()));
    lines.add("delete Subnet " + spec.subnetName() + ", then Vpc " + spec.vpcName() + "; wait <= " + limit
        + " each until gone");
    return List.of(new Step("Tear down topology " + spec.name() + " (API)", lines));
  }
}

package io.natgwchaos.targets;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.kubeovn.Vpc;
import io.natgwchaos.kubeovn.VpcNatGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kube-OVN objects of one topology, in creation order, built from its spec and the external network:
 * what the provisioner creates and what plan mode prints.
 */
public record TopologyResources(Vpc vpc, Subnet subnet, VpcNatGateway gateway, List<IptablesEip> eips,
    List<IptablesFipRule> fips, List<IptablesSnatRule> snats, List<IptablesDnatRule> dnats) {

  public TopologyResources {
    eips = List.copyOf(eips);
    fips = List.copyOf(fips);
    snats = List.copyOf(snats);
    dnats = List.copyOf(dnats);
  }

  public static TopologyResources of(TopologySpec spec, ExternalNetwork network) {
    Vpc vpc = new Vpc();
    vpc.setMetadata(metadata(spec, spec.vpcName()));
    vpc.setSpec(new Vpc.Spec());
    Vpc.StaticRoute route = new Vpc.StaticRoute();
    route.setPolicy("policyDst");
    route.setCidr("0.0.0.0/0");
    route.setNextHopIP(spec.lanIp());
    vpc.getSpec().setStaticRoutes(List.of(route));

    Subnet subnet = new Subnet();
    subnet.setMetadata(metadata(spec, spec.subnetName()));
    subnet.setSpec(new Subnet.Spec());
    subnet.getSpec().setVpc(spec.vpcName());
    subnet.getSpec().setProtocol("IPv4");
    subnet.getSpec().setCidrBlock(spec.internalCidr());
    subnet.getSpec().setGateway(spec.internalGateway());

    VpcNatGateway gateway = new VpcNatGateway();
    gateway.setMetadata(metadata(spec, spec.gatewayName()));
    gateway.setSpec(new VpcNatGateway.Spec());
    gateway.getSpec().setVpc(spec.vpcName());
    gateway.getSpec().setSubnet(spec.subnetName());
    gateway.getSpec().setLanIp(spec.lanIp());
    gateway.getSpec().setExternalSubnets(List.of(network.name()));
    gateway.getSpec().setSelector(List.of(spec.candidateLabel() + ": " + CANDIDATE));

    List<IptablesEip> eips = new ArrayList<>();
    for (String name : spec.eipNames()) {
      IptablesEip eip = new IptablesEip();
      eip.setMetadata(metadata(spec, name));
      eip.setSpec(new IptablesEip.Spec());
      eip.getSpec().setNatGwDp(spec.gatewayName());
      if (!network.name().equals(KubeOvn.DEFAULT_EXTERNAL_NETWORK)) {
        eip.getSpec().setExternalSubnet(network.name());
      }
      eips.add(eip);
    }
    int nextEip = 0;
    List<IptablesFipRule> fips = new ArrayList<>();
    for (int i = 0; i < spec.fips(); i++) {
      IptablesFipRule fip = new IptablesFipRule();
      fip.setMetadata(metadata(spec, spec.fipName(i)));
      fip.setSpec(new IptablesFipRule.Spec());
      fip.getSpec().setEip(spec.eipName(nextEip++));
      fip.getSpec().setInternalIp(spec.internalHost(TopologySpec.FIP_HOST_BASE + i));
      fips.add(fip);
    }
    List<IptablesSnatRule> snats = new ArrayList<>();
    for (int i = 0; i < spec.snats(); i++) {
      IptablesSnatRule snat = new IptablesSnatRule();
      snat.setMetadata(metadata(spec, spec.snatName(i)));
      snat.setSpec(new IptablesSnatRule.Spec());
      snat.getSpec().setEip(spec.eipName(nextEip++));
      // the first SNAT covers the whole VPC subnet, as a user would write it; more SNATs take single hosts
      snat.getSpec().setInternalCIDR(i == 0 ? spec.internalCidr()
          : spec.internalHost(TopologySpec.SNAT_HOST_BASE + i) + "/32");
      snats.add(snat);
    }
    List<IptablesDnatRule> dnats = new ArrayList<>();
    for (int i = 0; i < spec.dnats(); i++) {
      IptablesDnatRule dnat = new IptablesDnatRule();
      dnat.setMetadata(metadata(spec, spec.dnatName(i)));
      dnat.setSpec(new IptablesDnatRule.Spec());
      dnat.getSpec().setEip(spec.eipName(nextEip++));
      dnat.getSpec().setProtocol("tcp");
      dnat.getSpec().setExternalPort(String.valueOf(TopologySpec.DNAT_EXTERNAL_PORT_BASE + i));
      dnat.getSpec().setInternalIp(spec.internalHost(TopologySpec.DNAT_HOST_BASE + i));
      dnat.getSpec().setInternalPort("80");
      dnats.add(dnat);
    }
    return new TopologyResources(vpc, subnet, gateway, eips, fips, snats, dnats);
  }

  /** Value of the candidate node label. */
  public static final String CANDIDATE = "candidate";

  /** Every object in creation order. */
  public List<HasMetadata> all() {
    List<HasMetadata> all = new ArrayList<>(List.of(vpc, subnet, gateway));
    all.addAll(eips);
    all.addAll(fips);
    all.addAll(snats);
    all.addAll(dnats);
    return all;
  }

  private static ObjectMeta metadata(TopologySpec spec, String name) {
    return new ObjectMetaBuilder().withName(name).withLabels(Map.of(TopologySpec.MANAGED_BY_LABEL,
        TopologySpec.MANAGED_BY, TopologySpec.TOPOLOGY_LABEL, spec.name())).build();
  }
}

package io.natgwchaos.targets.kind;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.natgwchaos.kubeovn.NetworkAttachmentDefinition;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.targets.ExternalNetwork;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The NAD and Subnet that make a docker network the gateways' external network, rendered from the
 * templates of kind-configs and read back as typed resources to create through the API.
 */
public final class ExternalNetworkManifests {
  static final String NAD_TEMPLATE = "external-network-nad.yaml.tmpl";
  static final String SUBNET_TEMPLATE = "external-network-subnet.yaml.tmpl";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ExternalNetworkManifests() {}

  /** macvlan on {@code masterInterface} (the node NIC on the docker network), IPAM by Kube-OVN. */
  public static String nadYaml(ExternalNetwork network, String masterInterface) {
    return Template.load(NAD_TEMPLATE).render(Map.of(
        "name", network.name(),
        "namespace", network.nadNamespace(),
        "masterInterface", masterInterface,
        "provider", network.provider()));
  }

  public static String subnetYaml(ExternalNetwork network) {
    String excludeIps = network.excludeIps().stream().map(ip -> "\"" + ip + "\"")
        .collect(Collectors.joining(", ", "[", "]"));
    return Template.load(SUBNET_TEMPLATE).render(Map.of(
        "name", network.name(),
        "cidr", network.cidr(),
        "gateway", network.gateway(),
        "provider", network.provider(),
        "excludeIps", excludeIps));
  }

  public static NetworkAttachmentDefinition nad(ExternalNetwork network, String masterInterface) {
    return SERIALIZATION.unmarshal(nadYaml(network, masterInterface), NetworkAttachmentDefinition.class);
  }

  public static Subnet subnet(ExternalNetwork network) {
    return SERIALIZATION.unmarshal(subnetYaml(network), Subnet.class);
  }
}

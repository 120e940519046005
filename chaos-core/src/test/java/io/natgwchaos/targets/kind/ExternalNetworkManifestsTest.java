package io.natgwchaos.targets.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.kubeovn.NetworkAttachmentDefinition;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.targets.ExternalNetwork;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ExternalNetworkManifestsTest {
  static final ExternalNetwork NETWORK = new ExternalNetwork("ovn-vpc-external-network", "kube-system",
      "172.19.0.0/16", "172.19.0.1", List.of("172.19.0.2", "172.19.0.3", "172.19.0.4"));

  @Test
  void nadIsMacvlanBridgeOnTheDiscoveredNicWithKubeOvnIpam() {
    NetworkAttachmentDefinition nad = ExternalNetworkManifests.nad(NETWORK, "eth1");

    assertThat(nad.getMetadata().getName()).isEqualTo("ovn-vpc-external-network");
    assertThat(nad.getMetadata().getNamespace()).isEqualTo("kube-system");
    assertThat(nad.getSpec().getConfig()).isEqualTo("{\"cniVersion\":\"0.3.0\",\"type\":\"macvlan\","
        + "\"master\":\"eth1\",\"mode\":\"bridge\",\"ipam\":{\"type\":\"kube-ovn\","
        + "\"server_socket\":\"/run/openvswitch/kube-ovn-daemon.sock\","
        + "\"provider\":\"ovn-vpc-external-network.kube-system\"}}");
    Map<?, ?> config = JsonMapper.builder().build().readValue(nad.getSpec().getConfig(), Map.class);
    assertThat(config.get("ipam")).isEqualTo(Map.of("type", "kube-ovn",
        "server_socket", "/run/openvswitch/kube-ovn-daemon.sock", "provider", "ovn-vpc-external-network.kube-system"));
  }

  @Test
  void subnetCarriesTheDockerNetworkProviderAndExcludedNodeAddresses() {
    Subnet subnet = ExternalNetworkManifests.subnet(NETWORK);

    assertThat(subnet.getMetadata().getName()).isEqualTo("ovn-vpc-external-network");
    assertThat(subnet.getMetadata().getNamespace()).isNull();
    assertThat(subnet.getSpec().getProtocol()).isEqualTo("IPv4");
    assertThat(subnet.getSpec().getCidrBlock()).isEqualTo("172.19.0.0/16");
    assertThat(subnet.getSpec().getGateway()).isEqualTo("172.19.0.1");
    assertThat(subnet.getSpec().getProvider()).isEqualTo("ovn-vpc-external-network.kube-system");
    assertThat(subnet.getSpec().getVpc()).isNull();
    assertThat(subnet.getSpec().getExcludeIps()).containsExactly("172.19.0.2", "172.19.0.3", "172.19.0.4");
    assertThat(ExternalNetworkManifests.subnetYaml(NETWORK))
        .contains("  excludeIps: [\"172.19.0.2\", \"172.19.0.3\", \"172.19.0.4\"]\n");
  }
}

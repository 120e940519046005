package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates the twin's nodes: Ready, schedulable, labelled as kind labels them. */
final class TwinNodes {
  static final String KUBELET_VERSION = "v1.35.1";

  private TwinNodes() {}

  static void create(KubernetesClient client, List<NodeSpec> specs) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    for (NodeSpec spec : specs) {
      client.nodes().resource(node(spec, now)).create();
    }
  }

  static Node node(NodeSpec spec, String now) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("beta.kubernetes.io/arch", "amd64");
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("kubernetes.io/hostname", spec.name());
    labels.put("kubernetes.io/os", "linux");
    labels.put("type", "kind");
    labels.putAll(spec.labels());
    Map<String, Quantity> capacity = Map.of("cpu", new Quantity("2"), "memory", new Quantity("8Gi"),
        "pods", new Quantity("110"), "ephemeral-storage", new Quantity("100Gi"));
    return new NodeBuilder()
        .withNewMetadata().withName(spec.name()).withLabels(labels).endMetadata()
        .withNewSpec().withPodCIDR(spec.podCidr()).withPodCIDRs(spec.podCidr())
        .withProviderID("kind://docker/kube-ovn/" + spec.name()).endSpec()
        .withNewStatus()
        .addNewCondition().withType("MemoryPressure").withStatus("False").withReason("KubeletHasSufficientMemory")
        .withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
        .addNewCondition().withType("DiskPressure").withStatus("False").withReason("KubeletHasNoDiskPressure")
        .withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
        .addNewCondition().withType("PIDPressure").withStatus("False").withReason("KubeletHasSufficientPID")
        .withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
        .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
        .withMessage("kubelet is posting ready status").withLastHeartbeatTime(now).withLastTransitionTime(now)
        .endCondition()
        .addNewAddress().withType("InternalIP").withAddress(spec.internalIp()).endAddress()
        .addNewAddress().withType("Hostname").withAddress(spec.name()).endAddress()
        .withCapacity(capacity).withAllocatable(capacity)
        .withNewNodeInfo().withArchitecture("amd64").withOperatingSystem("linux")
        .withKubeletVersion(KUBELET_VERSION).withKubeProxyVersion(KUBELET_VERSION)
        .withContainerRuntimeVersion("containerd://2.2.0").withOsImage("Debian GNU/Linux 12 (bookworm)")
        .withKernelVersion("6.8.0").withMachineID(spec.name()).withSystemUUID(spec.name()).withBootID(spec.name())
        .endNodeInfo()
        .endStatus()
        .build();
  }

  static boolean isReady(Node node) {
    return node.getStatus() != null && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static String internalIp(Node node) {
    if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
      return null;
    }
    return node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
        .map(io.fabric8.kubernetes.api.model.NodeAddress::getAddress).findFirst().orElse(null);
  }
}

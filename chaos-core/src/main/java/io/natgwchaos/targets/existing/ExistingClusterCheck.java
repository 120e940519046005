package io.natgwchaos.targets.existing;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.KubeOvnCrds;
import io.natgwchaos.kubeovn.NetworkAttachmentDefinition;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.targets.ExternalNetwork;
import io.natgwchaos.targets.TargetUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Read-only checks that a cluster runs Kube-OVN with the VPC NAT gateway feature: CRDs established,
 * kube-ovn-controller ready, the NAT gateway ConfigMaps switched on (never modified: turning
 * {@code ovn-vpc-nat-gw-config} off deletes every gateway), multus' NAD CRD, the external network's NAD and
 * Subnet, and schedulable gateway nodes. Every problem is collected into one message.
 */
final class ExistingClusterCheck {
  private ExistingClusterCheck() {}

  /** What the checks found on a cluster fit for experiments. */
  record Findings(String controllerNamespace, String kubeOvnVersion, String gatewayImage, ExternalNetwork network,
      List<String> gatewayNodes) {}

  static Findings verify(KubernetesClient client, String context, ExistingSettings settings) {
    List<String> problems = new ArrayList<>();
    for (CustomResourceDefinition expected : KubeOvnCrds.all()) {
      String name = expected.getMetadata().getName();
      CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
      boolean nad = expected.getSpec().getGroup().equals("k8s.cni.cncf.io");
      if (crd == null) {
        problems.add("CRD " + name + " is missing" + (nad ? " (install multus thick: it provides NetworkAttachmentDefinitions)"
            : " (is Kube-OVN installed?)"));
      } else if (!established(crd)) {
        problems.add("CRD " + name + " is not Established");
      }
    }

    String namespace = settings.kubeOvnNamespace().orElseGet(() -> findControllerNamespace(client));
    String version = null;
    String image = null;
    if (namespace == null) {
      problems.add("kube-ovn-controller not found: no pod labelled app=kube-ovn-controller in any namespace"
          + " (set -D" + ExistingSettings.KUBE_OVN_NAMESPACE + " if it runs elsewhere)");
    } else {
      Deployment controller = client.apps().deployments().inNamespace(namespace).withName("kube-ovn-controller").get();
      if (controller == null) {
        problems.add("deployment " + namespace + "/kube-ovn-controller is missing");
      } else {
        int ready = Optional.ofNullable(controller.getStatus()).map(s -> s.getReadyReplicas()).orElse(0);
        if (ready < 1) {
          problems.add("deployment " + namespace + "/kube-ovn-controller has no ready replica");
        }
        String controllerImage = controller.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        version = controllerImage.contains(":") ? controllerImage.substring(controllerImage.lastIndexOf(':') + 1) : "unknown";
        if (settings.expectedVersion().isPresent() && !settings.expectedVersion().get().equals(version)) {
          problems.add("context '" + context + "' runs Kube-OVN " + version + " (" + controllerImage
              + ") but -Dkubeovn.version=" + settings.expectedVersion().get() + " was given: drop it or match it");
        }
      }
      ConfigMap enabled = client.configMaps().inNamespace(namespace).withName(KubeOvn.NAT_GW_CONFIG_MAP).get();
      String flag = enabled == null || enabled.getData() == null ? null : enabled.getData().get(KubeOvn.NAT_GW_ENABLED_KEY);
      if (!"true".equals(flag)) {
        problems.add("the VPC NAT gateway feature is off: ConfigMap " + namespace + "/" + KubeOvn.NAT_GW_CONFIG_MAP
            + (enabled == null ? " is missing" : " has " + KubeOvn.NAT_GW_ENABLED_KEY + "=" + flag)
            + "; natgw-chaos never changes it (turning it off deletes every gateway): enable it yourself");
      }
      ConfigMap natConfig = client.configMaps().inNamespace(namespace).withName(KubeOvn.NAT_CONFIG_MAP).get();
      Map<String, String> data = natConfig == null || natConfig.getData() == null ? Map.of() : natConfig.getData();
      image = data.get("image");
      if (image == null || image.isBlank()) {
        problems.add("ConfigMap " + namespace + "/" + KubeOvn.NAT_CONFIG_MAP + " has no gateway image (key image)");
      }
      String prefix = data.get("natGwNamePrefix");
      if (prefix != null && !prefix.isBlank() && !prefix.equals(KubeOvn.GATEWAY_NAME_PREFIX)) {
        problems.add("ConfigMap " + namespace + "/" + KubeOvn.NAT_CONFIG_MAP + " sets natGwNamePrefix=" + prefix
            + "; natgw-chaos finds gateway pods as " + KubeOvn.GATEWAY_NAME_PREFIX + "-<gw>-0 only");
      }
    }

    ExternalNetwork network = externalNetwork(client, settings, problems);
    List<String> nodes = gatewayNodes(client, settings, problems);
    if (!problems.isEmpty()) {
      throw new TargetUnavailableException("context '" + context + "' is not ready for natgw-chaos (nothing was"
          + " changed):\n  - " + String.join("\n  - ", problems));
    }
    return new Findings(namespace, version, image, network, nodes);
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd.getStatus() != null && crd.getStatus().getConditions() != null && crd.getStatus().getConditions()
        .stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String findControllerNamespace(KubernetesClient client) {
    List<Pod> pods = client.pods().inAnyNamespace().withLabel("app", "kube-ovn-controller").list().getItems();
    return pods.stream().map(p -> p.getMetadata().getNamespace()).filter(Objects::nonNull).sorted().findFirst()
        .orElse(null);
  }

  private static ExternalNetwork externalNetwork(KubernetesClient client, ExistingSettings settings,
      List<String> problems) {
    String name = settings.externalNetwork();
    String nadNamespace = settings.externalNetworkNamespace();
    String provider = KubeOvn.provider(name, nadNamespace);
    try {
      if (client.resources(NetworkAttachmentDefinition.class).inNamespace(nadNamespace).withName(name).get() == null) {
        problems.add("NetworkAttachmentDefinition " + nadNamespace + "/" + name + " (the external network, -D"
            + ExistingSettings.EXTERNAL_NETWORK + ") is missing");
      }
    } catch (KubernetesClientException e) {
      problems.add("cannot read NetworkAttachmentDefinition " + nadNamespace + "/" + name + ": " + e.getMessage());
    }
    Subnet subnet = client.resources(Subnet.class).withName(name).get();
    if (subnet == null) {
      problems.add("external Subnet " + name + " is missing");
      return null;
    }
    Subnet.Spec spec = subnet.getSpec();
    if (!provider.equals(spec.getProvider())) {
      problems.add("external Subnet " + name + " has provider " + spec.getProvider() + ", expected " + provider);
    }
    String cidr = settings.externalCidr().orElse(spec.getCidrBlock());
    String gateway = settings.externalGateway().orElse(spec.getGateway());
    if (!Objects.equals(cidr, spec.getCidrBlock()) || !Objects.equals(gateway, spec.getGateway())) {
      problems.add("external Subnet " + name + " is " + spec.getCidrBlock() + " via " + spec.getGateway()
          + ", but the properties say " + cidr + " via " + gateway);
    }
    if (cidr == null || gateway == null) {
      problems.add("external Subnet " + name + " has no cidrBlock or gateway");
      return null;
    }
    return new ExternalNetwork(name, nadNamespace, cidr, gateway,
        spec.getExcludeIps() == null ? List.of() : spec.getExcludeIps());
  }

  private static List<String> gatewayNodes(KubernetesClient client, ExistingSettings settings, List<String> problems) {
    List<Node> nodes = client.nodes().list().getItems();
    if (!settings.gatewayNodes().isEmpty()) {
      for (String wanted : settings.gatewayNodes()) {
        if (nodes.stream().noneMatch(n -> n.getMetadata().getName().equals(wanted))) {
          problems.add("gateway node " + wanted + " (-D" + ExistingSettings.GATEWAY_NODES + ") does not exist");
        }
      }
      return settings.gatewayNodes();
    }
    List<String> workers = nodes.stream().filter(ExistingClusterCheck::schedulableWorker)
        .map(n -> n.getMetadata().getName()).sorted().toList();
    if (workers.isEmpty()) {
      problems.add("no schedulable worker node for the gateway (set -D" + ExistingSettings.GATEWAY_NODES + ")");
    }
    return workers;
  }

  private static boolean schedulableWorker(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    boolean controlPlane = labels.containsKey("node-role.kubernetes.io/control-plane")
        || labels.containsKey("node-role.kubernetes.io/master");
    boolean cordoned = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    return !controlPlane && !cordoned;
  }
}

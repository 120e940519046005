package io.natgwchaos.twin;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.NetworkAttachmentDefinition;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.targets.ExternalNetwork;
import io.natgwchaos.twin.cluster.KubeOvnControllerWorkload;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a kind cluster with Kube-OVN's NAT gateway enabled has before any experiment, created through the
 * API: the external network (NAD + Subnet, exactly as the kind target renders them), the two NAT-gateway
 * ConfigMaps install.sh writes, and the kube-ovn-controller Deployment (one replica on the control plane).
 */
final class KubeOvnInstallation {
  /** kind's external docker network as the kind target creates it; nodes hold .2-.4. */
  static final ExternalNetwork EXTERNAL_NETWORK = new ExternalNetwork(KubeOvn.DEFAULT_EXTERNAL_NETWORK,
      KubeOvn.CONTROLLER_NAMESPACE, "172.19.0.0/16", "172.19.0.1", List.of("172.19.0.2", "172.19.0.3", "172.19.0.4"));
  /** kind's default service CIDR. */
  static final String SERVICE_CIDR = "10.96.0.0/12";
  private static final Pattern RELEASE = Pattern.compile("^(v\\d+\\.\\d+\\.\\d+)");

  private KubeOvnInstallation() {}

  /** The image tag of a profile: its release, or master's next version for master and fixed. */
  static String imageTag(String profile) {
    Matcher release = RELEASE.matcher(profile);
    return release.find() ? release.group(1) : "v1.17.0";
  }

  static void install(KubernetesClient client, ExternalNetwork network, String profile) {
    String tag = imageTag(profile);
    NetworkAttachmentDefinition nad = new NetworkAttachmentDefinition();
    nad.getMetadata().setName(network.name());
    nad.getMetadata().setNamespace(network.nadNamespace());
    nad.setSpec(new NetworkAttachmentDefinition.Spec());
    nad.getSpec().setConfig("{\"cniVersion\":\"0.3.0\",\"type\":\"macvlan\",\"master\":\"eth1\",\"mode\":\"bridge\","
        + "\"ipam\":{\"type\":\"kube-ovn\",\"server_socket\":\"/run/openvswitch/kube-ovn-daemon.sock\","
        + "\"provider\":\"" + network.provider() + "\"}}");
    client.resources(NetworkAttachmentDefinition.class).inNamespace(network.nadNamespace()).resource(nad).create();

    Subnet subnet = new Subnet();
    subnet.getMetadata().setName(network.name());
    subnet.setSpec(new Subnet.Spec());
    subnet.getSpec().setProtocol("IPv4");
    subnet.getSpec().setCidrBlock(network.cidr());
    subnet.getSpec().setGateway(network.gateway());
    subnet.getSpec().setProvider(network.provider());
    subnet.getSpec().setExcludeIps(network.excludeIps());
    client.resources(Subnet.class).resource(subnet).create();

    client.configMaps().inNamespace(KubeOvn.CONTROLLER_NAMESPACE).resource(new ConfigMapBuilder()
        .withNewMetadata().withName(KubeOvn.NAT_CONFIG_MAP).withNamespace(KubeOvn.CONTROLLER_NAMESPACE).endMetadata()
        .addToData("image", "docker.io/kubeovn/vpc-nat-gateway:" + tag).build()).create();
    client.configMaps().inNamespace(KubeOvn.CONTROLLER_NAMESPACE).resource(new ConfigMapBuilder()
        .withNewMetadata().withName(KubeOvn.NAT_GW_CONFIG_MAP).withNamespace(KubeOvn.CONTROLLER_NAMESPACE)
        .endMetadata().addToData(KubeOvn.NAT_GW_ENABLED_KEY, "true").build()).create();

    client.apps().deployments().inNamespace(KubeOvn.CONTROLLER_NAMESPACE).resource(controllerDeployment(tag)).create();
  }

  static Deployment controllerDeployment(String tag) {
    Map<String, String> labels = Map.of("app", KubeOvnControllerWorkload.APP, "component", "network", "type", "infra");
    return new DeploymentBuilder()
        .withNewMetadata().withName(KubeOvnControllerWorkload.APP).withNamespace(KubeOvn.CONTROLLER_NAMESPACE)
        .withLabels(labels).endMetadata()
        .withNewSpec().withReplicas(1)
        .withNewSelector().addToMatchLabels("app", KubeOvnControllerWorkload.APP).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec()
        .withHostNetwork(true).withServiceAccountName("ovn").withPriorityClassName("system-cluster-critical")
        .addToNodeSelector("kubernetes.io/os", "linux").addToNodeSelector("kube-ovn/role", "master")
        .addNewToleration().withOperator("Exists").endToleration()
        .addNewContainer().withName(KubeOvnControllerWorkload.APP).withImage("docker.io/kubeovn/kube-ovn:" + tag)
        .withImagePullPolicy("IfNotPresent").withCommand("/kube-ovn/start-controller.sh").endContainer()
        .endSpec().endTemplate()
        .endSpec()
        .build();
  }
}

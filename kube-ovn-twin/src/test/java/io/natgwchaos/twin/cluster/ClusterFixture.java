package io.natgwchaos.twin.cluster;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.twin.TimeScale;
import io.natgwchaos.twin.gateway.GatewayExecHandler;
import io.natgwchaos.twin.gateway.GatewayPods;
import io.natgwchaos.twin.gateway.GatewayWorkload;
import io.natgwchaos.twin.gateway.IptablesBackend;
import io.natgwchaos.twin.gateway.NatGatewayScript;
import io.natgwchaos.twin.gateway.StepCosts;
import io.natgwchaos.twin.profile.Profiles;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A twin cluster running gateway pods, with a client for the test; the test plays kube-ovn-controller. */
final class ClusterFixture implements AutoCloseable {
  static final String NS = KubeOvn.CONTROLLER_NAMESPACE;
  static final TimeScale SCALE = new TimeScale(0.05);
  static final String PROVIDER = "ovn-vpc-external-network.kube-system";

  final GatewayPods gatewayPods = new GatewayPods(Clock.systemUTC());
  final TwinCluster cluster;
  final KubernetesClient client;

  ClusterFixture() {
    cluster = TwinCluster.start(ClusterSpec.kind(SCALE, 7), context -> {
      NatGatewayScript script = new NatGatewayScript(Profiles.named("v1.13.4"), SCALE, StepCosts.upstream(),
          gatewayPods);
      return List.of(new GatewayWorkload(gatewayPods, new GatewayExecHandler(script, SCALE, StepCosts.upstream()),
          IptablesBackend.LEGACY, context.kubeletClient(), context.events()));
    });
    client = cluster.api().newClient("test");
    Subnet external = new Subnet();
    external.getMetadata().setName("ovn-vpc-external-network");
    external.setSpec(new Subnet.Spec());
    external.getSpec().setCidrBlock("172.19.0.0/16");
    external.getSpec().setGateway("172.19.0.1");
    external.getSpec().setProvider(PROVIDER);
    client.resources(Subnet.class).resource(external).create();
  }

  /** A plain StatefulSet of one pod. */
  StatefulSet statefulSet(String name, Map<String, String> nodeSelector) {
    return new StatefulSetBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec().withReplicas(1).withServiceName("")
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).addToAnnotations("note", "template")
        .endMetadata()
        .withNewSpec().withNodeSelector(nodeSelector).withTerminationGracePeriodSeconds(0L)
        .addNewContainer().withName("main").withImage("docker.io/library/busybox:1.37").endContainer()
        .endSpec().endTemplate()
        .endSpec().build();
  }

  /** A gateway StatefulSet as kube-ovn-controller generates it (the parts the twin reads). */
  StatefulSet gatewayStatefulSet(String gateway, Map<String, String> nodeSelector) {
    String name = KubeOvn.gatewayStatefulSetName(gateway);
    return new StatefulSetBuilder(statefulSet(name, nodeSelector))
        .editSpec().editTemplate().editMetadata()
        .addToLabels(KubeOvn.Labels.GATEWAY_POD, "true")
        .addToAnnotations(KubeOvn.Annotations.GATEWAY_NAME, gateway)
        .addToAnnotations(KubeOvn.Annotations.MULTUS_NETWORKS, "kube-system/ovn-vpc-external-network")
        .addToAnnotations(KubeOvn.Annotations.IP_ADDRESS, "10.0.1.254")
        .endMetadata()
        .editSpec().withContainers().addNewContainer().withName(KubeOvn.GATEWAY_CONTAINER)
        .withImage("docker.io/kubeovn/vpc-nat-gateway:v1.13.4").withCommand("sleep", "infinity").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }

  /** What kube-ovn-controller's pod handler writes once it allocated the gateway pod's addresses. */
  void allocate(String pod, String net1Ip) {
    client.pods().inNamespace(NS).withName(pod).patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"ovn.kubernetes.io/allocated\":\"true\",\"" + PROVIDER
            + ".kubernetes.io/ip_address\":\"" + net1Ip + "\"}}}");
  }

  Pod pod(String name) {
    return client.pods().inNamespace(NS).withName(name).get();
  }

  Pod awaitPod(String name, Predicate<Pod> condition) {
    Pod[] found = new Pod[1];
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
      Pod pod = pod(name);
      found[0] = pod;
      return pod != null && condition.test(pod);
    });
    return found[0];
  }

  static boolean running(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
        && StatefulSetController.isReady(pod);
  }

  static String node(Pod pod) {
    return pod.getSpec().getNodeName();
  }

  void cordon(String node, boolean unschedulable) {
    client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"unschedulable\":" + unschedulable + "}}");
  }

  @Override
  public void close() {
    cluster.close();
  }
}

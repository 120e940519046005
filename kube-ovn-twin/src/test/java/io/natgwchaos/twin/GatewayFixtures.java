package io.natgwchaos.twin;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.natgwchaos.gateway.ExecResult;
import io.natgwchaos.gateway.PodExecutor;
import io.natgwchaos.kubeovn.KubeOvn;
import java.time.Duration;
import java.util.List;

/** Plays the parts of kube-ovn-controller a test needs to get a gateway pod running and programmed. */
final class GatewayFixtures {
  static final String NS = KubeOvn.CONTROLLER_NAMESPACE;
  static final String PROVIDER = "ovn-vpc-external-network.kube-system";

  private GatewayFixtures() {}

  static StatefulSet gatewayStatefulSet(String gateway, String node) {
    String name = KubeOvn.gatewayStatefulSetName(gateway);
    return new StatefulSetBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).addToLabels("app", name)
        .addToLabels(KubeOvn.Labels.GATEWAY_POD, "true").endMetadata()
        .withNewSpec().withReplicas(1).withServiceName("")
        .withNewSelector().addToMatchLabels("app", name).addToMatchLabels(KubeOvn.Labels.GATEWAY_POD, "true")
        .endSelector()
        .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).addToLabels(KubeOvn.Labels.GATEWAY_POD, "true")
        .addToAnnotations(KubeOvn.Annotations.GATEWAY_NAME, gateway)
        .addToAnnotations(KubeOvn.Annotations.MULTUS_NETWORKS, "kube-system/ovn-vpc-external-network")
        .addToAnnotations(KubeOvn.Annotations.LOGICAL_SWITCH, "vpc1-net1")
        .addToAnnotations(KubeOvn.Annotations.IP_ADDRESS, "10.0.1.254")
        .endMetadata()
        .withNewSpec().addToNodeSelector("kubernetes.io/hostname", node).withTerminationGracePeriodSeconds(0L)
        .addNewContainer().withName(KubeOvn.GATEWAY_CONTAINER).withImage("docker.io/kubeovn/vpc-nat-gateway:v1.13.4")
        .withCommand("sleep", "infinity").endContainer()
        .endSpec().endTemplate()
        .endSpec().build();
  }

  /** Creates the gateway, allocates its addresses as kube-ovn-controller would, waits until it runs. */
  static Pod runningGateway(KubernetesClient client, String gateway, String node, String net1Ip) {
    client.apps().statefulSets().inNamespace(NS).resource(gatewayStatefulSet(gateway, node)).create();
    String pod = KubeOvn.gatewayPodName(gateway);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
      Pod p = client.pods().inNamespace(NS).withName(pod).get();
      return p != null && p.getSpec().getNodeName() != null;
    });
    client.pods().inNamespace(NS).withName(pod).patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"ovn.kubernetes.io/allocated\":\"true\",\"" + PROVIDER
            + ".kubernetes.io/ip_address\":\"" + net1Ip + "\"}}}");
    Pod[] running = new Pod[1];
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
      Pod p = client.pods().inNamespace(NS).withName(pod).get();
      running[0] = p;
      return p != null && "Running".equals(p.getStatus().getPhase());
    });
    return running[0];
  }

  /** {@code nat-gateway.sh <op> <rule>} exactly as the pre-master controller execs it. */
  static ExecResult script(PodExecutor executor, String gateway, String op, String... rules) {
    String line = "bash /kube-ovn/nat-gateway.sh " + op + (rules.length == 0 ? "" : " " + String.join(" ", rules));
    return executor.exec(NS, KubeOvn.gatewayPodName(gateway), KubeOvn.GATEWAY_CONTAINER,
        List.of("/bin/bash", "-c", line), Duration.ofSeconds(10));
  }

  static void markInitialised(KubernetesClient client, String gateway) {
    client.pods().inNamespace(NS).withName(KubeOvn.gatewayPodName(gateway)).patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"" + KubeOvn.Annotations.GATEWAY_INIT + "\":\"true\"}}}");
  }
}

package io.natgwchaos.twin.cluster;

import static io.natgwchaos.twin.cluster.ClusterFixture.NS;
import static io.natgwchaos.twin.cluster.ClusterFixture.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.natgwchaos.gateway.ExecResult;
import io.natgwchaos.gateway.KubernetesPodExecutor;
import io.natgwchaos.gateway.PodExecException;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.twin.gateway.GatewayPod;
import io.natgwchaos.twin.gateway.InterfaceAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeletTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private ClusterFixture twin;
  private KubernetesPodExecutor executor;

  @BeforeAll
  void start() {
    twin = new ClusterFixture();
    executor = new KubernetesPodExecutor(twin.client);
  }

  @AfterAll
  void stop() {
    twin.close();
  }

  private ExecResult exec(String pod, String... command) {
    return executor.exec(NS, pod, KubeOvn.GATEWAY_CONTAINER, List.of(command), TIMEOUT);
  }

  private static ContainerStatus gatewayContainer(Pod pod) {
    return pod.getStatus().getContainerStatuses().stream()
        .filter(s -> s.getName().equals(KubeOvn.GATEWAY_CONTAINER)).findFirst().orElseThrow();
  }

  private Pod runningGateway(String gateway, String net1Ip) {
    twin.client.apps().statefulSets().inNamespace(NS)
        .resource(twin.gatewayStatefulSet(gateway, Map.of(NodeSpec.GATEWAY_NODE_LABEL, "true"))).create();
    String pod = KubeOvn.gatewayPodName(gateway);
    twin.awaitPod(pod, p -> p.getSpec().getNodeName() != null);
    twin.allocate(pod, net1Ip);
    return twin.awaitPod(pod, ClusterFixture::running);
  }

  @Test
  void aGatewayPodWaitsForItsAddressesBeforeItRuns() throws InterruptedException {
    twin.client.apps().statefulSets().inNamespace(NS)
        .resource(twin.gatewayStatefulSet("wait", Map.of("kubernetes.io/hostname", "kube-ovn-worker"))).create();
    String name = KubeOvn.gatewayPodName("wait");

    Pod waiting = twin.awaitPod(name, p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null
        && !p.getStatus().getContainerStatuses().isEmpty());
    assertThat(waiting.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(gatewayContainer(waiting).getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
    assertThat(waiting.getStatus().getConditions().get(0).getMessage()).contains("ovn.kubernetes.io/allocated");
    Thread.sleep(300);
    assertThat(twin.pod(name).getStatus().getPhase()).isEqualTo("Pending");
    assertThat(catchThrowableOfType(PodExecException.class, () -> exec(name, "ip", "-o", "-4", "addr", "show", "dev",
        "net1"))).isNotNull();

    twin.allocate(name, "172.19.0.11");
    Pod runningPod = twin.awaitPod(name, ClusterFixture::running);

    assertThat(runningPod.getStatus().getPodIP()).isEqualTo("10.0.1.254");
    assertThat(gatewayContainer(runningPod).getRestartCount()).isZero();
    assertThat(exec(name, "ip", "-o", "-4", "addr", "show", "dev", "net1").stdout()).isEqualTo("4: net1    inet "
        + "172.19.0.11/16 brd 172.19.255.255 scope global net1\\       valid_lft forever preferred_lft forever\n");
  }

  @Test
  void aContainerRestartKeepsThePodAndUidAndEmptiesTheDataplane() throws InterruptedException {
    Pod before = runningGateway("restart", "172.19.0.12");
    String name = before.getMetadata().getName();
    assertThat(exec(name, "bash", "/kube-ovn/nat-gateway.sh", "init").exitCode()).isZero();
    assertThat(exec(name, "bash", "/kube-ovn/nat-gateway.sh", "eip-add", "172.19.0.13/16").exitCode()).isZero();
    Thread.sleep(1_100); // startedAt has second resolution

    twin.cluster.restartContainer(NS, name, KubeOvn.GATEWAY_CONTAINER);
    Pod killed = twin.pod(name);
    assertThat(killed.getStatus().getPhase()).isEqualTo("Running");
    assertThat(gatewayContainer(killed).getReady()).isFalse();
    assertThat(gatewayContainer(killed).getState().getTerminated().getExitCode()).isEqualTo(137);
    Pod after = twin.awaitPod(name, p -> gatewayContainer(p).getRestartCount() == 1 && running(p));

    assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
    assertThat(after.getStatus().getPhase()).isEqualTo("Running");
    assertThat(gatewayContainer(after).getState().getRunning().getStartedAt())
        .isNotEqualTo(gatewayContainer(before).getState().getRunning().getStartedAt());
    assertThat(gatewayContainer(after).getLastState().getTerminated().getExitCode()).isEqualTo(137);
    GatewayPod gateway = twin.gatewayPods.byUid(after.getMetadata().getUid()).orElseThrow();
    assertThat(gateway.netns().net1Addresses()).extracting(InterfaceAddress::cidr).containsExactly("172.19.0.12/16");
    assertThat(exec(name, "iptables-legacy-save", "-t", "nat").stdout()).doesNotContain("DNAT_FILTER");
    assertThat(exec(name, "bash", "/kube-ovn/nat-gateway.sh", "eip-add", "172.19.0.13/16"))
        .isEqualTo(new ExecResult(1, "eip-add 172.19.0.13/16\n", "nat gateway not initialized\n"));
  }

  @Test
  void aDeletedGatewayPodComesBackEmptyWithANewUid() {
    Pod before = runningGateway("moved", "172.19.0.14");
    String name = before.getMetadata().getName();
    assertThat(exec(name, "bash", "/kube-ovn/nat-gateway.sh", "init").exitCode()).isZero();

    twin.client.pods().inNamespace(NS).withName(name).delete();
    Pod recreated = twin.awaitPod(name, p -> !p.getMetadata().getUid().equals(before.getMetadata().getUid())
        && p.getSpec().getNodeName() != null);
    assertThat(twin.gatewayPods.byUid(before.getMetadata().getUid())).isEmpty();
    twin.allocate(name, "172.19.0.14");
    twin.awaitPod(name, ClusterFixture::running);

    assertThat(exec(name, "iptables-legacy-save", "-t", "nat").stdout()).doesNotContain("DNAT_FILTER");
    assertThat(recreated.getMetadata().getUid()).isNotEqualTo(before.getMetadata().getUid());
  }

  @Test
  void execIntoAMissingPodOrContainerFails() {
    runningGateway("exec", "172.19.0.15");

    assertThat(catchThrowableOfType(PodExecException.class, () -> exec("no-such-pod", "true")))
        .hasMessageContaining("no-such-pod");
    assertThat(catchThrowableOfType(PodExecException.class, () -> executor.exec(NS, KubeOvn.gatewayPodName("exec"),
        "no-such-container", List.of("true"), TIMEOUT))).isNotNull();
    assertThat(exec(KubeOvn.gatewayPodName("exec"), "nft", "list", "ruleset"))
        .isEqualTo(new ExecResult(127, "", "nft: command not found\n"));
  }
}

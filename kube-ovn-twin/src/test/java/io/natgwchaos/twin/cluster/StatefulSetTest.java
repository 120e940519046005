package io.natgwchaos.twin.cluster;

import static io.natgwchaos.twin.cluster.ClusterFixture.NS;
import static io.natgwchaos.twin.cluster.ClusterFixture.node;
import static io.natgwchaos.twin.cluster.ClusterFixture.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatefulSetTest {
  private static final Map<String, String> GATEWAY_NODES = Map.of(NodeSpec.GATEWAY_NODE_LABEL, "true");
  private ClusterFixture twin;

  @BeforeAll
  void start() {
    twin = new ClusterFixture();
  }

  @AfterAll
  void stop() {
    twin.close();
  }

  private StatefulSet create(StatefulSet sts) {
    return twin.client.apps().statefulSets().inNamespace(NS).resource(sts).create();
  }

  @Test
  void createdPodRunsOnANodeMatchingTheSelectorWithTemplateLabelsAndOwner() {
    StatefulSet sts = create(twin.statefulSet("web", Map.of("kubernetes.io/hostname", "kube-ovn-worker2")));

    Pod pod = twin.awaitPod("web-0", ClusterFixture::running);

    assertThat(node(pod)).isEqualTo("kube-ovn-worker2");
    assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web")
        .containsEntry(StatefulSetController.POD_NAME_LABEL, "web-0")
        .containsKey(StatefulSetController.REVISION_LABEL);
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("note", "template");
    assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
      assertThat(owner.getKind()).isEqualTo("StatefulSet");
      assertThat(owner.getUid()).isEqualTo(sts.getMetadata().getUid());
      assertThat(owner.getController()).isTrue();
    });
    assertThat(pod.getStatus().getContainerStatuses()).singleElement().satisfies(status -> {
      assertThat(status.getName()).isEqualTo("main");
      assertThat(status.getReady()).isTrue();
      assertThat(status.getRestartCount()).isZero();
      assertThat(status.getState().getRunning().getStartedAt()).isNotBlank();
    });
    assertThat(pod.getStatus().getPodIP()).startsWith("10.16.2.");
    assertThat(pod.getStatus().getHostIP()).isEqualTo("172.18.0.4");
    twin.awaitPod("web-0", p -> twin.client.apps().statefulSets().inNamespace(NS).withName("web").get().getStatus()
        .getReadyReplicas() == 1);
  }

  @Test
  void aDeletedPodComesBackWithTheSameNameAndANewUidCreationAndStartTime() throws InterruptedException {
    create(twin.statefulSet("again", GATEWAY_NODES));
    Pod first = twin.awaitPod("again-0", ClusterFixture::running);
    Thread.sleep(1_100); // timestamps have second resolution

    twin.client.pods().inNamespace(NS).withName("again-0").delete();
    Pod second = twin.awaitPod("again-0", p -> !p.getMetadata().getUid().equals(first.getMetadata().getUid())
        && running(p));

    assertThat(second.getMetadata().getCreationTimestamp()).isNotEqualTo(first.getMetadata().getCreationTimestamp());
    assertThat(second.getStatus().getStartTime()).isNotEqualTo(first.getStatus().getStartTime());
    assertThat(second.getStatus().getContainerStatuses().get(0).getState().getRunning().getStartedAt())
        .isNotEqualTo(first.getStatus().getContainerStatuses().get(0).getState().getRunning().getStartedAt());
    assertThat(second.getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
  }

  @Test
  void cordonAndDeleteMovesThePodToTheOtherMatchingNode() {
    create(twin.statefulSet("mover", GATEWAY_NODES));
    Pod first = twin.awaitPod("mover-0", ClusterFixture::running);
    String from = node(first);
    String to = from.equals("kube-ovn-worker") ? "kube-ovn-worker2" : "kube-ovn-worker";

    twin.cordon(from, true);
    try {
      twin.client.pods().inNamespace(NS).withName("mover-0").delete();
      Pod moved = twin.awaitPod("mover-0", p -> !p.getMetadata().getUid().equals(first.getMetadata().getUid())
          && running(p));

      assertThat(node(moved)).isEqualTo(to);
    } finally {
      twin.cordon(from, false);
    }
  }

  @Test
  void aTemplateChangeReplacesThePodOnTheNewNode() {
    create(twin.statefulSet("pinned", Map.of("kubernetes.io/hostname", "kube-ovn-worker")));
    Pod first = twin.awaitPod("pinned-0", ClusterFixture::running);
    assertThat(node(first)).isEqualTo("kube-ovn-worker");

    twin.client.apps().statefulSets().inNamespace(NS).withName("pinned").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"kube-ovn-worker2\"}}}}}");
    Pod moved = twin.awaitPod("pinned-0", p -> !p.getMetadata().getUid().equals(first.getMetadata().getUid())
        && running(p));

    assertThat(node(moved)).isEqualTo("kube-ovn-worker2");
    assertThat(moved.getMetadata().getLabels().get(StatefulSetController.REVISION_LABEL))
        .isNotEqualTo(first.getMetadata().getLabels().get(StatefulSetController.REVISION_LABEL));
  }

  @Test
  void withoutAMatchingNodeThePodStaysPendingUntilOneAppears() throws InterruptedException {
    create(twin.statefulSet("waiting", Map.of("natgw-chaos.io/test-only", "yes")));

    Pod pending = twin.awaitPod("waiting-0", p -> p.getStatus() != null && p.getStatus().getConditions().stream()
        .anyMatch(c -> "PodScheduled".equals(c.getType()) && "Unschedulable".equals(c.getReason())));
    assertThat(pending.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(pending.getSpec().getNodeName()).isNull();
    assertThat(pending.getStatus().getConditions().get(0).getMessage())
        .isEqualTo("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.");
    Thread.sleep(200);
    assertThat(twin.pod("waiting-0").getSpec().getNodeName()).isNull();

    twin.client.nodes().withName("kube-ovn-control-plane").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"labels\":{\"natgw-chaos.io/test-only\":\"yes\"}}}");
    try {
      Pod placed = twin.awaitPod("waiting-0", ClusterFixture::running);
      assertThat(node(placed)).isEqualTo("kube-ovn-control-plane");
    } finally {
      twin.client.nodes().withName("kube-ovn-control-plane").patch(PatchContext.of(PatchType.JSON_MERGE),
          "{\"metadata\":{\"labels\":{\"natgw-chaos.io/test-only\":null}}}");
    }
  }

  @Test
  void deletingTheStatefulSetDeletesItsPod() {
    create(twin.statefulSet("doomed", GATEWAY_NODES));
    twin.awaitPod("doomed-0", ClusterFixture::running);

    twin.client.apps().statefulSets().inNamespace(NS).withName("doomed").delete();

    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> twin.pod("doomed-0") == null);
  }
}

package io.natgwchaos.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.natgwchaos.gateway.GatewayProbe;
import io.natgwchaos.gateway.PodExecException;
import io.natgwchaos.gateway.PodExecutor;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.NatResourceKind;
import io.natgwchaos.targets.ProvisionedTopology;
import io.natgwchaos.targets.TopologyProvisioner;
import io.natgwchaos.targets.TopologySpec;
import io.natgwchaos.targets.TopologyTimeouts;
import io.natgwchaos.testing.FakeTarget;
import io.natgwchaos.testing.MockCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecorderTest {
  static final TopologyTimeouts FAST = new TopologyTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10),
      Duration.ofSeconds(10), Duration.ofMillis(50));

  FakeTarget target;
  ProvisionedTopology topology;
  HistoryLog log;
  AtomicBoolean execFails = new AtomicBoolean();
  Recorder recorder;

  @BeforeEach
  void start() {
    target = FakeTarget.start();
    topology = new TopologyProvisioner(target.client(), KubeOvn.CONTROLLER_NAMESPACE, FAST)
        .provision(TopologySpec.of("r", MockCluster.WORKERS).withRules(2, 1, 1), target.externalNetwork());
    log = new HistoryLog();
    PodExecutor flaky = (ns, pod, container, command, timeout) -> {
      if (execFails.get()) {
        throw new PodExecException("exec into " + pod + ": connection reset");
      }
      return target.podExecutor().exec(ns, pod, container, command, timeout);
    };
    KubernetesClient client = target.client();
    recorder = new Recorder(log, client, new GatewayProbe(client, flaky, KubeOvn.CONTROLLER_NAMESPACE,
        Duration.ofSeconds(2)), new Recorder.Settings(KubeOvn.CONTROLLER_NAMESPACE, List.of(topology.gateway()),
        Map.of(TopologySpec.TOPOLOGY_LABEL, "r"), Duration.ofMillis(20), Duration.ofSeconds(10)));
  }

  @AfterEach
  void stop() {
    recorder.stop();
    target.close();
  }

  @Test
  void recordsWhatExistsThenChangesPodsAndSnapshotsAtTheRequestedCadence() throws Exception {
    recorder.start();
    // everything that existed is recorded before start() returns
    History atStart = log.snapshot();
    assertThat(atStart.entries(ResourceObserved.class).filter(r -> r.change() == ChangeType.ADDED)
        .map(r -> r.state().ref())).containsExactlyInAnyOrder("eip/r-eip-0", "eip/r-eip-1", "eip/r-eip-2",
        "eip/r-eip-3", "fip/r-fip-0", "fip/r-fip-1", "snat/r-snat-0", "dnat/r-dnat-0");
    assertThat(atStart.entries(GatewayPodObserved.class)).singleElement()
        .satisfies(p -> assertThat(p.pod().node()).isEqualTo("kind-worker"));

    // the old pod must have been read once before it goes, or only the new one can show up in the snapshots
    await().atMost(Duration.ofSeconds(30)).until(() -> recorder.latestSnapshot(topology.gateway()).isPresent());
    target.client().resources(IptablesFipRule.class).withName("r-fip-0").delete();
    target.client().pods().inNamespace(KubeOvn.CONTROLLER_NAMESPACE).withName(topology.gatewayPod()).delete();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
      History history = log.snapshot();
      assertThat(history.entries(ResourceObserved.class).filter(r -> r.change() == ChangeType.DELETED)
          .map(r -> r.state().ref())).contains("fip/r-fip-0");
      assertThat(history.entries(ResourceObserved.class).filter(r -> r.change() == ChangeType.MODIFIED
          && r.state().kind() == NatResourceKind.EIP)).isNotEmpty();
      assertThat(history.entries(GatewayPodObserved.class).map(GatewayPodObserved::change))
          .contains(ChangeType.DELETED, ChangeType.ADDED);
      assertThat(history.entries(SnapshotTaken.class).map(s -> s.snapshot().podUid()).distinct())
          .as("snapshots of both pods; probe failures %s, pods %s",
              history.entries(ProbeFailed.class).map(ProbeFailed::message).toList(),
              target.client().pods().inNamespace(KubeOvn.CONTROLLER_NAMESPACE).list().getItems().stream()
                  .map(p -> p.getMetadata().getName() + "/" + p.getMetadata().getUid() + "/"
                      + (p.getStatus() == null ? null : p.getStatus().getPhase()) + "/"
                      + p.getMetadata().getDeletionTimestamp()).toList())
          .hasSize(2);
    });
    Thread.sleep(300);
    recorder.stop();
    recorder.stop();

    Recorder.Cadence cadence = recorder.cadence().get(0);
    assertThat(cadence.snapshots()).isGreaterThan(5);
    assertThat(cadence.meanInterval()).isBetween(Duration.ofMillis(15), Duration.ofMillis(200));
    int size = log.size();
    Thread.sleep(100);
    assertThat(log.size()).as("nothing is recorded after stop").isEqualTo(size);
    assertThat(recorder.currentResources()).extracting(NatResourceState::ref).doesNotContain("fip/r-fip-0");
  }

  @Test
  void aFailingReadIsRecordedOnceAsProbeFailedAndReadingGoesOn() throws Exception {
    recorder.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.latestSnapshot(topology.gateway()).isPresent());
    execFails.set(true);
    Thread.sleep(200);
    execFails.set(false);
    long before = recorder.cadence().get(0).snapshots();
    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.cadence().get(0).snapshots() > before + 3);

    List<ProbeFailed> failures = log.snapshot().entries(ProbeFailed.class).toList();
    assertThat(failures).singleElement().satisfies(f -> {
      assertThat(f.gateway()).isEqualTo(topology.gateway());
      assertThat(f.message()).contains("connection reset");
    });
    assertThat(recorder.cadence().get(0).failures()).isGreaterThan(1);
  }
}

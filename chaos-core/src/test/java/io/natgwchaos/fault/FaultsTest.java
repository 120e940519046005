package io.natgwchaos.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.natgwchaos.history.FaultEvent;
import io.natgwchaos.history.FaultPhase;
import io.natgwchaos.history.HistoryLog;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.VpcNatGateway;
import io.natgwchaos.targets.ProvisionedTopology;
import io.natgwchaos.targets.ShutdownHooks;
import io.natgwchaos.targets.TargetCapability;
import io.natgwchaos.targets.TopologyProvisioner;
import io.natgwchaos.targets.TopologySpec;
import io.natgwchaos.targets.TopologyTimeouts;
import io.natgwchaos.testing.FakeTarget;
import io.natgwchaos.testing.MockCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class FaultsTest {
  static final TopologyTimeouts FAST = new TopologyTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10),
      Duration.ofSeconds(10), Duration.ofMillis(50));
  static final String POD = "vpc-nat-gw-t-gw-0";

  FakeTarget target;
  ProvisionedTopology topology;
  HistoryLog log;
  RecordingHooks hooks;
  FaultInjector injector;

  @BeforeEach
  void provision() {
    target = FakeTarget.start();
    topology = new TopologyProvisioner(target.client(), KubeOvn.CONTROLLER_NAMESPACE, FAST)
        .provision(TopologySpec.of("t", MockCluster.WORKERS).withRules(1, 0, 0), target.externalNetwork());
    log = new HistoryLog();
    hooks = new RecordingHooks();
    injector = new FaultInjector(new FaultContext(target, topology), log, new HealRegistry(hooks));
  }

  @AfterEach
  void stop() {
    target.close();
  }

  @Test
  void rescheduleMovesTheGatewayByItsSelectorAndHealRestoresTheSelector() {
    List<String> original = selector();
    ActiveFault fault = injector.inject(Faults.rescheduleGateway());

    assertThat(selector()).containsExactly("kubernetes.io/hostname: kind-worker2");
    awaitPodOn("kind-worker2");
    fault.heal();
    fault.heal();
    assertThat(selector()).isEqualTo(original);
    assertThat(phases()).containsExactly(FaultPhase.START, FaultPhase.END);
    assertThat(log.snapshot().entries(FaultEvent.class).findFirst().orElseThrow().detail())
        .contains("kind-worker2").contains("pod was on kind-worker");
  }

  @Test
  void cordonAndDeleteMovesThePodAndHealUncordons() {
    String before = pod().getMetadata().getUid();
    ActiveFault fault = injector.inject(Faults.cordonAndDeleteGatewayPod());

    assertThat(unschedulable("kind-worker")).isTrue();
    awaitPodOn("kind-worker2");
    assertThat(pod().getMetadata().getUid()).isNotEqualTo(before);
    fault.heal();
    assertThat(unschedulable("kind-worker")).isFalse();
    fault.heal();
    assertThat(phases()).containsExactly(FaultPhase.START, FaultPhase.END);
  }

  @Test
  void deleteRestartAndControllerFaultsHaveNothingToHeal() {
    String before = pod().getMetadata().getUid();
    injector.inject(Faults.deleteGatewayPod()).heal();
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(() -> assertThat(pod().getMetadata().getUid()).isNotEqualTo(before));

    injector.inject(Faults.restartGatewayContainer()).heal();
    assertThat(pod().getStatus().getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);

    int starts = target.kubeOvn().controllerStarts();
    injector.inject(Faults.restartController()).heal();
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
        .untilAsserted(() -> assertThat(target.kubeOvn().controllerStarts()).isEqualTo(starts + 1));
    assertThat(phases()).containsExactly(FaultPhase.START, FaultPhase.END, FaultPhase.START, FaultPhase.END,
        FaultPhase.START, FaultPhase.END);
  }

  @Test
  void nodeFaultsStopOrPauseTheGatewaysNodeAndHealOnce() {
    ActiveFault paused = injector.inject(Faults.pauseGatewayNode());
    ActiveFault stopped = injector.inject(Faults.stopGatewayNode());
    assertThat(target.nodes().paused()).containsExactly("kind-worker");
    assertThat(target.nodes().stopped()).containsExactly("kind-worker");

    assertThat(injector.healAll()).isEmpty();
    assertThat(injector.healAll()).isEmpty();
    paused.heal();
    stopped.heal();
    assertThat(target.nodes().paused()).isEmpty();
    assertThat(target.nodes().stopped()).isEmpty();
    assertThat(target.nodes().calls()).containsExactly("pause kind-worker", "stop kind-worker", "unpause kind-worker",
        "start kind-worker");
  }

  @Test
  void afterHealAllNothingMoreIsInjected() {
    injector.healAll();
    assertThatThrownBy(() -> injector.inject(Faults.deleteGatewayPod())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already healed");
  }

  @Test
  void theShutdownHookHealsWhatIsStillActive() {
    injector.inject(Faults.cordonAndDeleteGatewayPod());
    injector.inject(Faults.pauseGatewayNode());
    assertThat(hooks.registered).hasSize(1);

    // what the JVM runs on exit
    hooks.registered.get(0).run();

    assertThat(unschedulable("kind-worker")).isFalse();
    assertThat(target.nodes().paused()).isEmpty();
    assertThat(injector.injected()).allMatch(ActiveFault::isHealed);
  }

  @Test
  void aHealThatKeepsFailingIsRecordedAndThrownEveryTime() {
    AtomicInteger attempts = new AtomicInteger();
    Fault stubborn = new Fault() {
      @Override
      public String name() {
        return "stubborn";
      }

      @Override
      public Set<TargetCapability> requires() {
        return Set.of();
      }

      @Override
      public FaultHandle inject(FaultContext context) {
        return new FaultHandle() {
          @Override
          public String detail() {
            return "cannot be undone";
          }

          @Override
          public void heal() {
            attempts.incrementAndGet();
            throw new KubernetesClientException("connection refused");
          }
        };
      }
    };
    ActiveFault fault = injector.inject(stubborn);
    assertThatThrownBy(fault::heal).isInstanceOf(FaultHealException.class).hasMessageContaining("stubborn")
        .hasMessageContaining("connection refused");
    assertThat(injector.healAll()).hasSize(1);
    assertThat(attempts).hasValue(ActiveFault.HEAL_ATTEMPTS);
    assertThat(phases()).containsExactly(FaultPhase.START, FaultPhase.HEAL_FAILED);
  }

  @Test
  void aFaultTheTargetCannotDoIsRefusedWithTheReason() {
    FakeTarget limited = FakeTarget.builder().capabilities(TargetCapability.DESTRUCTIVE_FAULTS).build();
    try {
      assertThatThrownBy(() -> FaultInjector.requireSupported(limited, List.of(Faults.pauseGatewayNode())))
          .isInstanceOf(FaultUnsupportedException.class).isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("pause-gateway-node").hasMessageContaining("PAUSE_NODE");
      FaultInjector.requireSupported(limited, List.of(Faults.rescheduleGateway(), Faults.restartController()));
    } finally {
      limited.close();
    }
  }

  private List<String> selector() {
    return target.client().resources(VpcNatGateway.class).withName(topology.gateway()).get().getSpec().getSelector();
  }

  private Pod pod() {
    return target.client().pods().inNamespace(KubeOvn.CONTROLLER_NAMESPACE).withName(POD).get();
  }

  private boolean unschedulable(String node) {
    return Boolean.TRUE.equals(target.client().nodes().withName(node).get().getSpec().getUnschedulable());
  }

  private void awaitPodOn(String node) {
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(() -> assertThat(pod().getSpec().getNodeName()).isEqualTo(node));
  }

  private List<FaultPhase> phases() {
    return log.snapshot().entries(FaultEvent.class).map(FaultEvent::phase).toList();
  }

  static final class RecordingHooks implements ShutdownHooks {
    final List<Thread> registered = new ArrayList<>();

    @Override
    public void register(Thread hook) {
      registered.add(hook);
    }

    @Override
    public boolean remove(Thread hook) {
      return registered.remove(hook);
    }
  }
}

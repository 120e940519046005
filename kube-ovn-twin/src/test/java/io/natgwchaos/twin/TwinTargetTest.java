package io.natgwchaos.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.NetworkAttachmentDefinition;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.TargetCapability;
import io.natgwchaos.targets.TargetSettings;
import io.natgwchaos.targets.Targets;
import io.natgwchaos.twin.cluster.KubeOvnControllerWorkload;
import io.natgwchaos.twin.gateway.IptablesBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwinTargetTest {
  private static final String NS = KubeOvn.CONTROLLER_NAMESPACE;

  private static List<Pod> controllerPods(TwinTarget twin) {
    return twin.client().pods().inNamespace(NS).withLabel("app", KubeOvnControllerWorkload.APP).list().getItems();
  }

  /**
   * Live threads but JVM-wide ones some library starts once (a Cleaner, the common pool), Netty's
   * self-ending global executor, fabric8's shared scheduler (it ends itself when idle), Awaitility's own,
   * and the JDK HTTP client's selector threads, which end once their closed client is collected (Java 17
   * has no HttpClient.close).
   */
  private static Set<Thread> liveThreads() {
    System.gc();
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> !t.getName().startsWith("ForkJoinPool") && !t.getName().startsWith("globalEventExecutor")
            && !t.getName().startsWith("Cleaner-") && !t.getName().startsWith("awaitility")
            && !t.getName().startsWith("CachedSingleThreadScheduler")
            && !(t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager")))
        .collect(Collectors.toSet());
  }

  @Test
  void opensAKindShapedClusterWithTheControllerRunningAndClosesWithoutLeavingThreads() {
    Set<Thread> before = liveThreads();
    FakeControllers controllers = new FakeControllers();
    long cold = System.nanoTime();
    TwinTarget twin = TwinTarget.open(TwinSettings.defaults(), controllers);
    long coldMillis = (System.nanoTime() - cold) / 1_000_000;
    try {
      assertThat(twin.name()).isEqualTo("twin");
      assertThat(twin.kubeOvnVersion()).isEqualTo("v1.13.4");
      assertThat(twin.capabilities()).containsExactlyInAnyOrder(TargetCapability.RESTART_CONTAINER_IN_PLACE,
          TargetCapability.DESTRUCTIVE_FAULTS);
      assertThat(twin.gatewayNodes()).containsExactly("kube-ovn-worker", "kube-ovn-worker2");
      assertThat(twin.client().nodes().list().getItems()).hasSize(3);
      assertThat(twin.externalNetwork().provider()).isEqualTo("ovn-vpc-external-network.kube-system");

      Subnet external = twin.client().resources(Subnet.class).withName("ovn-vpc-external-network").get();
      assertThat(external.getSpec().getCidrBlock()).isEqualTo("172.19.0.0/16");
      assertThat(external.getSpec().getGateway()).isEqualTo("172.19.0.1");
      assertThat(external.getSpec().getProvider()).isEqualTo("ovn-vpc-external-network.kube-system");
      assertThat(external.getSpec().getExcludeIps()).containsExactly("172.19.0.2", "172.19.0.3", "172.19.0.4");
      assertThat(twin.client().resources(NetworkAttachmentDefinition.class).inNamespace(NS)
          .withName("ovn-vpc-external-network").get().getSpec().getConfig())
          .contains("\"type\":\"macvlan\"", "\"provider\":\"ovn-vpc-external-network.kube-system\"");
      assertThat(twin.client().configMaps().inNamespace(NS).withName(KubeOvn.NAT_GW_CONFIG_MAP).get().getData())
          .containsEntry("enable-vpc-nat-gw", "true");
      assertThat(twin.client().configMaps().inNamespace(NS).withName(KubeOvn.NAT_CONFIG_MAP).get().getData())
          .containsEntry("image", "docker.io/kubeovn/vpc-nat-gateway:v1.13.4");

      assertThat(controllerPods(twin)).singleElement().satisfies(pod -> {
        assertThat(pod.getSpec().getNodeName()).isEqualTo("kube-ovn-control-plane");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(pod.getStatus().getPodIP()).isEqualTo("172.18.0.2");
      });
      assertThat(controllers.instances).singleElement().satisfies(instance -> {
        assertThat(instance.running()).isTrue();
        assertThat(instance.config.namespace()).isEqualTo("kube-system");
        assertThat(instance.config.profile().name()).isEqualTo("v1.13.4");
        assertThat(instance.config.serviceCidr()).isEqualTo("10.96.0.0/12");
      });
      assertThat(twin.environment()).containsEntry("target", "twin").containsEntry("kubeovn.version", "v1.13.4")
          .containsEntry("chaos.twin.iptables", "legacy").containsKey("twin.profile.switches");
    } finally {
      twin.close();
      twin.close();
    }
    assertThat(controllers.instances.get(0).running()).isFalse();

    long warm = System.nanoTime();
    try (TwinTarget again = TwinTarget.open(TwinSettings.defaults(), new FakeControllers())) {
      long warmMillis = (System.nanoTime() - warm) / 1_000_000;
      System.out.printf("TwinTarget.open(): %d ms, then %d ms (the JVM's first open also pays for class loading)"
          + " (reported by the twin: %d ms)%n", coldMillis, warmMillis, again.openTime().toMillis());
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(liveThreads()).isSubsetOf(before));
  }

  @Test
  void deletingTheControllerPodStopsItsProcessAtOnceAndANewPodRunsANewProcess() {
    FakeControllers controllers = new FakeControllers();
    try (TwinTarget twin = TwinTarget.open(TwinSettings.defaults(), controllers)) {
      Pod first = controllerPods(twin).get(0);
      FakeControllers.Instance firstInstance = controllers.last();

      long deleted = System.nanoTime();
      twin.client().pods().inNamespace(NS).withName(first.getMetadata().getName()).delete();

      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2))
          .until(() -> !firstInstance.running());
      long stopMillis = (firstInstance.stoppedNanos - deleted) / 1_000_000;
      await().atMost(Duration.ofSeconds(10)).until(() -> controllers.instances.size() == 2
          && controllers.last().running());
      Pod second = controllerPods(twin).get(0);
      System.out.printf("controller pod deleted: old process stopped after %d ms, new one started after %d ms%n",
          stopMillis, (controllers.last().startedNanos - deleted) / 1_000_000);

      assertThat(stopMillis).isLessThan(1_000);
      assertThat(second.getMetadata().getName()).isNotEqualTo(first.getMetadata().getName())
          .startsWith("kube-ovn-controller-");
      assertThat(second.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());
      assertThat(controllers.last().config.client()).isNotSameAs(firstInstance.config.client());
      assertThat(twin.controller().runningInstance()).contains(2);
    }
  }

  @Test
  void aCrashKeepsThePodAndRestartsTheContainerWithANewProcess() {
    FakeControllers controllers = new FakeControllers();
    try (TwinTarget twin = TwinTarget.open(TwinSettings.defaults(), controllers)) {
      Pod pod = controllerPods(twin).get(0);
      FakeControllers.Instance crashed = controllers.last();

      crashed.config.crash().run();

      await().atMost(Duration.ofSeconds(5)).until(() -> !crashed.running());
      await().atMost(Duration.ofSeconds(10)).until(() -> controllers.instances.size() == 2
          && controllers.last().running());
      Pod after = await().atMost(Duration.ofSeconds(5)).until(() -> controllerPods(twin).get(0),
          p -> p.getStatus().getContainerStatuses().get(0).getRestartCount() == 1
              && p.getStatus().getContainerStatuses().get(0).getReady());
      assertThat(after.getMetadata().getUid()).isEqualTo(pod.getMetadata().getUid());
      assertThat(after.getStatus().getContainerStatuses().get(0).getLastState().getTerminated().getExitCode())
          .isEqualTo(2);

      twin.restartContainer(NS, pod.getMetadata().getName(), KubeOvnControllerWorkload.APP);
      await().atMost(Duration.ofSeconds(10)).until(() -> controllers.instances.size() == 3
          && controllers.last().running());
      assertThat(controllers.instances.get(1).running()).isFalse();
    }
  }

  @Test
  void theProviderIsFoundByNameAndRunsTheControllerModel() {
    ChaosTarget target = Targets.open(new TargetSettings(Map.of(TargetSettings.TARGET, "twin",
        TargetSettings.KUBE_OVN_VERSION, "v1.16.2", TwinSettings.IPTABLES, "nft", TwinSettings.TIME_SCALE, "0.1")));
    try (target) {
      assertThat(target).isInstanceOf(TwinTarget.class);
      TwinTarget twin = (TwinTarget) target;
      assertThat(twin.kubeOvnVersion()).isEqualTo("v1.16.2");
      assertThat(twin.settings().iptables()).isEqualTo(IptablesBackend.NFT);
      assertThat(twin.settings().timeScale().factor()).isEqualTo(0.1);
      assertThat(twin.controller().runningInstance()).contains(1);
    }
  }

  @Test
  void badSettingsNameThePropertyAndWhatWasExpected() {
    assertThatThrownBy(() -> TwinSettings.from(new TargetSettings(Map.of(TwinSettings.IPTABLES, "ebpf"))))
        .hasMessageContaining("chaos.twin.iptables").hasMessageContaining("legacy or nft");
    assertThatThrownBy(() -> TwinSettings.from(new TargetSettings(Map.of(TwinSettings.TIME_SCALE, "2"))))
        .hasMessageContaining("chaos.twin.timeScale");
    assertThatThrownBy(() -> TwinSettings.from(new TargetSettings(Map.of(TargetSettings.KUBE_OVN_VERSION, "v9"))))
        .hasMessageContaining("v1.13.4");
  }

  @Test
  void diagnosticsHoldTheResourcesTheEventsAndEveryGatewayDataplane(@TempDir Path directory) throws Exception {
    try (TwinTarget twin = TwinTarget.open(TwinSettings.defaults(), new FakeControllers())) {
      GatewayFixtures.runningGateway(twin.client(), "gw1", "kube-ovn-worker", "172.19.0.10");
      GatewayFixtures.script(twin.podExecutor(), "gw1", "init");

      twin.collectDiagnostics(directory);

      assertThat(Files.readString(directory.resolve("pods.yaml"))).contains("vpc-nat-gw-gw1-0", "kube-ovn-controller");
      assertThat(Files.readString(directory.resolve("statefulsets.yaml"))).contains("vpc-nat-gw-gw1");
      assertThat(directory.resolve("iptables-eips.yaml")).exists();
      assertThat(Files.readString(directory.resolve("twin-events.log"))).contains("instance 1 started");
      try (var gateways = Files.list(directory.resolve("gateways"))) {
        Path dataplane = gateways.findFirst().orElseThrow();
        assertThat(Files.readString(dataplane)).contains("-A SNAT_FILTER -j SHARED_SNAT", "172.19.0.10/16");
      }
    }
  }
}

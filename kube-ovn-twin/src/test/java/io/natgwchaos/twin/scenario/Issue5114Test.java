package io.natgwchaos.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natgwchaos.check.Finding;
import io.natgwchaos.check.Invariant;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kube-ovn#5114 driven by hand on the twin: move the gateway pod, delete FIPs while their EIPs wait to be
 * re-programmed, and look at the end state with chaos-core's probe and invariants.
 */
class Issue5114Test {
  private static final int EIPS = 10;

  @ParameterizedTest
  @ValueSource(strings = {"v1.13.4", "master", "fixed"})
  void aFipDeletedDuringTheRedoLeavesItsEipReadyWithoutItsAddress(String version) {
    try (TwinScenario s = TwinScenario.start(version, "t5114", EIPS, 0, 0)) {
      // status.nat may stay stale after an add before master (#6595): S4 is not what this test is about
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
          .untilAsserted(() -> assertThat(s.findings()).filteredOn(f -> f.invariant() != Invariant.S4)
              .as("consistent after provisioning").isEmpty());
      String oldUid = s.pod().getMetadata().getUid();

      s.client.pods().inNamespace(TwinScenario.NS).withName(s.podName()).delete();
      // the redo window: every EIP of the gateway is marked not ready with the new pod's stamp
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() ->
          s.pod() != null && !oldUid.equals(s.pod().getMetadata().getUid())
              && eips(s).stream().filter(e -> notReadyWithRedo(e)).count() >= EIPS / 2);
      List<String> waiting = eips(s).stream().filter(Issue5114Test::notReadyWithRedo)
          .map(e -> e.getMetadata().getName()).toList();
      List<IptablesFipRule> victims = s.client.resources(IptablesFipRule.class).list().getItems().stream()
          .filter(f -> waiting.contains(f.getSpec().getEip())).toList();
      victims.forEach(f -> s.client.resources(IptablesFipRule.class).resource(f).delete());

      // settle: everything that can converge does (upstream 60 s)
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
          eips(s).stream().allMatch(e -> e.getStatus() != null && Boolean.TRUE.equals(e.getStatus().getReady()))
              && s.client.resources(IptablesFipRule.class).list().getItems().stream().noneMatch(
                  f -> victims.stream().anyMatch(v -> v.getMetadata().getName().equals(f.getMetadata().getName()))));
      sleepUpstream(s, Duration.ofSeconds(30));

      List<Finding> s1 = s.findings().stream().filter(f -> f.invariant() == Invariant.S1).toList();
      if (version.equals("fixed")) {
        assertThat(s1).as("fixed: every ready EIP is on net1").isEmpty();
      } else {
        assertThat(s1).as("%s: an EIP whose FIP was deleted in the redo window is ready but not on net1", version)
            .isNotEmpty()
            .allSatisfy(f -> assertThat(victims.stream().map(v -> v.getSpec().getEip()))
                .contains(f.resource().name()));
      }
    }
  }

  private static boolean notReadyWithRedo(IptablesEip eip) {
    return eip.getStatus() != null && !Boolean.TRUE.equals(eip.getStatus().getReady())
        && eip.getStatus().getRedo() != null && !eip.getStatus().getRedo().isEmpty();
  }

  private static List<IptablesEip> eips(TwinScenario s) {
    return s.client.resources(IptablesEip.class).list().getItems();
  }

  private static void sleepUpstream(TwinScenario s, Duration upstream) {
    try {
      Thread.sleep(Math.max(1, (long) (upstream.toMillis() * s.twin.timeScale())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

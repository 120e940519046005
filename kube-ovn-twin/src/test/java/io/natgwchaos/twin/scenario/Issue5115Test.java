package io.natgwchaos.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.natgwchaos.check.Finding;
import io.natgwchaos.check.Invariant;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kube-ovn#5115 driven by hand on the twin: create FIPs on spare EIPs and delete each right away, while
 * the controller is still programming it; then look for rules nobody owns.
 */
class Issue5115Test {
  private static final int SPARE = 6;

  @ParameterizedTest
  @CsvSource({"v1.13.4, true", "fixed, false"})
  void aFipDeletedWhileItIsBeingAddedLeaksItsRules(String version, boolean leaks) {
    try (TwinScenario s = TwinScenario.startWithSpareEips(version, "t5115", SPARE)) {
      List<String> eips = s.client.resources(IptablesEip.class).list().getItems().stream()
          .map(e -> e.getMetadata().getName()).sorted().toList();
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < eips.size(); i++) {
          IptablesFipRule fip = new IptablesFipRule();
          fip.setMetadata(new ObjectMetaBuilder().withName("quick-" + round + "-" + i).build());
          fip.setSpec(new IptablesFipRule.Spec());
          fip.getSpec().setEip(eips.get(i));
          fip.getSpec().setInternalIp("10.0.1." + (50 + i));
          s.client.resources(IptablesFipRule.class).resource(fip).create();
          // the add handler reads the FIP, then programs it: delete while it does
          sleepUpstream(s, Duration.ofMillis(200));
          s.client.resources(IptablesFipRule.class).resource(fip).delete();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
            .until(() -> s.client.resources(IptablesFipRule.class).list().getItems().isEmpty());
      }
      sleepUpstream(s, Duration.ofSeconds(30));

      List<Finding> leaked = s.findings().stream().filter(f -> f.invariant() == Invariant.S3).toList();
      if (leaks) {
        assertThat(leaked).as("%s: rules of deleted FIPs stay in EXCLUSIVE_DNAT/SNAT", version).isNotEmpty()
            .allSatisfy(f -> assertThat(f.resource().kind()).isEqualTo("rule"));
      } else {
        assertThat(leaked).as("%s: nothing leaks", version).isEmpty();
      }
    }
  }

  private static void sleepUpstream(TwinScenario s, Duration upstream) {
    try {
      Thread.sleep(Math.max(1, (long) (upstream.toMillis() * s.twin.timeScale())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

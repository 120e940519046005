package io.natgwchaos.twin;

import static io.natgwchaos.twin.GatewayFixtures.NS;
import static io.natgwchaos.twin.GatewayFixtures.script;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.natgwchaos.gateway.ExecResult;
import io.natgwchaos.gateway.GatewayProbe;
import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.gateway.IptablesVariant;
import io.natgwchaos.gateway.NatRule;
import io.natgwchaos.gateway.RuleShape;
import io.natgwchaos.targets.TargetSettings;
import io.natgwchaos.twin.gateway.IptablesBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** chaos-core's GatewayProbe, unchanged, against a twin gateway pod the controller's way programmed. */
class GatewayProbeCompatibilityTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"v1.13.4, legacy", "v1.13.4, nft", "v1.16.2, legacy", "master, nft"})
  void theProbeReadsWhatTheScriptWrote(String version, String backend) {
    TwinSettings settings = TwinSettings.from(new TargetSettings(Map.of("kubeovn.version", version,
        TwinSettings.IPTABLES, backend)));
    try (TwinTarget twin = TwinTarget.open(settings, new FakeControllers())) {
      Pod pod = GatewayFixtures.runningGateway(twin.client(), "gw1", "kube-ovn-worker2", "172.19.0.10");
      for (List<String> call : List.of(List.of("init"), List.of("eip-add", "172.19.0.11/16"),
          List.of("eip-add", "172.19.0.12/16"), List.of("floating-ip-add", "172.19.0.11,10.0.1.2"),
          List.of("get-iptables-version"),
          List.of("snat-add", "172.19.0.12,10.0.1.0/24,--random-fully"),
          List.of("dnat-add", "172.19.0.12,8888,tcp,10.0.1.3,80"),
          List.of("dnat-add", "172.19.0.12,5353,udp,10.0.1.4,53"))) {
        ExecResult result = script(twin.podExecutor(), "gw1", call.get(0),
            call.subList(1, call.size()).toArray(String[]::new));
        assertThat(result.exitCode()).as("%s: %s", call, result).isZero();
        assertThat(result.stderr()).as("%s", call).isEmpty();
      }
      GatewayFixtures.markInitialised(twin.client(), "gw1");

      GatewayProbe probe = new GatewayProbe(twin.client(), twin.podExecutor(), NS, Duration.ofSeconds(10));
      GatewaySnapshot snapshot = probe.snapshot("gw1").orElseThrow();

      boolean hairpin = !version.equals("v1.13.4");
      assertThat(snapshot.podUid()).isEqualTo(pod.getMetadata().getUid());
      assertThat(snapshot.node()).isEqualTo("kube-ovn-worker2");
      assertThat(snapshot.initialised()).isTrue();
      assertThat(snapshot.restartCount()).isZero();
      assertThat(snapshot.nat().variant()).isEqualTo(IptablesBackend.parse(backend) == IptablesBackend.LEGACY
          ? IptablesVariant.LEGACY : IptablesVariant.NFT);
      assertThat(snapshot.nat().isInitialised()).isTrue();
      assertThat(snapshot.nat().unrecognisedRules()).isEmpty();
      assertThat(snapshot.nat().rules()).extracting(NatRule::shape).isSubsetOf(RuleShape.JUMP, RuleShape.FIP_DNAT,
          RuleShape.FIP_SNAT, RuleShape.SHARED_SNAT, RuleShape.SHARED_DNAT, RuleShape.HAIRPIN_SNAT);
      assertThat(snapshot.nat().rulesIn("SHARED_DNAT")).hasSize(2);
      assertThat(snapshot.nat().rulesIn("HAIRPIN_SNAT")).hasSize(hairpin ? 2 : 0);
      assertThat(snapshot.nat().warnings()).isEmpty();
      assertThat(snapshot.eipAddresses()).containsExactlyInAnyOrder("172.19.0.11", "172.19.0.12");
      assertThat(snapshot.primaryAddress().ip()).isEqualTo("172.19.0.10");
    }
  }
}

package io.natgwchaos.targets.kind;

import static io.natgwchaos.targets.kind.KindClusterConfigTest.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natgwchaos.targets.TargetSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KindSettingsTest {
  @Test
  void namesComeFromTheRunIdAndTheWorkspaceHoldsTheKubeconfig() {
    KindSettings s = settings("v1.13.4");

    assertThat(s.clusterName()).isEqualTo("natgw-chaos-r1");
    assertThat(s.networkName()).isEqualTo("natgw-chaos-r1-ext");
    assertThat(s.contextName()).isEqualTo("kind-natgw-chaos-r1");
    assertThat(s.kubeconfig()).isEqualTo(Path.of("/ws/kubeconfig"));
    assertThat(s.installMethod()).isEqualTo(InstallMethod.SCRIPT);
    assertThat(s.reuse()).isFalse();
    assertThat(s.keep()).isFalse();
    assertThat(s.loadImages()).isTrue();
    assertThat(s.timeouts().install()).isEqualTo(Duration.ofMinutes(25));
  }

  @Test
  void reuseGetsAStableNamePerVersionAndHelmPicksTheLinesFirstChart() {
    KindSettings s = settings("v1.14.41", KindSettings.REUSE, "true", KindSettings.INSTALL_METHOD, "helm",
        "chaos.kind.createTimeout", "7m");

    assertThat(s.clusterName()).isEqualTo("natgw-chaos-reuse-v1-14-41");
    assertThat(s.helmChart().name()).isEqualTo("kube-ovn");
    assertThat(s.timeouts().createCluster()).isEqualTo(Duration.ofMinutes(7));
    assertThat(settings("v1.14.41", KindSettings.INSTALL_METHOD, "helm", KindSettings.HELM_CHART, "kube-ovn-v2")
        .helmChart().cniPriorityKey()).isEqualTo("cni.configPriority");
  }

  @Test
  void badSettingsAreRefusedWithTheProperty() {
    assertThatThrownBy(() -> settings("master", KindSettings.INSTALL_METHOD, "helm"))
        .hasMessage("Kube-OVN master (line master) has no published helm chart; use chaos.kind.installMethod=script");
    assertThatThrownBy(() -> settings("v1.13.4", KindSettings.INSTALL_METHOD, "helm", KindSettings.HELM_CHART,
        "kube-ovn-v2"))
        .hasMessage("property chaos.kind.helmChart='kube-ovn-v2' is not a chart of line 1.13: expected one of kube-ovn");
    assertThatThrownBy(() -> settings("v1.13.4", KindSettings.INSTALL_METHOD, "apt"))
        .hasMessageContaining("expected script (install.sh, the default) or helm");
    assertThatThrownBy(() -> settings("v1.13.4", KindSettings.CLUSTER_NAME, "mine"))
        .hasMessageContaining("must start with 'natgw-chaos-'");
    assertThatThrownBy(() -> settings("v1.13.4", KindSettings.WORKERS, "0"))
        .hasMessageContaining("leaves no node for the gateway");
    assertThatThrownBy(() -> KindSettings.from(new TargetSettings(Map.of(TargetSettings.RUN_ID, "Bad_Id",
        TargetSettings.KUBE_OVN_VERSION, "v1.13.4")), Clock.systemUTC()))
        .hasMessageContaining("property chaos.runId='Bad_Id' cannot name clusters and networks");
    assertThatThrownBy(() -> KindSettings.from(new TargetSettings(Map.of()), Clock.systemUTC()))
        .hasMessage("the kind target needs -Dkubeovn.version=<release tag or master>, e.g. v1.13.4");
  }
}

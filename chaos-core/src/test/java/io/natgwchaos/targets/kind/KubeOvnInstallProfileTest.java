package io.natgwchaos.targets.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KubeOvnInstallProfileTest {
  @Test
  void v1134IsLine113WithUpstreamCiValues() {
    KubeOvnInstallProfile p = KubeOvnInstallProfile.forVersion("v1.13.4", Map.of());

    assertThat(p.line()).isEqualTo("1.13");
    assertThat(p.installScriptUrl()).isEqualTo(
        URI.create("https://raw.githubusercontent.com/kubeovn/kube-ovn/v1.13.4/dist/images/install.sh"));
    assertThat(p.installScriptEnv()).containsExactlyInAnyOrderEntriesOf(
        Map.of("ENABLE_NAT_GW", "true", "CNI_CONFIG_PRIORITY", "10"));
    assertThat(p.images()).containsExactly("docker.io/kubeovn/kube-ovn:v1.13.4",
        "docker.io/kubeovn/vpc-nat-gateway:v1.13.4", "ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.3-thick");
    assertThat(p.kindNodeImage()).isEqualTo("kindest/node:v1.31.6");
    assertThat(p.kindVersion()).isEqualTo("v0.27.0");
    assertThat(p.minimumKindVersion()).isEmpty();
    assertThat(p.multusManifestUrl()).isEqualTo(URI.create(
        "https://raw.githubusercontent.com/k8snetworkplumbingwg/multus-cni/v4.1.3/deployments/multus-daemonset-thick.yml"));
    assertThat(p.multusResourceLimits()).isEmpty();
    assertThat(p.admissionPatch()).isFalse();
    assertThat(p.workers()).isEqualTo(2);
    assertThat(p.kubeProxyMode()).isEqualTo("ipvs");
    assertThat(p.podSubnet()).isEqualTo("10.16.0.0/16");
    assertThat(p.serviceSubnet()).isEqualTo("10.96.0.0/12");
    assertThat(p.helmCharts()).extracting(HelmChart::name).containsExactly("kube-ovn");
    assertThat(p.helmChart("kube-ovn")).get().extracting(HelmChart::natGatewayKey, HelmChart::cniPriorityKey)
        .containsExactly("func.ENABLE_NAT_GW", "cni_conf.CNI_CONFIG_PRIORITY");
  }

  @Test
  void eachLineHasItsOwnKindMultusAndPatchValues() {
    assertThat(KubeOvnInstallProfile.supportedLines()).containsExactly("1.13", "1.14", "1.15", "1.16", "master");

    KubeOvnInstallProfile v113last = KubeOvnInstallProfile.forVersion("v1.13.15", Map.of());
    assertThat(v113last.kindNodeImage()).isEqualTo("kindest/node:v1.33.2");
    assertThat(v113last.kindVersion()).isEqualTo("v0.29.0");

    KubeOvnInstallProfile v114 = KubeOvnInstallProfile.forVersion("1.14.41", Map.of());
    assertThat(v114.version()).isEqualTo("v1.14.41");
    assertThat(v114.kindNodeImage()).isEqualTo("kindest/node:v1.33.7");
    assertThat(v114.multusImage()).isEqualTo("ghcr.io/k8snetworkplumbingwg/multus-cni:v4.2.1-thick");
    assertThat(v114.multusResourceLimits()).isEqualTo("cpu=200m,memory=200Mi");
    assertThat(v114.admissionPatch()).isTrue();
    assertThat(v114.helmChart("kube-ovn-v2")).get()
        .extracting(HelmChart::natGatewayKey, HelmChart::cniPriorityKey)
        .containsExactly("features.enableNatGateways", "cni.configPriority");

    KubeOvnInstallProfile v115 = KubeOvnInstallProfile.forVersion("v1.15.24", Map.of());
    assertThat(v115.kindNodeImage()).isEqualTo("kindest/node:v1.35.1");
    assertThat(v115.kindVersion()).isEqualTo("v0.31.0");
    assertThat(v115.multusVersion()).isEqualTo("v4.2.3");

    KubeOvnInstallProfile v116 = KubeOvnInstallProfile.forVersion("v1.16.2", Map.of());
    assertThat(v116.multusVersion()).isEqualTo("v4.2.4");

    KubeOvnInstallProfile master = KubeOvnInstallProfile.forVersion("master", Map.of());
    assertThat(master.line()).isEqualTo("master");
    assertThat(master.installScriptUrl().toString()).contains("/kube-ovn/master/dist/images/install.sh");
    assertThat(master.kubeOvnImage()).isEqualTo("docker.io/kubeovn/kube-ovn:v1.17.0");
    assertThat(master.minimumKindVersion()).isEqualTo(Optional.of("v0.32.0"));
    assertThat(master.multusVersion()).isEqualTo("v4.3.0");
    assertThat(master.helmCharts()).isEmpty();
  }

  @Test
  void overridesWinAndFlowIntoDerivedValues() {
    KubeOvnInstallProfile p = KubeOvnInstallProfile.forVersion("v1.13.4",
        Map.of("kindNodeImage", "kindest/node:v1.30.0", "multusVersion", "v4.2.4", "workers", "3"));

    assertThat(p.kindNodeImage()).isEqualTo("kindest/node:v1.30.0");
    assertThat(p.multusImage()).isEqualTo("ghcr.io/k8snetworkplumbingwg/multus-cni:v4.2.4-thick");
    assertThat(p.multusManifestUrl().toString()).contains("/multus-cni/v4.2.4/");
    assertThat(p.workers()).isEqualTo(3);
  }

  @Test
  void unknownVersionsNameTheSupportedLines() {
    assertThatThrownBy(() -> KubeOvnInstallProfile.forVersion("v1.12.0", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kubeovn.version 'v1.12.0' is not supported by the kind target: supported version lines are"
            + " 1.13, 1.14, 1.15, 1.16, master; give a release tag of one of them or master, e.g."
            + " -Dkubeovn.version=v1.13.4 | v1.14.41 | v1.15.24 | v1.16.2 | master");
    assertThatThrownBy(() -> KubeOvnInstallProfile.forVersion("v1.13", Map.of()))
        .hasMessageContaining("kubeovn.version 'v1.13' is not supported");
    assertThatThrownBy(() -> KubeOvnInstallProfile.forVersion("fixed", Map.of()))
        .hasMessageContaining("kubeovn.version 'fixed' is not supported");
  }
}

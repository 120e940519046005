package io.natgwchaos.targets.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natgwchaos.targets.PlanModeException;
import io.natgwchaos.targets.TargetSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KindPlanTest {
  static String plan(String version, String... extra) {
    KindSettings settings = KindClusterConfigTest.settings(version, extra);
    return KindPlan.render(settings, new TargetSettings(Map.of()));
  }

  @Test
  void printsNumberedStepsInOrderWithTheExactCommands() {
    String plan = plan("v1.13.4");

    List<String> steps = plan.lines().filter(l -> l.matches("\\d+\\. .*")).toList();
    assertThat(steps).containsExactly(
        "1. Check prerequisites: docker daemon, kind, kubectl",
        "2. Create kind cluster natgw-chaos-r1: 1 control plane + 2 workers, kindest/node:v1.31.6, no default CNI"
            + " (takes a few minutes)",
        "3. Remove kind's default storage, as upstream's kind-create does",
        "4. Load images into the kind nodes: docker.io/kubeovn/kube-ovn:v1.13.4, docker.io/kubeovn/vpc-nat-gateway:v1.13.4,"
            + " ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.3-thick",
        "5. Untaint the control plane, as upstream's kind-install does",
        "6. Install Kube-OVN v1.13.4 with install.sh at v1.13.4 (ENABLE_NAT_GW=true CNI_CONFIG_PRIORITY=10; up to 25m)",
        "7. Wait for Kube-OVN to be ready and check the NAT gateway ConfigMaps",
        "8. Install multus thick v4.1.3 (provides NetworkAttachmentDefinitions and the gateway's net1)",
        "9. Create external docker network natgw-chaos-r1-ext and attach every node to it",
        "10. Find the NIC each node has on natgw-chaos-r1-ext (by the MAC docker assigned)",
        "11. Create NAD kube-system/ovn-vpc-external-network (macvlan on eth1) and external Subnet"
            + " ovn-vpc-external-network 192.0.2.0/24 (API)",
        "12. Provision topology chaos: Vpc and internal Subnet (API)",
        "13. Provision topology chaos: the NAT gateway, pinned to natgw-chaos-r1-worker",
        "14. Provision topology chaos: 4 EIPs",
        "15. Provision topology chaos: FIP/SNAT/DNAT rules",
        "16. Tear down topology chaos (API)",
        "17. Tear down: delete kind cluster natgw-chaos-r1 and docker network natgw-chaos-r1-ext");
    assertThat(plan).contains(
        "   $ kind create cluster --name natgw-chaos-r1 --config /ws/kind-config.yaml --kubeconfig /ws/kubeconfig"
            + "   # timeout 5m\n",
        "   download https://raw.githubusercontent.com/kubeovn/kube-ovn/v1.13.4/dist/images/install.sh ->"
            + " /ws/kube-ovn/install.sh (install kubectl-ko into /ws/bin instead of /usr/local/bin)\n",
        "   $ (cd /ws/kube-ovn && CNI_CONFIG_PRIORITY=10 ENABLE_NAT_GW=true KUBECONFIG=/ws/kubeconfig"
            + " PATH=/ws/bin:$PATH bash install.sh)   # timeout 25m\n",
        "       |   config: '{\"cniVersion\":\"0.3.0\",\"type\":\"macvlan\",\"master\":\"eth1\",\"mode\":\"bridge\",",
        "   wait <= 4m: pod kube-system/vpc-nat-gw-chaos-gw-0 annotation ovn.kubernetes.io/vpc_nat_gw_init=true,"
            + " on node natgw-chaos-r1-worker\n",
        "   create IptablesFIPRule chaos-fip-0: eip chaos-eip-0, internalIp 10.0.1.10\n",
        "   $ kind delete cluster --name natgw-chaos-r1 --kubeconfig /ws/kubeconfig   # timeout 3m\n",
        "   $ docker network rm natgw-chaos-r1-ext   # timeout 1m\n");
    assertThat(plan).startsWith("# natgw-chaos plan: kind target, run r1, Kube-OVN v1.13.4 (line 1.13), installed with"
        + " script\n# cluster natgw-chaos-r1, docker network natgw-chaos-r1-ext, workspace /ws\n");
  }

  @Test
  void theSameRunIdGivesTheSamePlanAndItMatchesWhatTheTargetRuns() {
    assertThat(plan("v1.16.2")).isEqualTo(plan("v1.16.2"));

    // every command the plan shows is one the target ran against the same answers, in the same order
    KindSettings settings = KindClusterConfigTest.settings("v1.13.4");
    List<String> planned = KindPlan.render(settings, new TargetSettings(Map.of())).lines()
        .filter(l -> l.startsWith("   $ ")).map(l -> l.substring(5, l.lastIndexOf("   # timeout")))
        .map(l -> l.startsWith("(cd ") ? "bash install.sh" : l).toList();
    List<String> ran = KindTargetTest.freshScriptInstall().stream().map(c -> c.replace("172.19.", "192.0.2.")).toList();
    assertThat(planned.subList(0, ran.size())).containsExactlyElementsOf(ran);
    assertThat(planned.subList(ran.size(), planned.size())).containsExactly(
        "kind delete cluster --name natgw-chaos-r1 --kubeconfig /ws/kubeconfig", "docker network rm natgw-chaos-r1-ext");
  }

  @Test
  void planModeFromTheProviderPrintsThePlanAndRunsNothing() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThatThrownBy(() -> new KindTargetProvider().open(new TargetSettings(Map.of(
              "chaos.target", "kind", "chaos.plan", "true", "kubeovn.version", "v1.13.4", "chaos.runId", "r1",
              "chaos.workspace", "/ws"))))
          .isInstanceOf(PlanModeException.class)
          .hasMessage("chaos.plan=true: printed the kind target's plan for run r1; nothing was run");
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo(plan("v1.13.4"));
  }

  @Test
  void linesDifferWhereUpstreamDiffers() {
    assertThat(plan("v1.14.41")).contains("enable-admission-plugins: OwnerReferencesPermissionEnforcement",
        "set resources daemonset/kube-multus-ds -c kube-multus --limits=cpu=200m,memory=200Mi");
    assertThat(plan("v1.13.4")).doesNotContain("OwnerReferencesPermissionEnforcement", "set resources");
    assertThat(plan("master")).contains("/kube-ovn/master/dist/images/install.sh", "docker.io/kubeovn/kube-ovn:v1.17.0",
        "kindest/node:v1.36.1", "multus-cni:v4.3.0-thick");
    assertThat(plan("v1.14.41", KindSettings.KEEP, "true"))
        .contains("Tear down: keep cluster natgw-chaos-r1 (chaos.kind.keep=true)")
        .doesNotContain("$ kind delete cluster");
  }
}

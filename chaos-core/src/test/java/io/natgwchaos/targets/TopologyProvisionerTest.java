package io.natgwchaos.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.KubeOvnCrds;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.kubeovn.Vpc;
import io.natgwchaos.kubeovn.VpcNatGateway;
import io.natgwchaos.targets.SimulatedKubeOvnController.Part;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class TopologyProvisionerTest {
  static final ExternalNetwork NETWORK = new ExternalNetwork(KubeOvn.DEFAULT_EXTERNAL_NETWORK, "kube-system",
      "172.19.0.0/16", "172.19.0.1", List.of("172.19.0.2", "172.19.0.3", "172.19.0.4"));
  static final List<String> WORKERS = List.of("kind-worker", "kind-worker2");
  static final TopologyTimeouts FAST = new TopologyTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10),
      Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ZERO);
  static final TopologyTimeouts SHORT = new TopologyTimeouts(Duration.ofMillis(600), Duration.ofMillis(600),
      Duration.ofMillis(600), Duration.ofMillis(50), Duration.ZERO);

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void cluster() {
    KubeOvnCrds.all().forEach(crd -> client.apiextensions().v1().customResourceDefinitions().resource(crd).create());
    SimulatedKubeOvnController.createNode(client, "kind-control-plane");
    WORKERS.forEach(n -> SimulatedKubeOvnController.createNode(client, n));
  }

  @Test
  void createsExactlyTheReferenceResourcesPinsTheGatewayAndTearsThemDown() throws Exception {
    TopologySpec spec = TopologySpec.of("t1", WORKERS);
    TopologyProvisioner provisioner = new TopologyProvisioner(client, "kube-system", FAST);
    ProvisionedTopology topology;
    try (SimulatedKubeOvnController controller = SimulatedKubeOvnController.start(client, NETWORK.cidr())) {
      topology = provisioner.provision(spec, NETWORK);

      assertThat(topology.resources()).containsExactly("Vpc/t1-vpc", "Subnet/t1-subnet", "VpcNatGateway/t1-gw",
          "IptablesEIP/t1-eip-0", "IptablesEIP/t1-eip-1", "IptablesEIP/t1-eip-2", "IptablesEIP/t1-eip-3",
          "IptablesFIPRule/t1-fip-0", "IptablesFIPRule/t1-fip-1", "IptablesSnatRule/t1-snat-0",
          "IptablesDnatRule/t1-dnat-0");
      assertThat(names(Vpc.class)).containsExactly("t1-vpc");
      assertThat(names(Subnet.class)).containsExactly("t1-subnet");
      assertThat(names(VpcNatGateway.class)).containsExactly("t1-gw");
      assertThat(names(IptablesEip.class)).containsExactly("t1-eip-0", "t1-eip-1", "t1-eip-2", "t1-eip-3");

      Vpc vpc = client.resources(Vpc.class).withName("t1-vpc").get();
      assertThat(vpc.getSpec().getStaticRoutes()).singleElement().satisfies(r -> {
        assertThat(r.getPolicy()).isEqualTo("policyDst");
        assertThat(r.getCidr()).isEqualTo("0.0.0.0/0");
        assertThat(r.getNextHopIP()).isEqualTo("10.0.1.254");
      });
      Subnet subnet = client.resources(Subnet.class).withName("t1-subnet").get();
      assertThat(subnet.getSpec().getVpc()).isEqualTo("t1-vpc");
      assertThat(subnet.getSpec().getCidrBlock()).isEqualTo("10.0.1.0/24");
      assertThat(subnet.getSpec().getGateway()).isEqualTo("10.0.1.1");
      VpcNatGateway gw = client.resources(VpcNatGateway.class).withName("t1-gw").get();
      assertThat(gw.getSpec().getVpc()).isEqualTo("t1-vpc");
      assertThat(gw.getSpec().getSubnet()).isEqualTo("t1-subnet");
      assertThat(gw.getSpec().getLanIp()).isEqualTo("10.0.1.254");
      assertThat(gw.getSpec().getExternalSubnets()).containsExactly("ovn-vpc-external-network");
      assertThat(gw.getSpec().getSelector()).containsExactly("natgw-chaos.io/gateway-t1: candidate");
      assertThat(client.resources(IptablesEip.class).list().getItems())
          .allSatisfy(e -> assertThat(e.getSpec().getNatGwDp()).isEqualTo("t1-gw"));
      assertThat(client.resources(IptablesFipRule.class).list().getItems())
          .extracting(f -> f.getSpec().getEip() + "->" + f.getSpec().getInternalIp())
          .containsExactlyInAnyOrder("t1-eip-0->10.0.1.10", "t1-eip-1->10.0.1.11");
      assertThat(client.resources(IptablesSnatRule.class).withName("t1-snat-0").get().getSpec())
          .extracting(IptablesSnatRule.Spec::getEip, IptablesSnatRule.Spec::getInternalCIDR)
          .containsExactly("t1-eip-2", "10.0.1.0/24");
      assertThat(client.resources(IptablesDnatRule.class).withName("t1-dnat-0").get().getSpec())
          .extracting(IptablesDnatRule.Spec::getEip, IptablesDnatRule.Spec::getProtocol,
              IptablesDnatRule.Spec::getExternalPort, IptablesDnatRule.Spec::getInternalIp,
              IptablesDnatRule.Spec::getInternalPort)
          .containsExactly("t1-eip-3", "tcp", "8000", "10.0.1.200", "80");

      assertThat(topology.gatewayPod()).isEqualTo("vpc-nat-gw-t1-gw-0");
      assertThat(topology.gatewayNode()).isEqualTo("kind-worker");
      assertThat(topology.labelledNodes()).containsExactly("kind-worker", "kind-worker2");
      assertThat(client.nodes().withName("kind-worker2").get().getMetadata().getLabels())
          .containsEntry("natgw-chaos.io/gateway-t1", "candidate");
      assertThat(client.nodes().withName("kind-control-plane").get().getMetadata().getLabels())
          .doesNotContainKey("natgw-chaos.io/gateway-t1");
      assertThat(topology.eipAddresses()).hasSize(4).allSatisfy((name, ip) -> assertThat(ip).startsWith("172.19."));

      provisioner.teardown(topology);
    }
    for (Class<? extends HasMetadata> type : List.of(Vpc.class, Subnet.class, VpcNatGateway.class,
        IptablesEip.class, IptablesFipRule.class, IptablesSnatRule.class, IptablesDnatRule.class)) {
      assertThat(names(type)).as(HasMetadata.getKind(type)).isEmpty();
    }
    assertThat(client.pods().inNamespace("kube-system").list().getItems()).isEmpty();
    assertThat(client.nodes().list().getItems())
        .allSatisfy(n -> assertThat(n.getMetadata().getLabels()).doesNotContainKey("natgw-chaos.io/gateway-t1"));
  }

  @Test
  void twoTopologiesCoexistAndTheSecondCanStartOnTheOtherWorker() throws Exception {
    TopologyProvisioner provisioner = new TopologyProvisioner(client, "kube-system", FAST);
    try (SimulatedKubeOvnController controller = SimulatedKubeOvnController.start(client, NETWORK.cidr())) {
      ProvisionedTopology a = provisioner.provision(TopologySpec.of("a", WORKERS).withRules(1, 0, 0), NETWORK);
      ProvisionedTopology b = provisioner.provision(TopologySpec.of("b", WORKERS).withRules(0, 1, 0)
          .withSpareEips(1).startingOn("kind-worker2"), NETWORK);

      assertThat(a.gatewayNode()).isEqualTo("kind-worker");
      assertThat(b.gatewayNode()).isEqualTo("kind-worker2");
      assertThat(b.resources()).containsExactly("Vpc/b-vpc", "Subnet/b-subnet", "VpcNatGateway/b-gw",
          "IptablesEIP/b-eip-0", "IptablesEIP/b-eip-1", "IptablesSnatRule/b-snat-0");
      assertThat(names(VpcNatGateway.class)).containsExactlyInAnyOrder("a-gw", "b-gw");
      provisioner.teardown(a);
      assertThat(names(VpcNatGateway.class)).containsExactly("b-gw");
    }
  }

  @Test
  void whenNothingBecomesReadyTheTimeoutNamesWhatWasAwaited() {
    TopologyProvisioner provisioner = new TopologyProvisioner(client, "kube-system", SHORT);

    assertThatThrownBy(() -> provisioner.provision(TopologySpec.of("t1", WORKERS), NETWORK))
        .isInstanceOf(TopologyNotReadyException.class)
        .hasMessage("topology t1: 1 of 1 Vpc not ready after 600ms: t1-vpc (no status)")
        .satisfies(e -> assertThat(((TopologyNotReadyException) e).partial().resources())
            .containsExactly("Vpc/t1-vpc", "Subnet/t1-subnet"));
  }

  @Test
  void aGatewayThatNeverInitialisesIsReportedWithItsPodState() throws Exception {
    TopologyProvisioner provisioner = new TopologyProvisioner(client, "kube-system", SHORT);
    try (SimulatedKubeOvnController controller = SimulatedKubeOvnController.start(client, NETWORK.cidr(),
        Part.SUBNETS, Part.VPCS)) {
      assertThatThrownBy(() -> provisioner.provision(TopologySpec.of("t1", WORKERS), NETWORK))
          .isInstanceOf(TopologyNotReadyException.class)
          .hasMessage("topology t1: gateway pod kube-system/vpc-nat-gw-t1-gw-0 not initialised after 600ms"
              + " (waiting for annotation ovn.kubernetes.io/vpc_nat_gw_init=true): pod not found");
    }
  }

  @Test
  void eipsThatNeverBecomeReadyAreListedWithTheirStatus() throws Exception {
    TopologyProvisioner provisioner = new TopologyProvisioner(client, "kube-system", SHORT);
    try (SimulatedKubeOvnController controller = SimulatedKubeOvnController.start(client, NETWORK.cidr(),
        Part.SUBNETS, Part.VPCS, Part.GATEWAYS)) {
      // one EIP gets a status that is not ready yet, the other none at all
      Thread helper = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          try {
            if (client.resources(IptablesEip.class).withName("t1-eip-1").get() != null) {
              client.resources(IptablesEip.class).withName("t1-eip-1").editStatus(e -> {
                e.setStatus(new IptablesEip.Status());
                e.getStatus().setReady(false);
                e.getStatus().setIp("172.19.0.12");
                return e;
              });
              return;
            }
            Thread.sleep(10);
          } catch (InterruptedException e) {
            return;
          } catch (RuntimeException e) {
            // retry
          }
        }
      });
      helper.start();
      assertThatThrownBy(() -> provisioner.provision(TopologySpec.of("t1", WORKERS).withRules(0, 0, 0)
          .withSpareEips(2), NETWORK))
          .isInstanceOf(TopologyNotReadyException.class)
          .hasMessage("topology t1: 2 of 2 IptablesEIP not ready after 600ms: t1-eip-0 (no status),"
              + " t1-eip-1 (ready=false, ip=172.19.0.12, nat='', redo='')");
      helper.interrupt();
    }
  }

  @Test
  void teardownRemovesAFinalizerKubeOvnLeftBehind() throws Exception {
    TopologyProvisioner provisioner = new TopologyProvisioner(client, "kube-system", SHORT);
    ProvisionedTopology topology;
    try (SimulatedKubeOvnController controller = SimulatedKubeOvnController.start(client, NETWORK.cidr())) {
      topology = new TopologyProvisioner(client, "kube-system", FAST)
          .provision(TopologySpec.of("t1", WORKERS).withRules(0, 0, 0).withSpareEips(1), NETWORK);
      client.resources(IptablesEip.class).withName("t1-eip-0").edit(e -> {
        e.getMetadata().setFinalizers(List.of(KubeOvn.Finalizers.CONTROLLER));
        return e;
      });

      // the simulated controller never removes this finalizer: teardown waits, then removes it itself
      provisioner.teardown(topology);
    }
    assertThat(names(IptablesEip.class)).isEmpty();
    assertThat(names(VpcNatGateway.class)).isEmpty();
    assertThat(names(Vpc.class)).isEmpty();
  }

  @Test
  void teardownGivesUpOnAStageThatMakesNoProgressBeforeTheDeletionBound() throws Exception {
    // a minute per stage, but a stage where nothing goes away for 300 ms is stuck
    TopologyTimeouts stallAware = new TopologyTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10),
        Duration.ofMinutes(1), Duration.ofMillis(300), Duration.ofMillis(50), Duration.ZERO);
    ProvisionedTopology topology;
    try (SimulatedKubeOvnController controller = SimulatedKubeOvnController.start(client, NETWORK.cidr())) {
      topology = new TopologyProvisioner(client, "kube-system", FAST)
          .provision(TopologySpec.of("t1", WORKERS).withRules(0, 0, 0).withSpareEips(2), NETWORK);
      for (String eip : List.of("t1-eip-0", "t1-eip-1")) {
        client.resources(IptablesEip.class).withName(eip).edit(e -> {
          e.getMetadata().setFinalizers(List.of(KubeOvn.Finalizers.CONTROLLER));
          return e;
        });
      }

      assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> new TopologyProvisioner(client, "kube-system", stallAware).teardown(topology));
    }
    assertThat(names(IptablesEip.class)).isEmpty();
    assertThat(names(Vpc.class)).isEmpty();
  }

  @Test
  void specsRefuseNamesAndNodesThatCannotWork() {
    assertThatThrownBy(() -> TopologySpec.of("Bad_Name", WORKERS)).hasMessageContaining("topology name 'Bad_Name'");
    assertThatThrownBy(() -> TopologySpec.of("t1", WORKERS).startingOn("kind-control-plane"))
        .hasMessage("topology t1: gateway node kind-control-plane must be one of the candidate nodes"
            + " [kind-worker, kind-worker2]");
  }

  private List<String> names(Class<? extends HasMetadata> type) {
    Stream<? extends HasMetadata> items = client.resources(type).list().getItems().stream();
    return items.map(r -> r.getMetadata().getName()).sorted().toList();
  }
}

package io.natgwchaos.targets.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.natgwchaos.kubeovn.KubeOvnCrds;
import io.natgwchaos.kubeovn.NetworkAttachmentDefinition;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.targets.SimulatedKubeOvnController;
import io.natgwchaos.targets.SimulatedKubeOvnController.Part;
import io.natgwchaos.targets.TargetCapability;
import io.natgwchaos.targets.TargetUnavailableException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import io.natgwchaos.kubeovn.Vpc;
import io.natgwchaos.kubeovn.VpcNatGateway;
import io.natgwchaos.targets.ProvisionedTopology;
import io.natgwchaos.targets.TopologyProvisioner;
import io.natgwchaos.targets.TopologySpec;
import io.natgwchaos.targets.TopologyTimeouts;
import io.natgwchaos.targets.process.CommandFailedException;
import io.natgwchaos.targets.process.CommandTimeoutException;
import org.junit.jupiter.api.io.TempDir;
import io.natgwchaos.targets.process.ProcessRequest;
import io.natgwchaos.targets.process.RecordingProcessRunner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KindTargetTest {
  static final String K = "kubectl --kubeconfig /ws/kubeconfig ";
  static final String IPAM = "docker network inspect --format '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{\"\\n\"}}{{end}}' natgw-chaos-r1-ext";
  static final String CONTAINERS = "docker network inspect --format '{{range $id, $c := .Containers}}{{$c.Name}} {{$c.MacAddress}} {{$c.IPv4Address}}{{\"\\n\"}}{{end}}' natgw-chaos-r1-ext";
  static final List<String> NODES = List.of("natgw-chaos-r1-control-plane", "natgw-chaos-r1-worker", "natgw-chaos-r1-worker2");

  KubernetesMockServer server;
  KubernetesClient client;
  RecordingProcessRunner runner;
  RecordingWorkspace workspace = new RecordingWorkspace(Path.of("/ws"));
  RecordingShutdownHooks hooks = new RecordingShutdownHooks();
  List<String> steps = new ArrayList<>();
  SimulatedKubeOvnController controller;

  @BeforeEach
  void cluster() {
    KubeOvnCrds.all().forEach(crd -> client.apiextensions().v1().customResourceDefinitions().resource(crd).create());
    controller = SimulatedKubeOvnController.start(client, "172.19.0.0/16", Part.SUBNETS);
  }

  @AfterEach
  void stopController() throws InterruptedException {
    controller.close();
  }

  static KindSettings settings(String... extra) {
    List<String> all = new ArrayList<>(List.of("chaos.kind.pollInterval", "50ms", "chaos.kind.readyTimeout", "5s",
        "chaos.kind.nicDiscoveryTimeout", "300ms"));
    all.addAll(List.of(extra));
    return KindClusterConfigTest.settings("v1.13.4", all.toArray(String[]::new));
  }

  /** What a fresh run sees, with docker network facts as a real Docker prints them. */
  static RecordingProcessRunner answers(KindSettings settings) {
    RecordingProcessRunner answers = KindPlan.freshRunAnswers(settings);
    answers.instead("docker", "network", "inspect", "--format", KindClusterSetup.IPAM_FORMAT)
        .reply("172.19.0.0/16 172.19.0.1\nfc00:f853:ccd:e793::/64 fc00:f853:ccd:e793::1\n");
    StringBuilder containers = new StringBuilder();
    for (int i = 0; i < NODES.size(); i++) {
      containers.append(NODES.get(i)).append(" 02:42:ac:13:00:0").append(i + 2).append(" 172.19.0.").append(i + 2)
          .append("/16\n");
      answers.instead("docker", "exec", NODES.get(i), "ip").reply(ipJson(i + 2));
    }
    answers.instead("docker", "network", "inspect", "--format", KindClusterSetup.CONTAINERS_FORMAT)
        .reply(containers.toString());
    return answers;
  }

  static String ipJson(int host) {
    return "[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\",\"LOWER_UP\"],\"mtu\":65536,"
        + "\"link_type\":\"loopback\",\"address\":\"00:00:00:00:00:00\",\"addr_info\":[{\"family\":\"inet\","
        + "\"local\":\"127.0.0.1\",\"prefixlen\":8}]},{\"ifindex\":2,\"link_index\":3,\"ifname\":\"eth0\","
        + "\"link_type\":\"ether\",\"address\":\"02:42:ac:12:00:0" + host + "\",\"addr_info\":[{\"family\":\"inet\","
        + "\"local\":\"172.18.0." + host + "\",\"prefixlen\":16}]},{\"ifindex\":9,\"link_index\":10,\"ifname\":\"eth1\","
        + "\"link_type\":\"ether\",\"address\":\"02:42:ac:13:00:0" + host + "\",\"addr_info\":[{\"family\":\"inet\","
        + "\"local\":\"172.19.0." + host + "\",\"prefixlen\":16}]}]";
  }

  KindHost host() {
    Progress progress = new Progress() {
      @Override
      public void step(String title) {
        steps.add(title);
      }

      @Override
      public void note(String text) {}
    };
    return new KindHost(runner, workspace, progress, hooks, kubeconfig -> server.createClient());
  }

  static List<String> imageCommands(String image) {
    return List.of("docker image inspect --format '{{.Id}}' " + image, "docker pull " + image,
        "kind load docker-image --name natgw-chaos-r1 " + image);
  }

  static List<String> freshScriptInstall() {
    List<String> commands = new ArrayList<>(List.of(
        "docker version --format '{{.Server.Version}}'",
        "kind version",
        "kubectl version --client -o json",
        "kind get clusters",
        "kind create cluster --name natgw-chaos-r1 --config /ws/kind-config.yaml --kubeconfig /ws/kubeconfig",
        K + "delete --ignore-not-found storageclass standard",
        K + "delete --ignore-not-found -n local-path-storage deployment local-path-provisioner"));
    commands.addAll(imageCommands("docker.io/kubeovn/kube-ovn:v1.13.4"));
    commands.addAll(imageCommands("docker.io/kubeovn/vpc-nat-gateway:v1.13.4"));
    commands.addAll(imageCommands("ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.3-thick"));
    commands.addAll(List.of(
        K + "get node natgw-chaos-r1-control-plane -o 'jsonpath={.spec.taints[*].key}'",
        K + "taint node natgw-chaos-r1-control-plane node-role.kubernetes.io/control-plane:NoSchedule-",
        "bash install.sh",
        K + "-n kube-system rollout status deployment/ovn-central --timeout=300s",
        K + "-n kube-system rollout status daemonset/ovs-ovn --timeout=300s",
        K + "-n kube-system rollout status deployment/kube-ovn-controller --timeout=300s",
        K + "-n kube-system rollout status daemonset/kube-ovn-cni --timeout=300s",
        K + "wait node --all --for=condition=Ready --timeout=300s",
        K + "-n kube-system get configmap ovn-vpc-nat-gw-config -o 'jsonpath={.data.enable-vpc-nat-gw}'",
        K + "-n kube-system get configmap ovn-vpc-nat-config -o 'jsonpath={.data.image}'",
        K + "apply -f /ws/multus-daemonset-thick.yml",
        K + "-n kube-system rollout status daemonset/kube-multus-ds --timeout=300s",
        K + "wait --for=condition=Established crd/network-attachment-definitions.k8s.cni.cncf.io --timeout=60s"));
    commands.addAll(networkCommands());
    return commands;
  }

  static List<String> networkCommands() {
    return List.of(
        "kind get nodes --name natgw-chaos-r1",
        "docker network inspect --format '{{.Name}}' natgw-chaos-r1-ext",
        "docker network create --driver bridge --attachable --label io.natgwchaos.managed=true"
            + " --label io.natgwchaos.run=r1 -o com.docker.network.bridge.enable_ip_masquerade=true"
            + " -o com.docker.network.driver.mtu=1500 natgw-chaos-r1-ext",
        "docker network connect natgw-chaos-r1-ext natgw-chaos-r1-control-plane",
        "docker network connect natgw-chaos-r1-ext natgw-chaos-r1-worker",
        "docker network connect natgw-chaos-r1-ext natgw-chaos-r1-worker2",
        IPAM,
        CONTAINERS,
        "docker exec natgw-chaos-r1-control-plane ip -j address show",
        "docker exec natgw-chaos-r1-worker ip -j address show",
        "docker exec natgw-chaos-r1-worker2 ip -j address show");
  }

  @Test
  void freshRunCreatesInstallsAttachesAndTearsDownInUpstreamOrder() {
    KindSettings settings = settings();
    runner = answers(settings);

    KindTarget target = KindTarget.open(settings, host());

    assertThat(runner.commandLines()).containsExactlyElementsOf(freshScriptInstall());
    assertThat(steps).containsExactly(
        "Check prerequisites: docker daemon, kind, kubectl",
        "Create kind cluster natgw-chaos-r1: 1 control plane + 2 workers, kindest/node:v1.31.6, no default CNI"
            + " (takes a few minutes)",
        "Remove kind's default storage, as upstream's kind-create does",
        "Load images into the kind nodes: docker.io/kubeovn/kube-ovn:v1.13.4, docker.io/kubeovn/vpc-nat-gateway:v1.13.4,"
            + " ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.3-thick",
        "Untaint the control plane, as upstream's kind-install does",
        "Install Kube-OVN v1.13.4 with install.sh at v1.13.4 (ENABLE_NAT_GW=true CNI_CONFIG_PRIORITY=10; up to 25m)",
        "Wait for Kube-OVN to be ready and check the NAT gateway ConfigMaps",
        "Install multus thick v4.1.3 (provides NetworkAttachmentDefinitions and the gateway's net1)",
        "Create external docker network natgw-chaos-r1-ext and attach every node to it",
        "Find the NIC each node has on natgw-chaos-r1-ext (by the MAC docker assigned)",
        "Create NAD kube-system/ovn-vpc-external-network (macvlan on eth1) and external Subnet"
            + " ovn-vpc-external-network 172.19.0.0/16 (API)");

    ProcessRequest install = runner.requests().stream().filter(r -> r.program().equals("bash")).findFirst().orElseThrow();
    assertThat(install.directory()).contains(Path.of("/ws/kube-ovn"));
    assertThat(install.environment()).containsExactlyInAnyOrderEntriesOf(Map.of("KUBECONFIG", "/ws/kubeconfig",
        "ENABLE_NAT_GW", "true", "CNI_CONFIG_PRIORITY", "10"));
    assertThat(install.pathPrefix()).containsExactly(Path.of("/ws/bin"));
    assertThat(install.timeout()).isEqualTo(Duration.ofMinutes(25));
    assertThat(install.streamOutput()).isTrue();
    ProcessRequest create = runner.requests().get(4);
    assertThat(create.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(create.purpose()).isEqualTo("create kind cluster natgw-chaos-r1");

    assertThat(workspace.files.get(Path.of("/ws/kind-config.yaml"))).isEqualTo(KindClusterConfig.render(settings));
    assertThat(workspace.downloads).extracting(RecordingWorkspace.Download::uri).containsExactly(
        URI.create("https://raw.githubusercontent.com/kubeovn/kube-ovn/v1.13.4/dist/images/install.sh"),
        URI.create("https://raw.githubusercontent.com/k8snetworkplumbingwg/multus-cni/v4.1.3/deployments/multus-daemonset-thick.yml"));
    TextPatch scriptPatch = workspace.downloads.get(0).patch();
    assertThat(scriptPatch.change().apply("VERSION=\"v1.13.4\"\nkubectl cp $pod:/kube-ovn/kubectl-ko /usr/local/bin/kubectl-ko\n"
        + "chmod +x /usr/local/bin/kubectl-ko\n"))
        .isEqualTo("VERSION=\"v1.13.4\"\nkubectl cp $pod:/kube-ovn/kubectl-ko /ws/bin/kubectl-ko\nchmod +x /ws/bin/kubectl-ko\n");
    assertThat(workspace.downloads.get(1).patch().change().apply("image: ghcr.io/k8snetworkplumbingwg/multus-cni:snapshot-thick"))
        .isEqualTo("image: ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.3-thick");
    assertThatThrownBy(() -> scriptPatch.change().apply("echo no kubectl-ko here"))
        .hasMessageContaining("the file no longer contains '/usr/local/bin/kubectl-ko'");

    NetworkAttachmentDefinition nad = client.resources(NetworkAttachmentDefinition.class).inNamespace("kube-system")
        .withName("ovn-vpc-external-network").get();
    assertThat(nad.getSpec().getConfig()).contains("\"master\":\"eth1\"", "\"provider\":\"ovn-vpc-external-network.kube-system\"");
    Subnet external = client.resources(Subnet.class).withName("ovn-vpc-external-network").get();
    assertThat(external.getSpec().getCidrBlock()).isEqualTo("172.19.0.0/16");
    assertThat(external.getSpec().getGateway()).isEqualTo("172.19.0.1");
    assertThat(external.getSpec().getExcludeIps()).containsExactly("172.19.0.2", "172.19.0.3", "172.19.0.4");
    assertThat(target.externalNetwork().provider()).isEqualTo("ovn-vpc-external-network.kube-system");
    assertThat(target.gatewayNodes()).containsExactly("natgw-chaos-r1-worker", "natgw-chaos-r1-worker2");
    assertThat(target.capabilities()).containsExactlyInAnyOrder(TargetCapability.values());
    assertThat(target.kubeOvnVersion()).isEqualTo("v1.13.4");
    assertThat(target.environment()).containsEntry("kind.nodeImage", "kindest/node:v1.31.6")
        .containsEntry("kubeovn.line", "1.13").containsEntry("kind.version", "0.27.0")
        .containsEntry("docker.version", "28.0.4").containsKey("kubernetes.version");
    assertThat(hooks.registered).containsExactly(target.shutdownHook());

    runner.clear();
    target.close();
    target.close();

    assertThat(runner.commandLines()).containsExactly(
        "kind delete cluster --name natgw-chaos-r1 --kubeconfig /ws/kubeconfig",
        "docker network rm natgw-chaos-r1-ext");
    assertThat(hooks.removed).containsExactly(target.shutdownHook());
  }

  @Test
  void aWholeRunFromCreateThroughProvisioningToTeardown(@TempDir Path diagnostics) throws Exception {
    KindSettings settings = settings();
    runner = answers(settings);
    NODES.forEach(n -> SimulatedKubeOvnController.createNode(client, n));
    controller.close();
    controller = SimulatedKubeOvnController.start(client, "172.19.0.0/16");
    KindTarget target = KindTarget.open(settings, host());
    List<String> setup = runner.commandLines();
    runner.clear();

    TopologyProvisioner provisioner = new TopologyProvisioner(target.client(), "kube-system",
        new TopologyTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMillis(50),
        Duration.ZERO));
    ProvisionedTopology topology = provisioner.provision(TopologySpec.of("t1", target.gatewayNodes()),
        target.externalNetwork());
    List<String> api = new ArrayList<>();
    for (Class<? extends HasMetadata> type : List.of(NetworkAttachmentDefinition.class, Subnet.class, Vpc.class,
        VpcNatGateway.class, IptablesEip.class, IptablesFipRule.class, IptablesSnatRule.class, IptablesDnatRule.class)) {
      client.resources(type).inAnyNamespace().list().getItems()
          .forEach(r -> api.add(HasMetadata.getKind(type) + "/" + r.getMetadata().getName()));
    }
    target.collectDiagnostics(diagnostics);
    provisioner.teardown(topology);
    target.close();

    assertThat(setup).containsExactlyElementsOf(freshScriptInstall());
    assertThat(api).containsExactlyInAnyOrder("NetworkAttachmentDefinition/ovn-vpc-external-network",
        "Subnet/ovn-vpc-external-network", "Subnet/t1-subnet", "Vpc/t1-vpc", "VpcNatGateway/t1-gw",
        "IptablesEIP/t1-eip-0", "IptablesEIP/t1-eip-1", "IptablesEIP/t1-eip-2", "IptablesEIP/t1-eip-3",
        "IptablesFIPRule/t1-fip-0", "IptablesFIPRule/t1-fip-1", "IptablesSnatRule/t1-snat-0", "IptablesDnatRule/t1-dnat-0");
    assertThat(topology.gatewayNode()).isEqualTo("natgw-chaos-r1-worker");
    assertThat(topology.eipAddresses().values()).allSatisfy(ip -> assertThat(ip).startsWith("172.19.0."));
    assertThat(runner.commandLines()).containsExactly(
        "kind export logs " + diagnostics.resolve("kind-logs") + " --name natgw-chaos-r1",
        "kind delete cluster --name natgw-chaos-r1 --kubeconfig /ws/kubeconfig",
        "docker network rm natgw-chaos-r1-ext");
    assertThat(diagnostics.resolve("cluster/events.yaml")).exists();
    assertThat(diagnostics.resolve("cluster/nat-resources.yaml")).content().contains("name: \"t1-eip-0\"", "name: \"t1-gw\"");
    assertThat(client.resources(Vpc.class).list().getItems()).isEmpty();
  }

  @Test
  void aTimedOutKindCreateSaysWhatWasAwaited() {
    KindSettings settings = settings();
    runner = answers(settings);
    runner.on("kind", "create", "cluster").timeOut();

    assertThatThrownBy(() -> KindTarget.open(settings, host()))
        .isInstanceOf(CommandTimeoutException.class)
        .hasMessageStartingWith("timed out after 5m waiting for: create kind cluster natgw-chaos-r1\n"
            + "  command: kind create cluster --name natgw-chaos-r1 --config /ws/kind-config.yaml --kubeconfig"
            + " /ws/kubeconfig (killed with its child processes)");
    assertThat(runner.commandLines()).last().isEqualTo("kind delete cluster --name natgw-chaos-r1 --kubeconfig /ws/kubeconfig");
  }

  @Test
  void anExternalSubnetTheControllerNeverReadiesIsReportedWithItsConditions() throws InterruptedException {
    controller.close();
    KindSettings settings = settings("chaos.kind.readyTimeout", "300ms");
    runner = answers(settings);

    assertThatThrownBy(() -> KindTarget.open(settings, host()))
        .isInstanceOf(TargetUnavailableException.class)
        .hasMessage("external Subnet ovn-vpc-external-network not Ready after 300ms (kube-ovn-controller sets condition"
            + " Ready=True once it can allocate from 172.19.0.0/16); its conditions: none");
  }

  @Test
  void aFailingKindCreateShowsItsStderrAndStillCleansUp() {
    KindSettings settings = settings();
    runner = answers(settings);
    runner.on("kind", "create", "cluster").fail(1, "Creating cluster \"natgw-chaos-r1\" ...\n"
        + "ERROR: failed to create cluster: failed to ensure docker network: command \"docker network create -d=bridge"
        + " kind\" failed with error: exit status 1\n");

    assertThatThrownBy(() -> KindTarget.open(settings, host()))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageStartingWith("create kind cluster natgw-chaos-r1 failed: exit code 1\n")
        .hasMessageContaining("  command: kind create cluster --name natgw-chaos-r1 --config /ws/kind-config.yaml"
            + " --kubeconfig /ws/kubeconfig")
        .hasMessageContaining("    ERROR: failed to create cluster: failed to ensure docker network");

    assertThat(runner.commandLines()).endsWith(
        "kind create cluster --name natgw-chaos-r1 --config /ws/kind-config.yaml --kubeconfig /ws/kubeconfig",
        "kind export logs /ws/diagnostics/kind-logs --name natgw-chaos-r1",
        "kind delete cluster --name natgw-chaos-r1 --kubeconfig /ws/kubeconfig");
    assertThat(hooks.registered).isEmpty();
  }

  @Test
  void theShutdownHookTearsDownOnceAndCloseAfterwardsDoesNothing() throws InterruptedException {
    KindSettings settings = settings();
    runner = answers(settings);
    KindTarget target = KindTarget.open(settings, host());
    runner.clear();

    Thread hook = hooks.registered.get(0);
    hook.start();
    hook.join();
    List<String> afterHook = runner.commandLines();
    target.close();

    assertThat(afterHook).containsExactly(
        "kind delete cluster --name natgw-chaos-r1 --kubeconfig /ws/kubeconfig",
        "docker network rm natgw-chaos-r1-ext");
    assertThat(runner.commandLines()).isEqualTo(afterHook);
    assertThat(hooks.removed).isEmpty();
  }

  @Test
  void keepKeepsTheClusterAndNetwork() {
    KindSettings settings = settings(KindSettings.KEEP, "true");
    runner = answers(settings);
    KindTarget target = KindTarget.open(settings, host());
    runner.clear();

    target.close();

    assertThat(runner.commandLines()).isEmpty();
    assertThat(steps).last().isEqualTo("Tear down: keep cluster natgw-chaos-r1 (chaos.kind.keep=true)");
  }

  @Test
  void keepOnFailureKeepsAFailedRunAfterExportingItsLogsButCleansUpAPassingOne() {
    KindSettings settings = settings(KindSettings.KEEP_ON_FAILURE, "true");
    runner = answers(settings);
    KindTarget failed = KindTarget.open(settings, host());
    runner.clear();
    failed.markRunFailed("FipReadyMeansRulesIT failed");
    failed.close();

    assertThat(runner.commandLines()).containsExactly("kind export logs /ws/diagnostics/kind-logs --name natgw-chaos-r1");
    assertThat(steps).last()
        .isEqualTo("Tear down: keep cluster natgw-chaos-r1 (chaos.kind.keepOnFailure=true and the run failed)");

    runner = answers(settings);
    KindTarget passed = KindTarget.open(settings, host());
    runner.clear();
    passed.close();
    assertThat(runner.commandLines()).containsExactly(
        "kind delete cluster --name natgw-chaos-r1 --kubeconfig /ws/kubeconfig", "docker network rm natgw-chaos-r1-ext");
  }

  @Test
  void reuseUsesTheExistingClusterSkipsInstallsAndKeepsEverything() {
    KindSettings settings = settings(KindSettings.REUSE, "true");
    String name = "natgw-chaos-reuse-v1-13-4";
    String kubectl = "kubectl --kubeconfig /ws/kubeconfig ";
    runner = answers(settings)
        .instead("kind", "get", "clusters").reply("kind\n" + name + "\n")
        .on("kind", "get", "kubeconfig").reply("apiVersion: v1\nkind: Config\n")
        .on("kubectl", "--kubeconfig", "/ws/kubeconfig", "-n", "kube-system", "get", "deployment")
        .reply("docker.io/kubeovn/kube-ovn:v1.13.4")
        .on("kubectl", "--kubeconfig", "/ws/kubeconfig", "-n", "kube-system", "get", "daemonset")
        .reply("daemonset.apps/kube-multus-ds")
        .instead("docker", "network", "inspect", "--format", "{{.Name}}").reply(name + "-ext\n")
        .on("docker", "network", "connect").fail(1, "Error response from daemon: endpoint with name " + name
            + "-worker already exists in network " + name + "-ext");
    String ipam = "172.19.0.0/16 172.19.0.1\n";
    runner.instead("docker", "network", "inspect", "--format", KindClusterSetup.IPAM_FORMAT).reply(ipam);
    StringBuilder containers = new StringBuilder();
    List<String> nodes = List.of(name + "-control-plane", name + "-worker", name + "-worker2");
    for (int i = 0; i < nodes.size(); i++) {
      containers.append(nodes.get(i)).append(" 02:42:ac:13:00:0").append(i + 2).append(" 172.19.0.").append(i + 2).append("/16\n");
      runner.on("docker", "exec", nodes.get(i), "ip").reply(ipJson(i + 2));
    }
    runner.instead("docker", "network", "inspect", "--format", KindClusterSetup.CONTAINERS_FORMAT).reply(containers.toString());
    runner.instead("kind", "get", "nodes").reply(String.join("\n", nodes));

    KindTarget target = KindTarget.open(settings, host());
    List<String> commands = runner.commandLines();

    assertThat(commands).contains("kind get kubeconfig --name " + name,
        kubectl + "-n kube-system get deployment kube-ovn-controller -o 'jsonpath={.spec.template.spec.containers[0].image}'",
        kubectl + "-n kube-system get daemonset kube-multus-ds -o name",
        "docker network connect " + name + "-ext " + name + "-worker");
    assertThat(commands).noneMatch(c -> c.startsWith("kind create") || c.startsWith("bash ")
        || c.contains(" apply -f ") || c.startsWith("docker network create"));
    assertThat(workspace.privateFiles).containsExactly(Path.of("/ws/kubeconfig"));
    assertThat(steps).contains("Kube-OVN v1.13.4 is already installed in reused cluster " + name + "; not installing");

    runner.clear();
    target.close();
    assertThat(runner.commandLines()).isEmpty();
  }

  @Test
  void withoutDockerNothingIsCreatedAndNothingIsTornDown() {
    KindSettings settings = settings();
    runner = answers(settings).instead(KindPrerequisites.DOCKER_VERSION.toArray(String[]::new)).notFound();

    assertThatThrownBy(() -> KindTarget.open(settings, host()))
        .isInstanceOf(TargetUnavailableException.class).hasMessageStartingWith("Docker is required");
    assertThat(runner.commandLines()).containsExactly("docker version --format '{{.Server.Version}}'", "kind version",
        "kubectl version --client -o json");
    assertThat(steps).containsExactly("Check prerequisites: docker daemon, kind, kubectl");
  }

  @Test
  void anExistingClusterIsNotTouchedWithoutReuse() {
    KindSettings settings = settings();
    runner = answers(settings).instead("kind", "get", "clusters").reply("natgw-chaos-r1\n");

    assertThatThrownBy(() -> KindTarget.open(settings, host()))
        .isInstanceOf(TargetUnavailableException.class)
        .hasMessage("kind cluster natgw-chaos-r1 already exists and chaos.kind.reuse is not set: pass"
            + " -Dchaos.kind.reuse=true to use it, or remove it with `kind delete cluster --name natgw-chaos-r1`");
    assertThat(runner.commandLines()).noneMatch(c -> c.startsWith("kind delete") || c.startsWith("kind create"));
  }

  @Test
  void helmInstallsTheChartWithTheNatGatewayKeysInsteadOfTheScript() {
    KindSettings settings = KindClusterConfigTest.settings("v1.14.41", "chaos.kind.pollInterval", "50ms",
        KindSettings.INSTALL_METHOD, "helm", KindSettings.HELM_CHART, "kube-ovn-v2");
    runner = answers(settings);

    KindTarget.open(settings, host()).close();

    List<String> commands = runner.commandLines();
    assertThat(commands.subList(0, 4)).containsExactly("docker version --format '{{.Server.Version}}'", "kind version",
        "kubectl version --client -o json", "helm version --template '{{.Version}}'");
    int label = commands.indexOf(K + "label node -l node-role.kubernetes.io/control-plane kube-ovn/role=master --overwrite");
    assertThat(label).isPositive();
    assertThat(commands.get(label + 1)).isEqualTo("helm install kube-ovn kube-ovn-v2 --repo https://kubeovn.github.io/kube-ovn/"
        + " --version v1.14.41 --namespace kube-system --kubeconfig /ws/kubeconfig --wait --timeout 25m"
        + " --set features.enableNatGateways=true --set-string cni.configPriority=10"
        + " --set global.images.kubeovn.tag=v1.14.41");
    assertThat(commands.get(label + 2)).isEqualTo(K + "-n kube-system rollout status deployment/ovn-central --timeout=300s");
    assertThat(commands).noneMatch(c -> c.startsWith("bash "))
        .contains(K + "-n kube-system set resources daemonset/kube-multus-ds -c kube-multus --limits=cpu=200m,memory=200Mi");
    assertThat(runner.requests().get(label + 1).environment()).containsEntry("HELM_CACHE_HOME", "/ws/helm/cache");
  }

  @Test
  void anImageKindCannotLoadDirectlyGoesInAsAnArchiveOfTheServerPlatform() {
    KindSettings settings = settings();
    runner = answers(settings)
        .on("kind", "load", "docker-image", "--name", "natgw-chaos-r1", "docker.io/kubeovn/vpc-nat-gateway:v1.13.4")
        .fail(1, "ERROR: failed to load image: command \"docker exec --privileged -i natgw-chaos-r1-worker ctr"
            + " --namespace=k8s.io images import\" failed: ctr: content digest sha256:ab12: not found")
        .on("docker", "version", "--format", "{{.Server.Os}}/{{.Server.Arch}}").reply("linux/amd64\n");

    KindTarget.open(settings, host()).close();

    String image = "docker.io/kubeovn/vpc-nat-gateway:v1.13.4";
    String archive = "/ws/images/docker.io_kubeovn_vpc-nat-gateway_v1.13.4.tar";
    List<String> commands = runner.commandLines();
    int load = commands.indexOf("kind load docker-image --name natgw-chaos-r1 " + image);
    assertThat(commands.subList(load, load + 4)).containsExactly(
        "kind load docker-image --name natgw-chaos-r1 " + image,
        "docker version --format '{{.Server.Os}}/{{.Server.Arch}}'",
        "docker save --platform linux/amd64 -o " + archive + " " + image,
        "kind load image-archive " + archive + " --name natgw-chaos-r1");
  }

  @Test
  void aNodeWithoutTheNetworksMacFailsWithWhatItShowed() {
    KindSettings settings = settings();
    runner = answers(settings).instead("docker", "exec", "natgw-chaos-r1-worker", "ip")
        .reply("[{\"ifindex\":2,\"ifname\":\"eth0\",\"address\":\"02:42:ac:12:00:03\"}]");

    assertThatThrownBy(() -> KindTarget.open(settings, host()))
        .isInstanceOf(TargetUnavailableException.class)
        .hasMessage("node natgw-chaos-r1-worker shows no interface with MAC 02:42:ac:13:00:03 (its address on docker"
            + " network natgw-chaos-r1-ext) after 300ms; `ip -j address show` printed:"
            + " [{\"ifindex\":2,\"ifname\":\"eth0\",\"address\":\"02:42:ac:12:00:03\"}]");
    assertThat(runner.commandLines()).endsWith(
        "kind export logs /ws/diagnostics/kind-logs --name natgw-chaos-r1",
        "kind delete cluster --name natgw-chaos-r1 --kubeconfig /ws/kubeconfig",
        "docker network rm natgw-chaos-r1-ext");
  }

  @Test
  void containerRestartAndNodeFaultsAreDockerCommandsOnThisClustersNodes() {
    KindSettings settings = settings();
    runner = answers(settings).on("docker", "pause").fail(1,
        "Error response from daemon: container 1f2e is already paused")
        .on("docker", "exec", "natgw-chaos-r1-worker", "crictl", "pods").reply("9d8c7b6a\n");
    KindTarget target = KindTarget.open(settings, host());
    Pod pod = new PodBuilder().withNewMetadata().withName("vpc-nat-gw-t1-gw-0").withNamespace("kube-system").endMetadata()
        .withNewSpec().withNodeName("natgw-chaos-r1-worker").endSpec()
        .withNewStatus().withContainerStatuses(new ContainerStatusBuilder().withName("vpc-nat-gw")
            .withContainerID("containerd://4b1c9e2a").build()).endStatus().build();
    client.pods().inNamespace("kube-system").resource(pod).create();
    runner.clear();

    target.restartContainer("kube-system", "vpc-nat-gw-t1-gw-0", "vpc-nat-gw");
    target.nodeControl().stop("natgw-chaos-r1-worker");
    target.nodeControl().start("natgw-chaos-r1-worker");
    target.nodeControl().pause("natgw-chaos-r1-worker2");
    target.nodeControl().unpause("natgw-chaos-r1-worker2");

    assertThat(runner.commandLines()).containsExactly(
        "docker exec natgw-chaos-r1-worker crictl pods --name vpc-nat-gw-t1-gw-0 --namespace kube-system"
            + " --state ready -q",
        "docker exec natgw-chaos-r1-worker crictl stopp 9d8c7b6a",
        "docker stop natgw-chaos-r1-worker",
        "docker start natgw-chaos-r1-worker",
        "docker pause natgw-chaos-r1-worker2",
        "docker unpause natgw-chaos-r1-worker2");
    assertThatThrownBy(() -> target.nodeControl().stop("some-other-container"))
        .hasMessageContaining("'some-other-container' is not a node of this kind cluster");
    target.close();
  }
}

package io.natgwchaos.targets.kind;

import static org.awaitility.Awaitility.await;

import io.natgwchaos.gateway.Ipv4;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.targets.ExternalNetwork;
import io.natgwchaos.targets.TargetUnavailableException;
import io.natgwchaos.targets.process.CommandFailedException;
import io.natgwchaos.targets.process.Durations;
import io.natgwchaos.targets.process.ProcessRequest;
import io.natgwchaos.targets.process.ProcessResult;
import io.natgwchaos.targets.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Brings up the host side of the kind target, the way Kube-OVN's NAT-gateway CI job does: prerequisites,
 * the cluster (created or reused), upstream's post-create cleanup, images, an untainted control plane,
 * Kube-OVN with the NAT gateway enabled, multus, and an external docker network attached to every node
 * with the NIC it appears as. Every external command goes through the {@link ProcessRunner}.
 */
final class KindClusterSetup {
  private static final Logger LOG = LoggerFactory.getLogger(KindClusterSetup.class);
  private static final String NAMESPACE = KubeOvn.CONTROLLER_NAMESPACE;
  private static final List<String> CONTROL_PLANE_TAINTS =
      List.of("node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master");
  static final String NAD_CRD = "network-attachment-definitions.k8s.cni.cncf.io";
  static final String IPAM_FORMAT = "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{\"\\n\"}}{{end}}";
  static final String CONTAINERS_FORMAT =
      "{{range $id, $c := .Containers}}{{$c.Name}} {{$c.MacAddress}} {{$c.IPv4Address}}{{\"\\n\"}}{{end}}";
  private static final Pattern VERSION_LINE = Pattern.compile("(?m)^VERSION=\"?([^\"\\s]+)\"?");

  private final KindSettings settings;
  private final KubeOvnInstallProfile profile;
  private final ProcessRunner runner;
  private final Workspace workspace;
  private final Progress progress;
  private final KindResources created;
  private final KindTimeouts timeouts;

  KindClusterSetup(KindSettings settings, KindHost host, KindResources created) {
    this.settings = settings;
    this.profile = settings.profile();
    this.runner = host.processes();
    this.workspace = host.workspace();
    this.progress = host.progress();
    this.created = created;
    this.timeouts = settings.timeouts();
  }

  KindCluster run() {
    progress.step("Check prerequisites: docker daemon, kind, kubectl"
        + (settings.installMethod() == InstallMethod.HELM ? ", helm" : ""));
    ToolVersions tools = KindPrerequisites.check(runner, settings);
    LOG.info("docker {}, kind v{}, kubectl v{}{}", tools.docker(), tools.kind(), tools.kubectl(),
        tools.helm().map(h -> ", helm v" + h).orElse(""));
    tools.warnings().forEach(w -> {
      LOG.warn(w);
      progress.note("warning: " + w);
    });

    progress.step((settings.reuse() ? "Reuse kind cluster " + settings.clusterName() + " if it exists ("
        + KindSettings.REUSE + "=true), else create it: " : "Create kind cluster " + settings.clusterName() + ": ")
        + "1 control plane + " + profile.workers() + " workers, " + profile.kindNodeImage()
        + ", no default CNI (takes a few minutes)");
    boolean reused = clusterExists();
    if (reused) {
      reuseCluster();
    } else {
      createCluster();
    }
    if (settings.loadImages()) {
      loadImages(tools);
    }
    untaintControlPlane();
    if (reused && kubeOvnInstalled()) {
      progress.step("Kube-OVN " + profile.version() + " is already installed in reused cluster "
          + settings.clusterName() + "; not installing");
    } else if (settings.installMethod() == InstallMethod.HELM) {
      installWithHelm();
    } else {
      installWithScript();
    }
    verifyKubeOvn();
    if (reused && multusInstalled()) {
      progress.step("multus is already installed in reused cluster " + settings.clusterName());
    } else {
      installMultus();
    }
    progress.step("Create external docker network " + settings.networkName() + " and attach every node to it");
    List<String> nodes = nodes();
    NetworkFacts network = attachExternalNetwork(nodes);
    String nic = discoverInterface(nodes, network);
    List<String> workers = nodes.stream().filter(n -> n.startsWith(settings.clusterName() + "-worker")).toList();
    ExternalNetwork external = new ExternalNetwork(KubeOvn.DEFAULT_EXTERNAL_NETWORK, NAMESPACE, network.cidr(),
        network.gateway(), network.takenAddresses());
    return new KindCluster(settings.clusterName(), settings.controlPlaneNode(), workers, nodes, external, nic, tools,
        reused);
  }

  // ---- cluster ---------------------------------------------------------------------------------------

  private boolean clusterExists() {
    ProcessResult clusters = runner.runChecked(ProcessRequest.of("kind", "get", "clusters")
        .purpose("list kind clusters").timeout(timeouts.toolCheck()));
    boolean exists = clusters.stdout().lines().map(String::strip).anyMatch(settings.clusterName()::equals);
    if (exists && !settings.reuse()) {
      throw new TargetUnavailableException("kind cluster " + settings.clusterName() + " already exists and "
          + KindSettings.REUSE + " is not set: pass -D" + KindSettings.REUSE + "=true to use it, or remove it with"
          + " `kind delete cluster --name " + settings.clusterName() + "`");
    }
    return exists;
  }

  private void reuseCluster() {
    progress.note("kind cluster " + settings.clusterName() + " exists: using it and keeping it afterwards");
    String kubeconfig = runner.runChecked(ProcessRequest.of("kind", "get", "kubeconfig", "--name",
        settings.clusterName()).purpose("read the kubeconfig of kind cluster " + settings.clusterName())
        .timeout(timeouts.toolCheck())).stdout();
    workspace.writePrivate(settings.kubeconfig(), kubeconfig);
  }

  private void createCluster() {
    Path config = settings.workspace().resolve("kind-config.yaml");
    workspace.write(config, KindClusterConfig.render(settings));
    created.clusterCreationStarted();
    // no --wait: nodes stay NotReady until Kube-OVN is the CNI, and kind would only warn after the wait
    runner.runChecked(ProcessRequest.of("kind", "create", "cluster", "--name", settings.clusterName(),
            "--config", config.toString(), "--kubeconfig", settings.kubeconfig().toString())
        .purpose("create kind cluster " + settings.clusterName()).timeout(timeouts.createCluster()).streamingOutput());

    progress.step("Remove kind's default storage, as upstream's kind-create does");
    kubectl("delete the standard StorageClass", timeouts.network(), "delete", "--ignore-not-found",
        "storageclass", "standard");
    kubectl("delete the local-path provisioner", timeouts.network(), "delete", "--ignore-not-found",
        "-n", "local-path-storage", "deployment", "local-path-provisioner");
  }

  // ---- images ----------------------------------------------------------------------------------------

  private void loadImages(ToolVersions tools) {
    progress.step("Load images into the kind nodes: " + String.join(", ", profile.images()));
    String platform = null;
    for (String image : profile.images()) {
      ProcessResult present = runner.run(ProcessRequest.of("docker", "image", "inspect", "--format", "{{.Id}}", image)
          .purpose("check whether " + image + " is present locally").timeout(timeouts.toolCheck()));
      if (!present.succeeded()) {
        runner.runChecked(ProcessRequest.of("docker", "pull", image).purpose("pull " + image)
            .timeout(timeouts.image()));
      }
      ProcessResult loaded = runner.run(ProcessRequest.of("kind", "load", "docker-image", "--name",
          settings.clusterName(), image).purpose("load " + image + " into the nodes").timeout(timeouts.image()));
      if (loaded.succeeded()) {
        continue;
      }
      // multi-arch images fail with the containerd image store (kubernetes-sigs/kind#3795): save one platform
      LOG.warn("kind load docker-image {} failed ({}); loading it as an image archive instead", image,
          loaded.stderr().strip());
      if (platform == null) {
        platform = runner.runChecked(ProcessRequest.of("docker", "version", "--format",
            "{{.Server.Os}}/{{.Server.Arch}}").purpose("read the Docker server platform")
            .timeout(timeouts.toolCheck())).stdout().strip();
      }
      Path archive = settings.workspace().resolve("images").resolve(image.replaceAll("[^A-Za-z0-9.-]", "_") + ".tar");
      workspace.createDirectories(archive.getParent());
      List<String> save = new ArrayList<>(List.of("docker", "save"));
      if (tools.dockerMajor() >= 28) {
        save.addAll(List.of("--platform", platform));
      }
      save.addAll(List.of("-o", archive.toString(), image));
      runner.runChecked(ProcessRequest.of(save).purpose("save " + image + " as an archive").timeout(timeouts.image()));
      runner.runChecked(ProcessRequest.of("kind", "load", "image-archive", archive.toString(), "--name",
          settings.clusterName()).purpose("load the archive of " + image + " into the nodes").timeout(timeouts.image()));
    }
  }

  // ---- Kube-OVN --------------------------------------------------------------------------------------

  private void untaintControlPlane() {
    progress.step("Untaint the control plane, as upstream's kind-install does");
    String node = settings.controlPlaneNode();
    String keys = kubectl("read the taints of " + node, timeouts.toolCheck(), "get", "node", node, "-o",
        "jsonpath={.spec.taints[*].key}").stdout();
    List<String> present = Arrays.asList(keys.strip().split("\\s+"));
    for (String taint : CONTROL_PLANE_TAINTS) {
      if (present.contains(taint)) {
        kubectl("remove taint " + taint + " from " + node, timeouts.toolCheck(), "taint", "node", node,
            taint + ":NoSchedule-");
      }
    }
  }

  private boolean kubeOvnInstalled() {
    ProcessResult image = kubectlRun("read the kube-ovn-controller image", timeouts.toolCheck(), "-n", NAMESPACE,
        "get", "deployment", "kube-ovn-controller", "-o", "jsonpath={.spec.template.spec.containers[0].image}");
    if (!image.succeeded()) {
      return false;
    }
    String running = image.stdout().strip();
    if (!running.endsWith(":" + profile.imageTag())) {
      throw new TargetUnavailableException("reused kind cluster " + settings.clusterName() + " runs " + running
          + " but Kube-OVN " + profile.version() + " (image tag " + profile.imageTag() + ") was requested: remove it"
          + " with `kind delete cluster --name " + settings.clusterName() + "` or choose another "
          + KindSettings.CLUSTER_NAME);
    }
    return true;
  }

  private void installWithScript() {
    Map<String, String> env = profile.installScriptEnv();
    progress.step("Install Kube-OVN " + profile.version() + " with install.sh at " + profile.ref() + " ("
        + String.join(" ", env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
        + "; up to " + Durations.text(timeouts.install()) + ")");
    Path directory = settings.workspace().resolve("kube-ovn");
    Path bin = settings.workspace().resolve("bin");
    Path script = directory.resolve("install.sh");
    TextPatch kubectlKo = TextPatch.replaceAll("install kubectl-ko into " + bin + " instead of /usr/local/bin",
        "/usr/local/bin/kubectl-ko", bin.resolve("kubectl-ko").toString());
    workspace.download(profile.installScriptUrl(), script,
        new TextPatch(kubectlKo.description(), text -> kubectlKo.change().apply(warnOnVersion(text))),
        timeouts.network());
    workspace.createDirectories(bin);
    ProcessRequest install = ProcessRequest.of("bash", script.getFileName().toString()).in(directory)
        .env("KUBECONFIG", settings.kubeconfig().toString()).prependPath(bin)
        .purpose("install Kube-OVN " + profile.version() + " with install.sh").timeout(timeouts.install())
        .streamingOutput();
    for (Map.Entry<String, String> variable : env.entrySet()) {
      install = install.env(variable.getKey(), variable.getValue());
    }
    runner.runChecked(install);
  }

  private String warnOnVersion(String script) {
    Matcher version = VERSION_LINE.matcher(script);
    if (version.find() && !version.group(1).equals(profile.imageTag())) {
      LOG.warn("install.sh at {} deploys images tagged {}, but {} were loaded; nodes will pull the script's tag",
          profile.ref(), version.group(1), profile.imageTag());
    }
    return script;
  }

  private void installWithHelm() {
    HelmChart chart = settings.helmChart();
    progress.step("Install Kube-OVN " + profile.version() + " with helm chart " + chart.name() + " ("
        + chart.natGatewayKey() + "=true, " + chart.cniPriorityKey() + "=10; up to "
        + Durations.text(timeouts.install()) + ")");
    // the charts find the OVN database nodes by this label; install.sh sets it itself, helm does not
    kubectl("label the control plane kube-ovn/role=master", timeouts.toolCheck(), "label", "node", "-l",
        "node-role.kubernetes.io/control-plane", "kube-ovn/role=master", "--overwrite");
    String priority = profile.installScriptEnv().getOrDefault("CNI_CONFIG_PRIORITY", "10");
    Path helmHome = settings.workspace().resolve("helm");
    runner.runChecked(ProcessRequest.of("helm", "install", "kube-ovn", chart.name(),
            "--repo", profile.helmRepository().toString(), "--version", profile.version(),
            "--namespace", NAMESPACE, "--kubeconfig", settings.kubeconfig().toString(),
            "--wait", "--timeout", Math.max(1, timeouts.install().toMinutes()) + "m",
            "--set", chart.natGatewayKey() + "=true", "--set-string", chart.cniPriorityKey() + "=" + priority,
            "--set", chart.imageTagKey() + "=" + profile.imageTag())
        .env("HELM_CACHE_HOME", helmHome.resolve("cache").toString())
        .env("HELM_CONFIG_HOME", helmHome.resolve("config").toString())
        .env("HELM_DATA_HOME", helmHome.resolve("data").toString())
        .purpose("install Kube-OVN " + profile.version() + " with helm")
        .timeout(timeouts.install().plusMinutes(1)).streamingOutput());
  }

  private void verifyKubeOvn() {
    progress.step("Wait for Kube-OVN to be ready and check the NAT gateway ConfigMaps");
    String limit = KindTimeouts.kubectl(timeouts.rollout());
    for (String workload : List.of("deployment/ovn-central", "daemonset/ovs-ovn", "deployment/kube-ovn-controller",
        "daemonset/kube-ovn-cni")) {
      kubectl("rollout of " + workload, timeouts.rollout().plusSeconds(30), "-n", NAMESPACE, "rollout", "status",
          workload, "--timeout=" + limit);
    }
    kubectl("all nodes Ready", timeouts.rollout().plusSeconds(30), "wait", "node", "--all",
        "--for=condition=Ready", "--timeout=" + limit);
    String enabled = kubectl("read " + KubeOvn.NAT_GW_CONFIG_MAP, timeouts.toolCheck(), "-n", NAMESPACE, "get",
        "configmap", KubeOvn.NAT_GW_CONFIG_MAP, "-o", "jsonpath={.data." + KubeOvn.NAT_GW_ENABLED_KEY + "}")
        .stdout().strip();
    if (!enabled.equals("true")) {
      throw new TargetUnavailableException("Kube-OVN was installed with the NAT gateway off: ConfigMap "
          + NAMESPACE + "/" + KubeOvn.NAT_GW_CONFIG_MAP + " has " + KubeOvn.NAT_GW_ENABLED_KEY + "='" + enabled
          + "', expected 'true' (ENABLE_NAT_GW=true)");
    }
    String image = kubectl("read the gateway image", timeouts.toolCheck(), "-n", NAMESPACE, "get", "configmap",
        KubeOvn.NAT_CONFIG_MAP, "-o", "jsonpath={.data.image}").stdout().strip();
    LOG.info("NAT gateway enabled, gateway image {}", image.isEmpty() ? "(not set)" : image);
  }

  // ---- multus ----------------------------------------------------------------------------------------

  private boolean multusInstalled() {
    return kubectlRun("look for multus", timeouts.toolCheck(), "-n", NAMESPACE, "get", "daemonset",
        "kube-multus-ds", "-o", "name").succeeded();
  }

  private void installMultus() {
    progress.step("Install multus thick " + profile.multusVersion()
        + " (provides NetworkAttachmentDefinitions and the gateway's net1)");
    Path manifest = settings.workspace().resolve("multus-daemonset-thick.yml");
    workspace.download(profile.multusManifestUrl(), manifest, TextPatch.replaceAll(
        "pin image :snapshot-thick to :" + profile.multusVersion() + "-thick", ":snapshot-thick",
        ":" + profile.multusVersion() + "-thick"), timeouts.network());
    kubectl("apply the multus manifest", timeouts.rollout(), "apply", "-f", manifest.toString());
    if (!profile.multusResourceLimits().isEmpty()) {
      kubectl("raise the kube-multus limits", timeouts.toolCheck(), "-n", NAMESPACE, "set", "resources",
          "daemonset/kube-multus-ds", "-c", "kube-multus", "--limits=" + profile.multusResourceLimits());
    }
    kubectl("rollout of daemonset/kube-multus-ds", timeouts.rollout().plusSeconds(30), "-n", NAMESPACE, "rollout",
        "status", "daemonset/kube-multus-ds", "--timeout=" + KindTimeouts.kubectl(timeouts.rollout()));
    kubectl("CRD " + NAD_CRD + " established", timeouts.network().plusSeconds(30), "wait",
        "--for=condition=Established", "crd/" + NAD_CRD, "--timeout=" + KindTimeouts.kubectl(timeouts.network()));
  }

  // ---- external docker network -----------------------------------------------------------------------

  private List<String> nodes() {
    String out = runner.runChecked(ProcessRequest.of("kind", "get", "nodes", "--name", settings.clusterName())
        .purpose("list the nodes of " + settings.clusterName()).timeout(timeouts.toolCheck())).stdout();
    List<String> nodes = new ArrayList<>(out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList());
    nodes.sort(Comparator.comparing(KindClusterSetup::nodeOrder));
    return nodes;
  }

  /** control-plane first, then worker, worker2, … */
  private static String nodeOrder(String node) {
    Matcher worker = Pattern.compile("-worker(\\d*)$").matcher(node);
    if (worker.find()) {
      int index = worker.group(1).isEmpty() ? 1 : Integer.parseInt(worker.group(1));
      return String.format("1-%05d", index);
    }
    return "0-" + node;
  }

  private NetworkFacts attachExternalNetwork(List<String> nodes) {
    String network = settings.networkName();
    ProcessResult existing = runner.run(ProcessRequest.of("docker", "network", "inspect", "--format", "{{.Name}}",
        network).purpose("look for docker network " + network).timeout(timeouts.toolCheck()));
    if (existing.succeeded()) {
      progress.note("docker network " + network + " exists; using it");
    } else {
      if (!settings.reuse()) {
        created.networkCreationStarted();
      }
      runner.runChecked(ProcessRequest.of("docker", "network", "create", "--driver", "bridge", "--attachable",
              "--label", KindSettings.MANAGED_LABEL + "=true", "--label", KindSettings.RUN_LABEL + "=" + settings.runId(),
              "-o", "com.docker.network.bridge.enable_ip_masquerade=true",
              "-o", "com.docker.network.driver.mtu=1500", network)
          .purpose("create docker network " + network).timeout(timeouts.network()));
    }
    for (String node : nodes) {
      connect(network, node);
    }
    String ipam = runner.runChecked(ProcessRequest.of("docker", "network", "inspect", "--format", IPAM_FORMAT, network)
        .purpose("read the subnet of " + network).timeout(timeouts.toolCheck())).stdout();
    String containers = runner.runChecked(ProcessRequest.of("docker", "network", "inspect", "--format",
        CONTAINERS_FORMAT, network).purpose("read the containers on " + network).timeout(timeouts.toolCheck())).stdout();
    return NetworkFacts.parse(network, ipam, containers);
  }

  private void connect(String network, String node) {
    ProcessRequest request = ProcessRequest.of("docker", "network", "connect", network, node)
        .purpose("attach node " + node + " to " + network).timeout(timeouts.toolCheck());
    AtomicReference<ProcessResult> last = new AtomicReference<>();
    try {
      await("attach " + node).atMost(timeouts.network()).pollDelay(Duration.ZERO).pollInterval(timeouts.pollInterval())
          .until(() -> {
            ProcessResult result = runner.run(request);
            last.set(result);
            if (result.succeeded() || result.stderr().contains("already exists in network")) {
              return true;
            }
            // docker sometimes races the previous network's routes; upstream's e2e retries the same way
            if (result.stderr().contains("conflicts with existing route")) {
              return false;
            }
            throw new CommandFailedException(request, result);
          });
    } catch (ConditionTimeoutException e) {
      throw new TargetUnavailableException("could not attach node " + node + " to docker network " + network
          + " within " + Durations.text(timeouts.network()) + ": " + last.get().stderr().strip());
    }
  }

  private String discoverInterface(List<String> nodes, NetworkFacts network) {
    progress.step("Find the NIC each node has on " + network.name() + " (by the MAC docker assigned)");
    Map<String, String> interfaces = new LinkedHashMap<>();
    for (String node : nodes) {
      String mac = Optional.ofNullable(network.macByContainer().get(node)).orElseThrow(() ->
          new TargetUnavailableException("node " + node + " is not attached to docker network " + network.name()
              + "; containers there: " + network.macByContainer().keySet()));
      AtomicReference<String> seen = new AtomicReference<>("nothing yet");
      try {
        String ifname = await("NIC of " + node).atMost(timeouts.nicDiscovery()).pollDelay(Duration.ZERO)
            .pollInterval(timeouts.pollInterval()).until(() -> {
              String json = runner.runChecked(ProcessRequest.of("docker", "exec", node, "ip", "-j", "address", "show")
                  .purpose("list the interfaces of node " + node).timeout(timeouts.toolCheck())).stdout();
              seen.set(json.strip());
              return interfaceWithMac(json, mac);
            }, Optional::isPresent).orElseThrow();
        interfaces.put(node, ifname);
      } catch (ConditionTimeoutException e) {
        throw new TargetUnavailableException("node " + node + " shows no interface with MAC " + mac
            + " (its address on docker network " + network.name() + ") after "
            + Durations.text(timeouts.nicDiscovery()) + "; `ip -j address show` printed: " + abbreviate(seen.get()));
      }
    }
    List<String> names = interfaces.values().stream().distinct().toList();
    if (names.size() != 1) {
      throw new TargetUnavailableException("nodes see docker network " + network.name()
          + " on different NICs " + interfaces + "; one NAD needs one name");
    }
    progress.note("every node has " + network.name() + " as " + names.get(0) + "; subnet " + network.cidr()
        + " gateway " + network.gateway() + "; taken " + network.takenAddresses());
    return names.get(0);
  }

  static Optional<String> interfaceWithMac(String ipJson, String mac) {
    try {
      for (JsonNode link : JsonMapper.builder().build().readTree(ipJson)) {
        if (link.path("address").asString("").equalsIgnoreCase(mac)) {
          return Optional.of(link.path("ifname").asString());
        }
      }
    } catch (JacksonException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static String abbreviate(String text) {
    return text.length() > 400 ? text.substring(0, 400) + "…" : text;
  }

  // ---- kubectl ---------------------------------------------------------------------------------------

  private ProcessResult kubectl(String purpose, Duration timeout, String... args) {
    return runner.runChecked(kubectlRequest(purpose, timeout, args));
  }

  private ProcessResult kubectlRun(String purpose, Duration timeout, String... args) {
    return runner.run(kubectlRequest(purpose, timeout, args));
  }

  private ProcessRequest kubectlRequest(String purpose, Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", settings.kubeconfig().toString()));
    command.addAll(List.of(args));
    return ProcessRequest.of(command).purpose(purpose).timeout(timeout);
  }

  /** The docker network as {@code docker network inspect} showed it. */
  record NetworkFacts(String name, String cidr, String gateway, Map<String, String> macByContainer,
      List<String> takenAddresses) {

    static NetworkFacts parse(String name, String ipamLines, String containerLines) {
      String cidr = null;
      String gateway = null;
      for (String line : ipamLines.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
        String[] parts = line.split("\\s+");
        if (parts[0].contains(".") && parts[0].contains("/")) {
          cidr = Ipv4.canonicalCidr(parts[0]);
          gateway = parts.length > 1 && !parts[1].isBlank() ? parts[1] : null;
          break;
        }
      }
      if (cidr == null) {
        throw new TargetUnavailableException("docker network " + name + " has no IPv4 subnet: "
            + ipamLines.strip());
      }
      if (gateway == null) {
        // docker leaves Gateway empty on some versions; the bridge takes the first address
        gateway = Ipv4.toText(Ipv4.toInt(Ipv4.address(cidr)) + 1);
      }
      Map<String, String> macs = new LinkedHashMap<>();
      List<String> taken = new ArrayList<>();
      for (String line : containerLines.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
        String[] parts = line.split("\\s+");
        if (parts.length >= 2) {
          macs.put(parts[0], parts[1]);
        }
        if (parts.length >= 3 && !parts[2].isBlank()) {
          taken.add(Ipv4.address(parts[2]));
        }
      }
      taken.sort(Comparator.comparingLong(ip -> Integer.toUnsignedLong(Ipv4.toInt(ip))));
      return new NetworkFacts(name, cidr, gateway, macs, taken);
    }
  }
}

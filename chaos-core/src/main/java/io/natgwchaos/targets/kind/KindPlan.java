package io.natgwchaos.targets.kind;

import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.targets.ExternalNetwork;
import io.natgwchaos.targets.ShutdownHooks;
import io.natgwchaos.targets.TargetSettings;
import io.natgwchaos.targets.TopologyPlan;
import io.natgwchaos.targets.TopologySpec;
import io.natgwchaos.targets.TopologyTimeouts;
import io.natgwchaos.targets.process.Durations;
import io.natgwchaos.targets.process.PlanProcessRunner;
import io.natgwchaos.targets.process.ProcessResult;
import io.natgwchaos.targets.process.RecordingProcessRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Plan mode ({@code -Dchaos.plan=true}): the numbered steps and exact commands the kind target would run
 * for a run id, produced by the target's own code with a printing process runner, without Docker. The
 * output depends only on the settings, so the same run id gives the same plan.
 */
public final class KindPlan {
  /** Placeholder network for run-time discoveries: TEST-NET-1 (RFC 5737), never a real docker subnet. */
  static final String PLACEHOLDER_PREFIX = "192.0.2.";

  private KindPlan() {}

  /** Prints the plan for {@code chaos.*} / {@code kubeovn.*} system properties, overridden by {@code key=value} arguments. */
  public static void main(String[] args) {
    Map<String, String> properties = new TreeMap<>(TargetSettings.fromSystemProperties().asMap());
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (equals > 0) {
        properties.put(arg.substring(0, equals), arg.substring(equals + 1));
      }
    }
    TargetSettings settings = new TargetSettings(properties);
    System.out.print(render(KindSettings.from(settings, Clock.systemUTC()), settings));
  }

  public static String render(KindSettings settings, TargetSettings properties) {
    KubeOvnInstallProfile profile = settings.profile();
    PlanPrinter printer = new PlanPrinter();
    printer.header("natgw-chaos plan: kind target, run " + settings.runId() + ", Kube-OVN " + profile.version()
        + " (line " + profile.line() + "), installed with " + settings.installMethod().propertyValue()
        + (settings.helmChart() == null ? "" : " chart " + settings.helmChart().name()));
    printer.header("cluster " + settings.clusterName() + ", docker network " + settings.networkName()
        + ", workspace " + settings.workspace());
    printer.header("Nothing was run. Assumed answers of a fresh run: no cluster of that name, images not pulled yet,");
    printer.header("docker network facts (subnet, node MACs and addresses, NIC) shown as " + PLACEHOLDER_PREFIX
        + "0/24 placeholders.");
    printer.header("Fallbacks that run only when a command fails (image archives, attach retries) are not listed.");
    KindHost host = new KindHost(new PlanProcessRunner(printer::command, freshRunAnswers(settings)),
        new PlanWorkspace(settings.workspace(), printer), printer, NO_HOOKS, kubeconfig -> {
          throw new IllegalStateException("plan mode makes no API client");
        });
    KindResources created = new KindResources();
    KindCluster cluster = new KindClusterSetup(settings, host, created).run();

    ExternalNetwork network = cluster.externalNetwork();
    printer.step(KindTarget.externalNetworkStep(network, cluster.externalInterface()));
    printer.note("create:\n" + indent(ExternalNetworkManifests.nadYaml(network, cluster.externalInterface())));
    printer.note("create:\n" + indent(ExternalNetworkManifests.subnetYaml(network)));
    printer.note("wait <= " + Durations.text(settings.timeouts().resourceReady()) + ": Subnet " + network.name()
        + " condition Ready=True");

    TopologySpec topology = TopologySpec.fromSettings(properties, cluster.workers());
    TopologyTimeouts timeouts = TopologyTimeouts.from(properties);
    for (TopologyPlan.Step step : TopologyPlan.provisioning(topology, network, KubeOvn.CONTROLLER_NAMESPACE, timeouts)) {
      printer.step(step.title());
      step.lines().forEach(printer::note);
    }
    for (TopologyPlan.Step step : TopologyPlan.teardown(topology, KubeOvn.CONTROLLER_NAMESPACE, timeouts)) {
      printer.step(step.title());
      step.lines().forEach(printer::note);
    }
    KindTeardown.run(settings, host.processes(), printer, created, true, Optional.empty());
    return printer.text();
  }

  /**
   * What a fresh run on a working machine would answer, so the target's logic takes its normal path:
   * tool versions of upstream CI, no cluster yet, images to pull, placeholder network facts.
   */
  public static RecordingProcessRunner freshRunAnswers(KindSettings settings) {
    KubeOvnInstallProfile profile = settings.profile();
    String kubeconfig = settings.kubeconfig().toString();
    RecordingProcessRunner answers = new RecordingProcessRunner()
        .on(KindPrerequisites.DOCKER_VERSION.toArray(String[]::new)).reply("28.0.4\n")
        .on("kind", "version").reply("kind " + profile.kindVersion() + " go1.24.2 linux/amd64\n")
        .on("kubectl", "version").reply("{\"clientVersion\":{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"v1.33.2\"}}\n")
        .on("helm", "version").reply("v3.16.4\n")
        .on("kind", "get", "clusters").answer(r -> new ProcessResult(0, "", "No kind clusters found.\n",
            Duration.ZERO))
        .on("docker", "image", "inspect").fail(1, "Error response from daemon: No such image\n")
        .on("kubectl", "--kubeconfig", kubeconfig, "get", "node").reply("node-role.kubernetes.io/control-plane\n")
        .on("kubectl", "--kubeconfig", kubeconfig, "-n", KubeOvn.CONTROLLER_NAMESPACE, "get", "configmap",
            KubeOvn.NAT_GW_CONFIG_MAP).reply("true")
        .on("kubectl", "--kubeconfig", kubeconfig, "-n", KubeOvn.CONTROLLER_NAMESPACE, "get", "configmap",
            KubeOvn.NAT_CONFIG_MAP).reply(profile.natGatewayImage())
        .on("docker", "network", "inspect", "--format", "{{.Name}}").fail(1,
            "Error response from daemon: network " + settings.networkName() + " not found\n")
        .on("docker", "network", "inspect", "--format", KindClusterSetup.IPAM_FORMAT)
        .reply(PLACEHOLDER_PREFIX + "0/24 " + PLACEHOLDER_PREFIX + "1\n");
    List<String> nodes = nodes(settings);
    answers.on("kind", "get", "nodes").reply(String.join("\n", nodes) + "\n");
    StringBuilder containers = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      String mac = placeholderMac(i);
      containers.append(nodes.get(i)).append(' ').append(mac).append(' ').append(PLACEHOLDER_PREFIX).append(i + 2)
          .append("/24\n");
      answers.on("docker", "exec", nodes.get(i), "ip").reply("[{\"ifindex\":1,\"ifname\":\"lo\",\"address\":"
          + "\"00:00:00:00:00:00\"},{\"ifindex\":2,\"ifname\":\"eth0\",\"address\":\"02:42:ac:12:00:0" + (i + 2)
          + "\"},{\"ifindex\":3,\"ifname\":\"eth1\",\"address\":\"" + mac + "\"}]");
    }
    answers.on("docker", "network", "inspect", "--format", KindClusterSetup.CONTAINERS_FORMAT).reply(containers.toString());
    return answers;
  }

  /** Node names a fresh cluster gets from kind: control plane first, then the workers. */
  static List<String> nodes(KindSettings settings) {
    List<String> nodes = new ArrayList<>(List.of(settings.controlPlaneNode()));
    nodes.addAll(KindClusterConfig.workerNodes(settings));
    return nodes;
  }

  static String placeholderMac(int index) {
    return String.format("02:42:c0:00:02:%02x", index + 2);
  }

  private static String indent(String yaml) {
    StringBuilder out = new StringBuilder();
    for (String line : yaml.strip().split("\n")) {
      if (!line.startsWith("#")) {
        out.append(out.length() == 0 ? "" : "\n").append("    | ").append(line);
      }
    }
    return out.toString();
  }

  private static final ShutdownHooks NO_HOOKS = new ShutdownHooks() {
    @Override
    public void register(Thread hook) {}

    @Override
    public boolean remove(Thread hook) {
      return false;
    }
  };
}

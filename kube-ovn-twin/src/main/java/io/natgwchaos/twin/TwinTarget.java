package io.natgwchaos.twin;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.natgwchaos.gateway.KubernetesPodExecutor;
import io.natgwchaos.gateway.PodExecutor;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.NetworkAttachmentDefinition;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.kubeovn.Vpc;
import io.natgwchaos.kubeovn.VpcNatGateway;
import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.ExternalNetwork;
import io.natgwchaos.targets.TargetCapability;
import io.natgwchaos.twin.cluster.ClusterSpec;
import io.natgwchaos.twin.cluster.ControllerFactory;
import io.natgwchaos.twin.cluster.EventLog;
import io.natgwchaos.twin.cluster.KubeOvnControllerWorkload;
import io.natgwchaos.twin.cluster.TwinCluster;
import io.natgwchaos.twin.gateway.GatewayExecHandler;
import io.natgwchaos.twin.gateway.GatewayPod;
import io.natgwchaos.twin.gateway.GatewayPods;
import io.natgwchaos.twin.gateway.GatewayWorkload;
import io.natgwchaos.twin.gateway.NatGatewayScript;
import io.natgwchaos.twin.gateway.StepCosts;
import io.natgwchaos.twin.profile.Switch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded target: a twin cluster (API server, nodes, scheduler, controllers, kubelet, gateway pods'
 * dataplanes) with Kube-OVN's NAT gateway installed as on kind, and the modelled kube-ovn-controller
 * running in its pod. Open with {@link #open}; every thread it starts is a daemon and ends on
 * {@link #close()}.
 */
public final class TwinTarget implements ChaosTarget {
  public static final String NAME = "twin";
  private static final Logger LOG = LoggerFactory.getLogger(TwinTarget.class);
  private static final Duration CONTROLLER_START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration MINIMUM_GRACE = Duration.ofSeconds(1);

  private final TwinSettings settings;
  private final TwinCluster cluster;
  private final GatewayPods gatewayPods;
  private final KubeOvnControllerWorkload controller;
  private final KubernetesClient client;
  private final PodExecutor executor;
  private final Duration openTime;
  private volatile boolean closed;

  private TwinTarget(TwinSettings settings, ControllerFactory factory) {
    long start = System.nanoTime();
    this.settings = settings;
    ClusterSpec spec = ClusterSpec.kind(settings.timeScale(), settings.seed());
    this.gatewayPods = new GatewayPods(spec.clock());
    KubeOvnControllerWorkload[] controllerWorkload = new KubeOvnControllerWorkload[1];
    this.cluster = TwinCluster.start(spec, context -> {
      NatGatewayScript script = new NatGatewayScript(settings.profile(), settings.timeScale(), StepCosts.upstream(),
          gatewayPods);
      GatewayExecHandler handler = new GatewayExecHandler(script, settings.timeScale(), StepCosts.upstream());
      controllerWorkload[0] = new KubeOvnControllerWorkload(context.api(), factory, settings.profile(),
          settings.timeScale(), context.spec().clock(), context.spec().timings().controllerStartup(), KubeOvnInstallation.SERVICE_CIDR,
          context.events(), context.timer());
      return List.of(new GatewayWorkload(gatewayPods, handler, settings.iptables(), context.kubeletClient(),
          context.events()), controllerWorkload[0]);
    }, admin -> KubeOvnInstallation.install(admin, KubeOvnInstallation.EXTERNAL_NETWORK, settings.profile().name()));
    this.controller = controllerWorkload[0];
    try {
      this.client = cluster.api().newClient("experiments");
      this.executor = new KubernetesPodExecutor(client);
      if (!controller.awaitInstance(1, CONTROLLER_START_TIMEOUT)) {
        throw new IllegalStateException("the modelled kube-ovn-controller did not start within "
            + CONTROLLER_START_TIMEOUT.toSeconds() + " s; twin events: " + cluster.events().entries());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while the twin started", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.openTime = Duration.ofNanos(System.nanoTime() - start);
    cluster.events().record("twin", "open done");
    LOG.info("twin target open in {} ms: Kube-OVN profile {}, time scale {}, iptables {}, API server {}",
        openTime.toMillis(), settings.profile().name(), settings.timeScale().factor(), settings.iptables(),
        cluster.api().url());
  }

  /** Every modelled kube-ovn-controller process's log (errors and requeues), oldest first. */
  public List<String> controllerLog() {
    return controller.controllerLog();
  }

  /** Upstream delays are multiplied by this factor on the twin. */
  @Override
  public double timeScale() {
    return settings.timeScale().factor();
  }

  /** Snapshots every 50 ms: an upstream second at the default time scale. */
  @Override
  public Duration snapshotInterval() {
    return settings.snapshotInterval();
  }

  /** One real second: the mock API server's watch latency and an exec's cost do not scale with the twin's clock. */
  @Override
  public Duration minimumGrace() {
    return MINIMUM_GRACE;
  }

  /** Starts a twin running the controller model. */
  public static TwinTarget open(TwinSettings settings) {
    return open(settings, ControllerFactory.natGwController());
  }

  /** Starts a twin whose kube-ovn-controller pod runs processes from {@code factory}. */
  public static TwinTarget open(TwinSettings settings, ControllerFactory factory) {
    return new TwinTarget(settings, factory);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String kubeOvnVersion() {
    return settings.profile().name();
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public PodExecutor podExecutor() {
    return executor;
  }

  @Override
  public ExternalNetwork externalNetwork() {
    return KubeOvnInstallation.EXTERNAL_NETWORK;
  }

  @Override
  public List<String> gatewayNodes() {
    return cluster.gatewayNodes();
  }

  @Override
  public Set<TargetCapability> capabilities() {
    return EnumSet.of(TargetCapability.RESTART_CONTAINER_IN_PLACE, TargetCapability.DESTRUCTIVE_FAULTS);
  }

  /**
   * Kills the container in place and returns once it is dead; the kubelet starts it again after the
   * (scaled) restart delay in the same pod, restart count + 1. A gateway container comes back in a fresh
   * sandbox: net1 has only its own address and the tables are empty (kube-ovn#5029).
   */
  @Override
  public void restartContainer(String namespace, String pod, String container) {
    cluster.restartContainer(namespace, pod, container);
  }

  /** Another client for an experiment component (workload, probe, recorder). */
  public KubernetesClient newClient(String component) {
    return cluster.api().newClient(component);
  }

  public TwinSettings settings() {
    return settings;
  }

  /** The gateway containers running now, with their dataplanes. */
  public GatewayPods gatewayPods() {
    return gatewayPods;
  }

  /** The kube-ovn-controller container: which controller instance runs. */
  public KubeOvnControllerWorkload controller() {
    return controller;
  }

  public EventLog events() {
    return cluster.events();
  }

  public TwinCluster cluster() {
    return cluster;
  }

  /** How long {@link #open} took. */
  public Duration openTime() {
    return openTime;
  }

  @Override
  public void collectDiagnostics(Path directory) {
    try {
      Files.createDirectories(directory);
      KubernetesClient admin = cluster.api().adminClient();
      dump(directory, "vpc-nat-gateways.yaml", () -> admin.resources(VpcNatGateway.class).list().getItems());
      dump(directory, "iptables-eips.yaml", () -> admin.resources(IptablesEip.class).list().getItems());
      dump(directory, "iptables-fip-rules.yaml", () -> admin.resources(IptablesFipRule.class).list().getItems());
      dump(directory, "iptables-snat-rules.yaml", () -> admin.resources(IptablesSnatRule.class).list().getItems());
      dump(directory, "iptables-dnat-rules.yaml", () -> admin.resources(IptablesDnatRule.class).list().getItems());
      dump(directory, "vpcs.yaml", () -> admin.resources(Vpc.class).list().getItems());
      dump(directory, "subnets.yaml", () -> admin.resources(Subnet.class).list().getItems());
      dump(directory, "network-attachment-definitions.yaml",
          () -> admin.resources(NetworkAttachmentDefinition.class).inAnyNamespace().list().getItems());
      dump(directory, "pods.yaml", () -> admin.pods().inAnyNamespace().list().getItems());
      dump(directory, "statefulsets.yaml", () -> admin.apps().statefulSets().inAnyNamespace().list().getItems());
      dump(directory, "deployments.yaml", () -> admin.apps().deployments().inAnyNamespace().list().getItems());
      dump(directory, "nodes.yaml", () -> admin.nodes().list().getItems());
      dump(directory, "configmaps-kube-system.yaml",
          () -> admin.configMaps().inNamespace(KubeOvn.CONTROLLER_NAMESPACE).list().getItems());
      Files.writeString(directory.resolve("kube-ovn-controller.log"),
          String.join("\n", controller.controllerLog()) + "\n", StandardCharsets.UTF_8);
      Files.writeString(directory.resolve("kube-ovn-controller-state.txt"), controller.controllerState(),
          StandardCharsets.UTF_8);
      Files.writeString(directory.resolve("threads.txt"), threadDump(), StandardCharsets.UTF_8);
      Files.writeString(directory.resolve("twin-events.log"), cluster.events().entries().stream()
          .map(EventLog.Entry::toString).collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
      Path gateways = Files.createDirectories(directory.resolve("gateways"));
      for (GatewayPod pod : gatewayPods.all()) {
        Files.writeString(gateways.resolve(pod.namespace() + "_" + pod.name() + "_" + pod.uid() + ".txt"),
            pod.netns().describe(), StandardCharsets.UTF_8);
      }
      Files.writeString(directory.resolve("environment.txt"), environment().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("writing twin diagnostics to " + directory + " failed", e);
    }
  }

  /** Every thread of the JVM (twins of other versions included) with its stack, by name. */
  private static String threadDump() {
    StringBuilder text = new StringBuilder();
    Thread.getAllStackTraces().entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.comparing(Thread::getName)))
        .forEach(e -> {
          text.append('"').append(e.getKey().getName()).append("\" ").append(e.getKey().getState()).append('\n');
          for (StackTraceElement frame : e.getValue()) {
            text.append("    at ").append(frame).append('\n');
          }
        });
    return text.toString();
  }

  private void dump(Path directory, String file, Supplier<List<? extends HasMetadata>> objects) throws IOException {
    String text;
    try {
      text = cluster.api().adminClient().getKubernetesSerialization().asYaml(objects.get());
    } catch (KubernetesClientException e) {
      text = "# listing failed: " + e.getMessage() + "\n";
    }
    Files.writeString(directory.resolve(file), text, StandardCharsets.UTF_8);
  }

  @Override
  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("target", NAME);
    environment.put("kubeovn.version", settings.profile().name());
    environment.put("twin.profile.switches", settings.profile().switches().stream().map(Switch::name).sorted()
        .collect(Collectors.joining(",")));
    environment.put("twin.profile.redoStamp", settings.profile().redoStamp().name());
    environment.put(TwinSettings.TIME_SCALE, Double.toString(settings.timeScale().factor()));
    environment.put(TwinSettings.IPTABLES, settings.iptables().name().toLowerCase(java.util.Locale.ROOT));
    environment.put(TwinSettings.SEED, Long.toString(settings.seed()));
    environment.put("twin.apiServer", cluster.api().url());
    environment.put("twin.nodes", String.join(",", cluster.nodeNames()));
    environment.put("twin.openMillis", Long.toString(openTime == null ? -1 : openTime.toMillis()));
    return environment;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Stops the controller, the simulator and the API server; safe to call twice. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    cluster.close();
  }
}

package io.natgwchaos.targets.kind;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.natgwchaos.gateway.KubernetesPodExecutor;
import io.natgwchaos.gateway.PodExecutor;
import io.natgwchaos.kubeovn.Condition;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.NetworkAttachmentDefinition;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.ClusterDiagnostics;
import io.natgwchaos.targets.ExternalNetwork;
import io.natgwchaos.targets.NodeControl;
import io.natgwchaos.targets.TargetCapability;
import io.natgwchaos.targets.TargetUnavailableException;
import io.natgwchaos.targets.process.Durations;
import io.natgwchaos.targets.process.ProcessRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kind cluster this run created (or reused) with Kube-OVN, the NAT gateway feature, multus and an
 * external docker network with its NAD and Subnet. Closing it, or the JVM exiting first, removes the
 * cluster and the network unless they are to be kept.
 */
public final class KindTarget implements ChaosTarget {
  private static final Logger LOG = LoggerFactory.getLogger(KindTarget.class);

  private final KindSettings settings;
  private final KindHost host;
  private final KindResources created = new KindResources();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicReference<String> failure = new AtomicReference<>();
  private final Thread shutdownHook;
  private volatile KindCluster cluster;
  private volatile KubernetesClient client;

  private KindTarget(KindSettings settings, KindHost host) {
    this.settings = settings;
    this.host = host;
    this.shutdownHook = new Thread(() -> close("the JVM is shutting down"),
        "natgw-chaos-kind-teardown-" + settings.runId());
  }

  /**
   * Brings the cluster up. If that fails, what was created is torn down (or kept, per the keep flags)
   * before the exception propagates.
   *
   * @throws TargetUnavailableException when a prerequisite is missing or the cluster cannot be made ready
   */
  public static KindTarget open(KindSettings settings, KindHost host) {
    KindTarget target = new KindTarget(settings, host);
    host.shutdownHooks().register(target.shutdownHook);
    try {
      target.start();
      return target;
    } catch (RuntimeException e) {
      target.markRunFailed("bringing up the kind target failed: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      target.close();
      throw e;
    }
  }

  private void start() {
    LOG.info("kind target: run {}, cluster {}, Kube-OVN {} (line {}), workspace {}", settings.runId(),
        settings.clusterName(), settings.profile().version(), settings.profile().line(), settings.workspace());
    cluster = new KindClusterSetup(settings, host, created).run();
    client = host.clients().connect(settings.kubeconfig());
    createExternalNetwork();
    LOG.info("kind target ready: cluster {}, gateway nodes {}, external network {} {}", cluster.name(),
        cluster.workers(), cluster.externalNetwork().cidr(), cluster.externalInterface());
  }

  private void createExternalNetwork() {
    ExternalNetwork network = cluster.externalNetwork();
    host.progress().step(externalNetworkStep(network, cluster.externalInterface()));
    NetworkAttachmentDefinition nad = ExternalNetworkManifests.nad(network, cluster.externalInterface());
    client.resource(nad).createOr(NonDeletingOperation::update);
    Subnet subnet = ExternalNetworkManifests.subnet(network);
    client.resource(subnet).createOr(NonDeletingOperation::update);
    Duration limit = settings.timeouts().resourceReady();
    AtomicReference<String> last = new AtomicReference<>("not found");
    try {
      await("Subnet " + network.name() + " Ready").atMost(limit).pollDelay(Duration.ZERO)
          .pollInterval(settings.timeouts().pollInterval()).ignoreException(KubernetesClientException.class)
          .until(() -> {
            Subnet current = client.resources(Subnet.class).withName(network.name()).get();
            last.set(describeConditions(current));
            return isReady(current);
          });
    } catch (ConditionTimeoutException e) {
      throw new TargetUnavailableException("external Subnet " + network.name() + " not Ready after "
          + Durations.text(limit) + " (kube-ovn-controller sets condition Ready=True once it can allocate from "
          + network.cidr() + "); its conditions: " + last.get());
    }
  }

  static String externalNetworkStep(ExternalNetwork network, String nic) {
    return "Create NAD " + network.nadNamespace() + "/" + network.name() + " (macvlan on " + nic
        + ") and external Subnet " + network.name() + " " + network.cidr() + " (API)";
  }

  static boolean isReady(Subnet subnet) {
    return subnet != null && subnet.getStatus() != null && subnet.getStatus().getConditions() != null
        && subnet.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String describeConditions(Subnet subnet) {
    if (subnet == null) {
      return "not found";
    }
    if (subnet.getStatus() == null || subnet.getStatus().getConditions() == null
        || subnet.getStatus().getConditions().isEmpty()) {
      return "none";
    }
    return subnet.getStatus().getConditions().stream().map(KindTarget::describe).toList().toString();
  }

  private static String describe(Condition c) {
    return c.getType() + "=" + c.getStatus() + (c.getReason() == null ? "" : " (" + c.getReason() + ")");
  }

  /** The cluster as it was brought up. */
  public KindCluster cluster() {
    return cluster;
  }

  public KindSettings settings() {
    return settings;
  }

  Thread shutdownHook() {
    return shutdownHook;
  }

  @Override
  public String name() {
    return "kind";
  }

  @Override
  public String kubeOvnVersion() {
    return settings.profile().version();
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public PodExecutor podExecutor() {
    return new KubernetesPodExecutor(client);
  }

  @Override
  public ExternalNetwork externalNetwork() {
    return cluster.externalNetwork();
  }

  @Override
  public List<String> gatewayNodes() {
    return cluster.workers();
  }

  @Override
  public Set<TargetCapability> capabilities() {
    return EnumSet.of(TargetCapability.RESTART_CONTAINER_IN_PLACE, TargetCapability.STOP_NODE,
        TargetCapability.PAUSE_NODE, TargetCapability.DESTRUCTIVE_FAULTS);
  }

  /**
   * Stops the pod's sandbox on its node ({@code crictl stopp}): kubelet creates a new sandbox — a fresh
   * network namespace, so addresses and iptables rules are gone — and restarts the container in it.
   * The pod keeps its uid and its restart count goes up: what a node reboot does to the gateway
   * (kube-ovn#5029). Stopping only the container would keep the namespace and lose nothing.
   */
  @Override
  public void restartContainer(String namespace, String pod, String container) {
    Pod current = client.pods().inNamespace(namespace).withName(pod).get();
    if (current == null) {
      throw new IllegalStateException("cannot restart " + container + " of " + namespace + "/" + pod
          + ": the pod does not exist");
    }
    String node = current.getSpec().getNodeName();
    if (node == null || !cluster.nodes().contains(node)) {
      throw new IllegalStateException("cannot restart " + container + " of " + namespace + "/" + pod
          + ": it is not on a node of this cluster (node " + node + ")");
    }
    boolean hasContainer = Optional.ofNullable(current.getStatus()).map(s -> s.getContainerStatuses())
        .orElse(List.of()).stream().anyMatch(s -> container.equals(s.getName()));
    if (!hasContainer) {
      throw new IllegalStateException("cannot restart " + container + " of " + namespace + "/" + pod
          + ": no container of that name in the pod's status");
    }
    String sandboxes = host.processes().runChecked(ProcessRequest.of("docker", "exec", node, "crictl", "pods",
            "--name", pod, "--namespace", namespace, "--state", "ready", "-q")
        .purpose("find the sandbox of " + namespace + "/" + pod + " on " + node)
        .timeout(settings.timeouts().network())).stdout().strip();
    if (sandboxes.isEmpty()) {
      throw new IllegalStateException("cannot restart " + container + " of " + namespace + "/" + pod
          + ": crictl on " + node + " shows no ready sandbox for it");
    }
    String sandbox = sandboxes.lines().findFirst().orElseThrow().strip();
    host.processes().runChecked(ProcessRequest.of("docker", "exec", node, "crictl", "stopp", sandbox)
        .purpose("stop the sandbox of " + namespace + "/" + pod + " on " + node)
        .timeout(settings.timeouts().network()));
  }

  @Override
  public NodeControl nodeControl() {
    return new KindNodeControl(host.processes(), cluster.nodes(), settings.timeouts().network());
  }

  @Override
  public void collectDiagnostics(Path directory) {
    host.processes().run(ProcessRequest.of("kind", "export", "logs", directory.resolve("kind-logs").toString(),
        "--name", settings.clusterName()).purpose("export the logs of kind cluster " + settings.clusterName())
        .timeout(settings.timeouts().exportLogs()));
    ClusterDiagnostics.collect(client, KubeOvn.CONTROLLER_NAMESPACE, directory.resolve("cluster"));
  }

  @Override
  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("target", "kind");
    environment.put("kubeovn.version", settings.profile().version());
    environment.put("kubeovn.line", settings.profile().line());
    environment.put("kubeovn.install", settings.installMethod().propertyValue()
        + (settings.helmChart() == null ? "" : " (" + settings.helmChart().name() + ")"));
    environment.put("kind.cluster", settings.clusterName());
    environment.put("kind.nodeImage", settings.profile().kindNodeImage());
    environment.put("kind.version", cluster.tools().kind());
    environment.put("docker.version", cluster.tools().docker());
    environment.put("kubectl.version", cluster.tools().kubectl());
    try {
      environment.put("kubernetes.version", client.getKubernetesVersion().getGitVersion());
    } catch (RuntimeException e) {
      environment.put("kubernetes.version", "unknown (" + e.getMessage() + ")");
    }
    environment.put("multus.version", settings.profile().multusVersion());
    environment.put("externalNetwork", cluster.externalNetwork().cidr() + " on " + cluster.externalInterface());
    return environment;
  }

  @Override
  public void markRunFailed(String reason) {
    failure.compareAndSet(null, reason);
  }

  @Override
  public void close() {
    close(null);
  }

  /** Idempotent: whoever comes first (close() or the shutdown hook) tears down, the other returns at once. */
  private void close(String shutdownReason) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (shutdownReason == null) {
      host.shutdownHooks().remove(shutdownHook);
    } else {
      // an interrupted run (Ctrl-C) wants its cluster gone quickly, so no log export unless already failed
      LOG.warn("kind target: {} before close(); tearing down run {}", shutdownReason, settings.runId());
    }
    try {
      boolean clusterExists = cluster != null || created.clusterCreated();
      if (!clusterExists && !created.networkCreated()) {
        return;
      }
      KindTeardown.run(settings, host.processes(), host.progress(), created, clusterExists,
          Optional.ofNullable(failure.get()));
    } finally {
      if (client != null) {
        client.close();
      }
    }
  }
}

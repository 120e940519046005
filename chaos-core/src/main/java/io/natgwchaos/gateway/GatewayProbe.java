package io.natgwchaos.gateway;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.natgwchaos.kubeovn.KubeOvn;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads, from outside, what a gateway pod really has: execs into container {@code vpc-nat-gw} and
 * parses {@code iptables-save -t nat} and {@code ip -o -4 addr show dev net1}. It picks the iptables
 * variant the way {@code nat-gateway.sh} does: legacy when {@code iptables-legacy -t nat -S INPUT 1}
 * succeeds, otherwise the default (nft) binary; the choice is remembered per pod uid.
 */
public final class GatewayProbe {
  static final List<String> LEGACY_CHECK = List.of("iptables-legacy", "-t", "nat", "-S", "INPUT", "1");
  static final List<String> LEGACY_SAVE = List.of("iptables-legacy-save", "-t", "nat");
  static final List<String> DEFAULT_SAVE = List.of("iptables-save", "-t", "nat");
  static final List<String> NET1_ADDRESSES = List.of("ip", "-o", "-4", "addr", "show", "dev", "net1");

  private final KubernetesClient client;
  private final PodExecutor executor;
  private final String namespace;
  private final Duration timeout;
  private final Clock clock;
  private final Map<String, Boolean> legacyByPodUid = new ConcurrentHashMap<>();

  public GatewayProbe(KubernetesClient client, PodExecutor executor, String namespace, Duration timeout) {
    this(client, executor, namespace, timeout, Clock.systemUTC());
  }

  public GatewayProbe(KubernetesClient client, PodExecutor executor, String namespace, Duration timeout,
      Clock clock) {
    this.client = client;
    this.executor = executor;
    this.namespace = namespace;
    this.timeout = timeout;
    this.clock = clock;
  }

  /**
   * A snapshot of the gateway's pod, or empty when there is no running pod to read (it is being
   * replaced) or it was deleted or replaced while being read (a command that then fails is not an error).
   *
   * @throws GatewayProbeException when a command fails on a running pod or prints something unparseable
   * @throws PodExecException when exec itself fails (connection, timeout)
   */
  public Optional<GatewaySnapshot> snapshot(String gateway) {
    String podName = KubeOvn.gatewayPodName(gateway);
    Pod before = client.pods().inNamespace(namespace).withName(podName).get();
    if (!isRunning(before)) {
      return Optional.empty();
    }
    String uid = before.getMetadata().getUid();
    boolean legacy;
    String saveOutput;
    String addressOutput;
    try {
      // not computeIfAbsent: the exec can block for the whole timeout, holding the map's bin lock
      Boolean known = legacyByPodUid.get(uid);
      legacy = known != null ? known : runsLegacy(podName);
      legacyByPodUid.putIfAbsent(uid, legacy);
      saveOutput = run(podName, legacy ? LEGACY_SAVE : DEFAULT_SAVE).stdout();
      addressOutput = run(podName, NET1_ADDRESSES).stdout();
    } catch (GatewayProbeException | PodExecException e) {
      // a command killed with its pod (deleted, terminating, replaced) is not a probe failure
      if (goneOrReplaced(podName, uid, e)) {
        legacyByPodUid.remove(uid);
        return Optional.empty();
      }
      throw e;
    }
    Pod after = client.pods().inNamespace(namespace).withName(podName).get();
    if (after == null || !uid.equals(after.getMetadata().getUid())) {
      legacyByPodUid.remove(uid);
      return Optional.empty();
    }
    NatTable nat;
    List<NetAddress> addresses;
    try {
      nat = IptablesSaveParser.parse(saveOutput);
      addresses = IpAddrParser.parse(addressOutput);
    } catch (GatewayOutputException e) {
      throw new GatewayProbeException("gateway " + gateway + " pod " + podName + ": " + e.getMessage(), e);
    }
    if (nat.variant() == IptablesVariant.UNKNOWN) {
      nat = new NatTable(legacy ? IptablesVariant.LEGACY : IptablesVariant.NFT, nat.chains(), nat.rules(),
          nat.warnings());
    }
    Map<String, String> annotations = after.getMetadata().getAnnotations();
    boolean initialised = annotations != null && "true".equals(annotations.get(KubeOvn.Annotations.GATEWAY_INIT));
    return Optional.of(new GatewaySnapshot(gateway, namespace, podName, uid, after.getSpec().getNodeName(),
        clock.instant(), initialised, restartCount(after), addresses, nat,
        new GatewaySnapshot.RawOutput(saveOutput, addressOutput)));
  }

  private boolean goneOrReplaced(String podName, String uid, RuntimeException failure) {
    try {
      Pod now = client.pods().inNamespace(namespace).withName(podName).get();
      return !isRunning(now) || !uid.equals(now.getMetadata().getUid());
    } catch (KubernetesClientException e) {
      failure.addSuppressed(e);
      return false;
    }
  }

  private boolean runsLegacy(String podName) {
    return executor.exec(namespace, podName, KubeOvn.GATEWAY_CONTAINER, LEGACY_CHECK, timeout).succeeded();
  }

  private ExecResult run(String podName, List<String> command) {
    ExecResult result = executor.exec(namespace, podName, KubeOvn.GATEWAY_CONTAINER, command, timeout);
    if (!result.succeeded()) {
      throw new GatewayProbeException("'" + String.join(" ", command) + "' in " + namespace + "/" + podName
          + " exited with " + result.exitCode() + ": " + result.stderr().strip());
    }
    return result;
  }

  private static boolean isRunning(Pod pod) {
    return pod != null && pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
        && "Running".equals(pod.getStatus().getPhase());
  }

  private static int restartCount(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return 0;
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(s -> KubeOvn.GATEWAY_CONTAINER.equals(s.getName()))
        .map(ContainerStatus::getRestartCount)
        .filter(java.util.Objects::nonNull)
        .findFirst().orElse(0);
  }
}

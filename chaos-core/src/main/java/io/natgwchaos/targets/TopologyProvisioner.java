package io.natgwchaos.targets;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.kubeovn.Vpc;
import io.natgwchaos.kubeovn.VpcNatGateway;
import io.natgwchaos.targets.process.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions a {@link TopologySpec} through the Kubernetes API on any target and tears it down again:
 * Vpc and internal Subnet, the gateway pinned to its first node by a node label, the EIP pool, then the
 * FIP/SNAT/DNAT rules, each stage waiting for kube-ovn-controller to report it ready.
 */
public final class TopologyProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(TopologyProvisioner.class);

  private final KubernetesClient client;
  private final String gatewayNamespace;
  private final TopologyTimeouts timeouts;

  /**
   * @param gatewayNamespace where gateway pods run: kube-ovn-controller's namespace before master
   */
  public TopologyProvisioner(KubernetesClient client, String gatewayNamespace, TopologyTimeouts timeouts) {
    this.client = Objects.requireNonNull(client, "client");
    this.gatewayNamespace = Objects.requireNonNull(gatewayNamespace, "gatewayNamespace");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
  }

  /**
   * @throws TopologyNotReadyException naming what did not become ready and its status; carries what was created
   */
  public ProvisionedTopology provision(TopologySpec spec, ExternalNetwork network) {
    TopologyResources resources = TopologyResources.of(spec, network);
    Created created = new Created(spec, gatewayNamespace);
    String pod = KubeOvn.gatewayPodName(spec.gatewayName());

    LOG.info("topology {}: creating Vpc {} and Subnet {} ({})", spec.name(), spec.vpcName(), spec.subnetName(),
        spec.internalCidr());
    create(resources.vpc());
    created.vpc = true;
    create(resources.subnet());
    created.subnet = true;
    awaitAll(created, "Vpc", Vpc.class, List.of(spec.vpcName()), TopologyProvisioner::vpcReady,
        TopologyProvisioner::describeVpc, timeouts.ready());
    awaitAll(created, "Subnet", Subnet.class, List.of(spec.subnetName()), TopologyProvisioner::subnetReady,
        TopologyProvisioner::describeSubnet, timeouts.ready());

    LOG.info("topology {}: creating VpcNatGateway {} on node {}; waiting up to {} for pod {}/{} to be initialised",
        spec.name(), spec.gatewayName(), spec.gatewayNode(), Durations.text(timeouts.gatewayInit()),
        gatewayNamespace, pod);
    label(spec, spec.gatewayNode(), created);
    create(resources.gateway());
    created.gateway = true;
    Pod initialised = awaitGatewayInitialised(created, pod);
    created.gatewayNode = initialised.getSpec().getNodeName();
    if (!spec.gatewayNode().equals(created.gatewayNode)) {
      throw new TopologyNotReadyException("topology " + spec.name() + ": gateway pod " + gatewayNamespace + "/" + pod
          + " runs on node " + created.gatewayNode + ", expected " + spec.gatewayNode() + " (only that node had label "
          + spec.candidateLabel() + " when it was scheduled)", created.snapshot());
    }
    for (String node : spec.candidateNodes()) {
      if (!node.equals(spec.gatewayNode())) {
        label(spec, node, created);
      }
    }

    pause(timeouts.afterGatewayInit());
    LOG.info("topology {}: creating {} EIPs", spec.name(), resources.eips().size());
    for (IptablesEip eip : resources.eips()) {
      create(eip);
      created.eips.add(eip.getMetadata().getName());
    }
    List<IptablesEip> ready = awaitAll(created, "IptablesEIP", IptablesEip.class, spec.eipNames(),
        TopologyProvisioner::eipReady, TopologyProvisioner::describeEip, timeouts.ready());
    ready.forEach(e -> created.eipAddresses.put(e.getMetadata().getName(), e.getStatus().getIp()));

    LOG.info("topology {}: creating {} FIPs, {} SNATs, {} DNATs", spec.name(), spec.fips(), spec.snats(),
        spec.dnats());
    resources.fips().forEach(r -> {
      create(r);
      created.fips.add(r.getMetadata().getName());
    });
    resources.snats().forEach(r -> {
      create(r);
      created.snats.add(r.getMetadata().getName());
    });
    resources.dnats().forEach(r -> {
      create(r);
      created.dnats.add(r.getMetadata().getName());
    });
    awaitAll(created, "IptablesFIPRule", IptablesFipRule.class, created.fips,
        f -> f.getStatus() != null && Boolean.TRUE.equals(f.getStatus().getReady()),
        TopologyProvisioner::describeFip, timeouts.ready());
    awaitAll(created, "IptablesSnatRule", IptablesSnatRule.class, created.snats,
        r -> r.getStatus() != null && Boolean.TRUE.equals(r.getStatus().getReady()),
        TopologyProvisioner::describeSnat, timeouts.ready());
    awaitAll(created, "IptablesDnatRule", IptablesDnatRule.class, created.dnats,
        r -> r.getStatus() != null && Boolean.TRUE.equals(r.getStatus().getReady()),
        TopologyProvisioner::describeDnat, timeouts.ready());
    ProvisionedTopology topology = created.snapshot();
    LOG.info("topology {}: ready, gateway {} on {}, EIPs {}", spec.name(), pod, topology.gatewayNode(),
        topology.eipAddresses());
    return topology;
  }

  /**
   * Deletes rules, then EIPs, the gateway (and waits for its pod to go), the node labels, the internal Subnet
   * and the Vpc, each stage bounded by the deletion timeout. Every stage is attempted.
   *
   * @throws TopologyNotReadyException listing what was still there (with its finalizers) at the end
   */
  public void teardown(ProvisionedTopology topology) {
    TopologySpec spec = topology.spec();
    LOG.info("topology {}: tearing down {}", spec.name(), topology.resources());
    List<String> leftovers = new ArrayList<>();
    Map<Class<? extends HasMetadata>, List<String>> rules = new LinkedHashMap<>();
    rules.put(IptablesFipRule.class, topology.fips());
    rules.put(IptablesSnatRule.class, topology.snats());
    rules.put(IptablesDnatRule.class, topology.dnats());
    deleteAndAwait(rules, leftovers);
    deleteAndAwait(Map.of(IptablesEip.class, topology.eips()), leftovers);
    if (topology.gatewayCreated()) {
      deleteAndAwait(Map.of(VpcNatGateway.class, List.of(spec.gatewayName())), leftovers);
      awaitPodGone(topology.gatewayNamespace(), topology.gatewayPod(), leftovers);
    }
    for (String node : topology.labelledNodes()) {
      try {
        client.nodes().withName(node).edit(n -> {
          if (n.getMetadata().getLabels() != null) {
            n.getMetadata().getLabels().remove(spec.candidateLabel());
          }
          return n;
        });
      } catch (KubernetesClientException e) {
        leftovers.add("label " + spec.candidateLabel() + " on node " + node + " (" + e.getMessage() + ")");
      }
    }
    if (topology.subnetCreated()) {
      deleteAndAwait(Map.of(Subnet.class, List.of(spec.subnetName())), leftovers);
    }
    if (topology.vpcCreated()) {
      deleteAndAwait(Map.of(Vpc.class, List.of(spec.vpcName())), leftovers);
    }
    if (!leftovers.isEmpty()) {
      throw new TopologyNotReadyException("topology " + spec.name() + ": teardown left " + leftovers.size()
          + " item(s) after waiting up to " + Durations.text(timeouts.deletion()) + " per stage: "
          + String.join("; ", leftovers) + " (finalizers are removed by kube-ovn-controller: is it running?)",
          topology);
    }
    LOG.info("topology {}: removed", spec.name());
  }

  // ---- provisioning helpers -------------------------------------------------------------------------

  private void create(HasMetadata resource) {
    client.resource(resource).create();
  }

  private void label(TopologySpec spec, String nodeName, Created created) {
    Node node = client.nodes().withName(nodeName).get();
    if (node == null) {
      throw new TopologyNotReadyException("topology " + spec.name() + ": gateway node " + nodeName
          + " does not exist", created.snapshot());
    }
    client.nodes().withName(nodeName).edit(n -> {
      if (n.getMetadata().getLabels() == null) {
        n.getMetadata().setLabels(new HashMap<>());
      }
      n.getMetadata().getLabels().put(spec.candidateLabel(), TopologyResources.CANDIDATE);
      return n;
    });
    created.labelledNodes.add(nodeName);
  }

  private Pod awaitGatewayInitialised(Created created, String podName) {
    AtomicReference<String> last = new AtomicReference<>("not found");
    AtomicReference<Pod> found = new AtomicReference<>();
    try {
      await("gateway pod " + podName + " initialised").atMost(timeouts.gatewayInit()).pollDelay(Duration.ZERO)
          .pollInterval(timeouts.pollInterval()).ignoreException(KubernetesClientException.class)
          .until(() -> {
            Pod pod = client.pods().inNamespace(gatewayNamespace).withName(podName).get();
            last.set(describePod(pod));
            found.set(pod);
            return pod != null && pod.getMetadata().getAnnotations() != null
                && "true".equals(pod.getMetadata().getAnnotations().get(KubeOvn.Annotations.GATEWAY_INIT));
          });
    } catch (ConditionTimeoutException e) {
      throw new TopologyNotReadyException("topology " + created.spec.name() + ": gateway pod " + gatewayNamespace
          + "/" + podName + " not initialised after " + Durations.text(timeouts.gatewayInit()) + " (waiting for"
          + " annotation " + KubeOvn.Annotations.GATEWAY_INIT + "=true): " + last.get(), created.snapshot());
    }
    return found.get();
  }

  private <T extends HasMetadata> List<T> awaitAll(Created created, String kind, Class<T> type, List<String> names,
      Predicate<T> ready, Function<T, String> describe, Duration limit) {
    if (names.isEmpty()) {
      return List.of();
    }
    AtomicReference<List<String>> pending = new AtomicReference<>(List.of());
    AtomicReference<List<T>> done = new AtomicReference<>(List.of());
    try {
      await(kind + " " + names + " ready").atMost(limit).pollDelay(Duration.ZERO)
          .pollInterval(timeouts.pollInterval()).ignoreException(KubernetesClientException.class)
          .until(() -> {
            List<String> notReady = new ArrayList<>();
            List<T> readyOnes = new ArrayList<>();
            for (String name : names) {
              T current = client.resources(type).withName(name).get();
              if (current == null) {
                notReady.add(name + " (not found)");
              } else if (ready.test(current)) {
                readyOnes.add(current);
              } else {
                notReady.add(name + " (" + describe.apply(current) + ")");
              }
            }
            pending.set(notReady);
            done.set(readyOnes);
            return notReady.isEmpty();
          });
    } catch (ConditionTimeoutException e) {
      List<String> readyNames = done.get().stream().map(r -> r.getMetadata().getName()).toList();
      throw new TopologyNotReadyException("topology " + created.spec.name() + ": " + pending.get().size() + " of "
          + names.size() + " " + kind + " not ready after " + Durations.text(limit) + ": "
          + String.join(", ", pending.get()) + (readyNames.isEmpty() ? "" : "; ready: " + String.join(", ", readyNames)),
          created.snapshot());
    }
    return done.get();
  }

  private static void pause(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopologyNotReadyException("interrupted while waiting after the gateway's init", null);
    }
  }

  static boolean vpcReady(Vpc vpc) {
    return vpc.getStatus() != null && Boolean.TRUE.equals(vpc.getStatus().getStandby());
  }

  static boolean subnetReady(Subnet subnet) {
    return subnet.getStatus() != null && subnet.getStatus().getConditions() != null
        && subnet.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static boolean eipReady(IptablesEip eip) {
    return eip.getStatus() != null && Boolean.TRUE.equals(eip.getStatus().getReady())
        && eip.getStatus().getIp() != null && !eip.getStatus().getIp().isBlank();
  }

  private static String describeVpc(Vpc vpc) {
    return vpc.getStatus() == null ? "no status" : "standby=" + vpc.getStatus().getStandby();
  }

  private static String describeSubnet(Subnet subnet) {
    if (subnet.getStatus() == null || subnet.getStatus().getConditions() == null
        || subnet.getStatus().getConditions().isEmpty()) {
      return "no conditions";
    }
    return subnet.getStatus().getConditions().stream().map(c -> c.getType() + "=" + c.getStatus())
        .collect(Collectors.joining(", "));
  }

  private static String describeEip(IptablesEip eip) {
    IptablesEip.Status s = eip.getStatus();
    if (s == null) {
      return "no status";
    }
    return "ready=" + s.getReady() + ", ip=" + text(s.getIp()) + ", nat=" + text(s.getNat()) + ", redo="
        + text(s.getRedo());
  }

  private static String describeFip(IptablesFipRule rule) {
    IptablesFipRule.Status s = rule.getStatus();
    return s == null ? "no status" : rule(s.getReady(), s.getV4ip(), s.getNatGwDp(), s.getRedo());
  }

  private static String describeSnat(IptablesSnatRule rule) {
    IptablesSnatRule.Status s = rule.getStatus();
    return s == null ? "no status" : rule(s.getReady(), s.getV4ip(), s.getNatGwDp(), s.getRedo());
  }

  private static String describeDnat(IptablesDnatRule rule) {
    IptablesDnatRule.Status s = rule.getStatus();
    return s == null ? "no status" : rule(s.getReady(), s.getV4ip(), s.getNatGwDp(), s.getRedo());
  }

  private static String rule(Boolean ready, String v4ip, String natGwDp, String redo) {
    return "ready=" + ready + ", v4ip=" + text(v4ip) + ", natGwDp=" + text(natGwDp) + ", redo=" + text(redo);
  }

  private static String describePod(Pod pod) {
    if (pod == null) {
      return "pod not found";
    }
    String init = pod.getMetadata().getAnnotations() == null ? null
        : pod.getMetadata().getAnnotations().get(KubeOvn.Annotations.GATEWAY_INIT);
    return "pod on node " + text(pod.getSpec() == null ? null : pod.getSpec().getNodeName()) + ", phase "
        + text(pod.getStatus() == null ? null : pod.getStatus().getPhase()) + ", "
        + KubeOvn.Annotations.GATEWAY_INIT + "=" + (init == null ? "(absent)" : init);
  }

  private static String text(String value) {
    return value == null || value.isEmpty() ? "''" : value;
  }

  // ---- teardown helpers -----------------------------------------------------------------------------

  /**
   * Deletes and waits; what kube-ovn-controller leaves terminating (a known bug can keep a finalizer forever) gets
   * its finalizers removed after the wait, so the next experiment starts clean: the check has already judged the
   * run by then.
   */
  private void deleteAndAwait(Map<Class<? extends HasMetadata>, List<String>> byType, List<String> leftovers) {
    for (Map.Entry<Class<? extends HasMetadata>, List<String>> entry : byType.entrySet()) {
      for (String name : entry.getValue()) {
        try {
          client.resources(entry.getKey()).withName(name).delete();
        } catch (KubernetesClientException e) {
          leftovers.add(HasMetadata.getKind(entry.getKey()) + " " + name + " (delete failed: " + e.getMessage() + ")");
        }
      }
    }
    List<String> stuck = awaitGone(byType);
    if (stuck.isEmpty()) {
      return;
    }
    LOG.warn("still terminating (waited up to {}, or {} without progress): {}; removing their finalizers",
        Durations.text(timeouts.deletion()), Durations.text(timeouts.deletionStall()), stuck);
    for (Map.Entry<Class<? extends HasMetadata>, List<String>> entry : byType.entrySet()) {
      for (String name : entry.getValue()) {
        try {
          HasMetadata current = client.resources(entry.getKey()).withName(name).get();
          if (current != null && current.getMetadata().getFinalizers() != null
              && !current.getMetadata().getFinalizers().isEmpty()) {
            client.resources(entry.getKey()).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
          }
        } catch (KubernetesClientException e) {
          // reported as a leftover below if it stays
        }
      }
    }
    leftovers.addAll(awaitGone(byType));
  }

  /**
   * Waits until everything is gone, up to the deletion timeout, or until nothing has gone for the deletion
   * stall timeout; returns what is still there, described.
   */
  private List<String> awaitGone(Map<Class<? extends HasMetadata>, List<String>> byType) {
    long start = System.nanoTime();
    long lastProgress = start;
    int fewest = Integer.MAX_VALUE;
    List<String> still = List.of();
    while (true) {
      try {
        still = present(byType);
        if (still.isEmpty()) {
          return still;
        }
        if (still.size() < fewest) {
          fewest = still.size();
          lastProgress = System.nanoTime();
        }
      } catch (KubernetesClientException e) {
        // the API server hiccuped: poll again
      }
      long now = System.nanoTime();
      if (now - start >= timeouts.deletion().toNanos() || now - lastProgress >= timeouts.deletionStall().toNanos()) {
        return still;
      }
      try {
        Thread.sleep(timeouts.pollInterval().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return still;
      }
    }
  }

  private List<String> present(Map<Class<? extends HasMetadata>, List<String>> byType) {
    List<String> still = new ArrayList<>();
    for (Map.Entry<Class<? extends HasMetadata>, List<String>> entry : byType.entrySet()) {
      for (String name : entry.getValue()) {
        HasMetadata current = client.resources(entry.getKey()).withName(name).get();
        if (current != null) {
          still.add(HasMetadata.getKind(entry.getKey()) + " " + name + " (" + describeDeletion(current) + ")");
        }
      }
    }
    return still;
  }

  private void awaitPodGone(String namespace, String pod, List<String> leftovers) {
    try {
      await("gateway pod " + pod + " gone").atMost(timeouts.deletion()).pollDelay(Duration.ZERO)
          .pollInterval(timeouts.pollInterval()).ignoreException(KubernetesClientException.class)
          .until(() -> client.pods().inNamespace(namespace).withName(pod).get() == null);
    } catch (ConditionTimeoutException e) {
      leftovers.add("Pod " + namespace + "/" + pod + " (the controller did not remove the gateway's StatefulSet)");
    }
  }

  private static String describeDeletion(HasMetadata resource) {
    String since = resource.getMetadata().getDeletionTimestamp();
    List<String> finalizers = resource.getMetadata().getFinalizers();
    return (since == null ? "not terminating" : "terminating since " + since) + ", finalizers "
        + (finalizers == null || finalizers.isEmpty() ? "none" : finalizers);
  }

  /** Mutable record of progress, turned into a {@link ProvisionedTopology} on success or failure. */
  private static final class Created {
    final TopologySpec spec;
    final String namespace;
    boolean vpc;
    boolean subnet;
    boolean gateway;
    String gatewayNode;
    final List<String> labelledNodes = new ArrayList<>();
    final List<String> eips = new ArrayList<>();
    final Map<String, String> eipAddresses = new LinkedHashMap<>();
    final List<String> fips = new ArrayList<>();
    final List<String> snats = new ArrayList<>();
    final List<String> dnats = new ArrayList<>();

    Created(TopologySpec spec, String namespace) {
      this.spec = spec;
      this.namespace = namespace;
    }

    ProvisionedTopology snapshot() {
      return new ProvisionedTopology(spec, namespace, vpc, subnet, gateway, KubeOvn.gatewayPodName(spec.gatewayName()),
          gatewayNode, labelledNodes, eips, eipAddresses, fips, snats, dnats);
    }
  }
}

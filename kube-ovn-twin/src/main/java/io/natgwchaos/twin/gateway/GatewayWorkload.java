package io.natgwchaos.twin.gateway;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.natgwchaos.gateway.ExecResult;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.twin.cluster.EventLog;
import io.natgwchaos.twin.cluster.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gateway pods (label {@code ovn.kubernetes.io/vpc-nat-gw=true}) on the twin's nodes. Their CNI, like
 * Kube-OVN's, waits for kube-ovn-controller to allocate the pod's addresses: annotation
 * {@code ovn.kubernetes.io/allocated: "true"} and {@code <provider>.kubernetes.io/ip_address} for the
 * net1 attachment named in {@code k8s.v1.cni.cncf.io/networks} ({@code <ns>/<nad>} gives provider
 * {@code <nad>.<ns>}); net1 then gets that address with the prefix of the provider's Subnet. Container
 * {@code vpc-nat-gw} starts in a fresh sandbox; a restart in place gives it a fresh one again.
 */
public final class GatewayWorkload implements Workload {
  static final String ALLOCATED = "ovn.kubernetes.io/allocated";

  private final GatewayPods pods;
  private final GatewayExecHandler handler;
  private final IptablesBackend backend;
  private final KubernetesClient client;
  private final EventLog events;

  /** @param client the kubelet's client, to read the external Subnet as the CNI does */
  public GatewayWorkload(GatewayPods pods, GatewayExecHandler handler, IptablesBackend backend,
      KubernetesClient client, EventLog events) {
    this.pods = pods;
    this.handler = handler;
    this.backend = backend;
    this.client = client;
    this.events = events;
  }

  @Override
  public boolean runs(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels != null && "true".equals(labels.get(KubeOvn.Labels.GATEWAY_POD));
  }

  @Override
  public Optional<String> notReady(Pod pod) {
    return net1(pod).waitingFor();
  }

  @Override
  public void started(Pod pod, String container, int restartCount, Runnable died) {
    if (!KubeOvn.GATEWAY_CONTAINER.equals(container)) {
      return;
    }
    String uid = pod.getMetadata().getUid();
    Optional<GatewayPod> existing = pods.byUid(uid);
    if (existing.isPresent() && restartCount > 0) {
      existing.get().restartInFreshSandbox();
      events.record("gateway", existing.get() + " restarted in a fresh sandbox");
      return;
    }
    InterfaceAddress primary = net1(pod).address()
        .orElseThrow(() -> new IllegalStateException("gateway pod " + pod.getMetadata().getName()
            + " started without net1: " + net1(pod).waitingFor().orElse("")));
    GatewayPod started = pods.start(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid, backend,
        primary, env(pod, container));
    events.record("gateway", started + " started, net1 " + primary.cidr() + ", iptables " + backend);
  }

  @Override
  public void killed(Pod pod, String container) {
    if (KubeOvn.GATEWAY_CONTAINER.equals(container)) {
      pods.byUid(pod.getMetadata().getUid()).ifPresent(GatewayPod::kill);
    }
  }

  @Override
  public void removed(Pod pod) {
    pods.remove(pod.getMetadata().getUid());
  }

  @Override
  public ExecResult exec(Pod pod, String container, List<String> command) throws InterruptedException {
    GatewayPod gateway = pods.byUid(pod.getMetadata().getUid())
        .orElseThrow(() -> new IllegalStateException("no gateway container for " + pod.getMetadata().getName()));
    return handler.exec(gateway, container, command);
  }

  /** Either why net1 cannot be set up yet, or its address. */
  private record Net1(Optional<String> waitingFor, Optional<InterfaceAddress> address) {
    static Net1 waiting(String why) {
      return new Net1(Optional.of(why), Optional.empty());
    }

    static Net1 ready(InterfaceAddress address) {
      return new Net1(Optional.empty(), Optional.of(address));
    }
  }

  private Net1 net1(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? Map.of()
        : pod.getMetadata().getAnnotations();
    if (!"true".equals(annotations.get(ALLOCATED))) {
      return Net1.waiting("waiting for kube-ovn-controller to allocate the pod's addresses (annotation "
          + ALLOCATED + ")");
    }
    Optional<String> provider = provider(annotations.get(KubeOvn.Annotations.MULTUS_NETWORKS),
        pod.getMetadata().getNamespace());
    if (provider.isEmpty()) {
      return Net1.waiting("no network attachment in annotation " + KubeOvn.Annotations.MULTUS_NETWORKS);
    }
    String ipAnnotation = KubeOvn.Annotations.providerIpAddress(provider.get());
    String ip = annotations.get(ipAnnotation);
    if (ip == null || ip.isBlank()) {
      return Net1.waiting("waiting for kube-ovn-controller to allocate net1's address (annotation " + ipAnnotation
          + ")");
    }
    Optional<Integer> prefix = prefix(provider.get(), annotations);
    if (prefix.isEmpty()) {
      return Net1.waiting("no Subnet with provider " + provider.get() + " for net1");
    }
    try {
      return Net1.ready(new InterfaceAddress(ip.split("[/,]")[0].strip(), prefix.get(), true));
    } catch (IllegalArgumentException e) {
      return Net1.waiting("annotation " + ipAnnotation + " is not an IPv4 address: " + ip);
    }
  }

  /** The provider of the first attachment: {@code <ns>/<nad>[@if]}, {@code <nad>}, or the JSON form. */
  static Optional<String> provider(String networks, String podNamespace) {
    if (networks == null || networks.isBlank()) {
      return Optional.empty();
    }
    String text = networks.strip();
    if (text.startsWith("[")) {
      String name = jsonField(text, "name");
      if (name == null) {
        return Optional.empty();
      }
      String namespace = jsonField(text, "namespace");
      return Optional.of(KubeOvn.provider(name, namespace == null ? podNamespace : namespace));
    }
    String first = text.split(",")[0].strip();
    int at = first.indexOf('@');
    if (at >= 0) {
      first = first.substring(0, at);
    }
    int slash = first.indexOf('/');
    return slash < 0 ? Optional.of(KubeOvn.provider(first, podNamespace))
        : Optional.of(KubeOvn.provider(first.substring(slash + 1), first.substring(0, slash)));
  }

  private static String jsonField(String json, String field) {
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"")
        .matcher(json);
    return matcher.find() ? matcher.group(1) : null;
  }

  /** The attachment's prefix length: from its cidr annotation if IPAM wrote one, else from its Subnet. */
  private Optional<Integer> prefix(String provider, Map<String, String> annotations) {
    String cidr = annotations.get(provider + ".kubernetes.io/cidr");
    if (cidr == null) {
      cidr = client.resources(Subnet.class).list().getItems().stream()
          .filter(s -> s.getSpec() != null && provider.equals(s.getSpec().getProvider()))
          .map(s -> s.getSpec().getCidrBlock())
          .findFirst().orElse(null);
    }
    String first = cidr == null ? "" : cidr.split(",")[0].strip();
    if (first.indexOf('/') < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(first.substring(first.indexOf('/') + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Map<String, String> env(Pod pod, String container) {
    Map<String, String> env = new HashMap<>();
    for (Container c : pod.getSpec().getContainers()) {
      if (c.getName().equals(container) && c.getEnv() != null) {
        for (EnvVar variable : c.getEnv()) {
          if (variable.getValue() != null) {
            env.put(variable.getName(), variable.getValue());
          }
        }
      }
    }
    return env;
  }
}

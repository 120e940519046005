package io.natgwchaos.testing;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.natgwchaos.gateway.ExecResult;
import io.natgwchaos.gateway.Ipv4;
import io.natgwchaos.gateway.PodExecException;
import io.natgwchaos.gateway.PodExecutor;
import io.natgwchaos.kubeovn.Condition;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.kubeovn.Vpc;
import io.natgwchaos.kubeovn.VpcNatGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A correct Kube-OVN in miniature for engine tests: a thread that makes Subnets and Vpcs ready, keeps each
 * VpcNatGateway's pod running and initialised on the first schedulable node its selector matches (re-creating it
 * when deleted, moving it when the selector no longer matches its node), keeps kube-ovn-controller pods present,
 * makes EIPs and rules ready with the right status, and programs the gateways' dataplane, which its
 * {@link #executor()} serves to the probe as {@code iptables-save} and {@code ip addr} text. {@link #dropRules} turns
 * it into a buggy one whose dataplane loses rules.
 */
public final class SimulatedKubeOvn implements AutoCloseable {
  public static final String EXTERNAL_CIDR = "172.19.0.0/16";

  private final KubernetesClient client;
  private final String namespace;
  private final Thread thread;
  private final Map<String, String> allocated = new ConcurrentHashMap<>();
  private final AtomicInteger nextHost = new AtomicInteger(10);
  private final AtomicInteger controllerRestarts = new AtomicInteger();
  private final AtomicReference<Map<String, Dataplane>> dataplane = new AtomicReference<>(Map.of());
  private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
  private final AtomicInteger execs = new AtomicInteger();
  private volatile boolean running = true;
  private volatile boolean dropRules;
  private volatile long hangAfter = Long.MAX_VALUE;

  private SimulatedKubeOvn(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.thread = new Thread(this::loop, "simulated-kube-ovn");
    this.thread.setDaemon(true);
  }

  public static SimulatedKubeOvn start(KubernetesClient client) {
    SimulatedKubeOvn simulator = new SimulatedKubeOvn(client, KubeOvn.CONTROLLER_NAMESPACE);
    simulator.controllerPod();
    simulator.thread.start();
    return simulator;
  }

  /** From now on the dataplane keeps no NAT rules (a gateway that lost them): S2 violations follow. */
  public void dropRules(boolean drop) {
    this.dropRules = drop;
  }

  /**
   * After {@code execs} more exec calls into gateway pods, every further one hangs until its timeout or an
   * interrupt (an exec whose answer never comes back); negative: never.
   */
  public void hangExecsAfter(int execs) {
    this.hangAfter = execs < 0 ? Long.MAX_VALUE : this.execs.get() + execs;
  }

  /** kube-ovn-controller pods created so far (1 + restarts). */
  public int controllerStarts() {
    return controllerRestarts.get();
  }

  public int execCount() {
    return execs.get();
  }

  /** Restarts the gateway container in place: restart count + 1, same pod. */
  public void restartContainer(String pod) {
    restarts.merge(pod, 1, Integer::sum);
    client.pods().inNamespace(namespace).withName(pod).edit(p -> {
      p.getStatus().getContainerStatuses().get(0).setRestartCount(restarts.get(pod));
      return p;
    });
  }

  /** Answers the probe's commands from the programmed dataplane (nft variant: the legacy check fails). */
  public PodExecutor executor() {
    return (ns, pod, container, command, timeout) -> {
      if (execs.incrementAndGet() > hangAfter) {
        try {
          Thread.sleep(timeout.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new PodExecException("exec into " + ns + "/" + pod + ": interrupted while hanging");
        }
        throw new PodExecException("exec into " + ns + "/" + pod + ": no answer within " + timeout);
      }
      String prefix = KubeOvn.GATEWAY_NAME_PREFIX + "-";
      if (!pod.startsWith(prefix) || !pod.endsWith("-0")) {
        throw new PodExecException("exec into " + ns + "/" + pod + ": not a gateway pod");
      }
      String gateway = pod.substring(prefix.length(), pod.length() - 2);
      Dataplane plane = dataplane.get().getOrDefault(gateway, Dataplane.EMPTY);
      String joined = String.join(" ", command);
      if (joined.startsWith("iptables-legacy ")) {
        return new ExecResult(1, "", "iptables-legacy: not in use");
      }
      if (joined.equals("iptables-save -t nat")) {
        return new ExecResult(0, plane.iptablesSave(), "");
      }
      if (joined.equals("ip -o -4 addr show dev net1")) {
        return new ExecResult(0, plane.ipAddr(), "");
      }
      return new ExecResult(127, "", joined + ": command not found");
    };
  }

  private void loop() {
    while (running) {
      try {
        step();
        Thread.sleep(25);
      } catch (InterruptedException e) {
        return;
      } catch (KubernetesClientException | IllegalStateException | NullPointerException e) {
        // objects come and go under us; the next round sees the new state
      }
    }
  }

  private void step() {
    for (Subnet subnet : client.resources(Subnet.class).list().getItems()) {
      if (subnet.getStatus() == null || subnet.getStatus().getConditions() == null) {
        client.resources(Subnet.class).withName(subnet.getMetadata().getName()).editStatus(s -> {
          Condition ready = new Condition();
          ready.setType("Ready");
          ready.setStatus("True");
          s.setStatus(new Subnet.Status());
          s.getStatus().setConditions(List.of(ready));
          return s;
        });
      }
    }
    for (Vpc vpc : client.resources(Vpc.class).list().getItems()) {
      if (vpc.getStatus() == null) {
        client.resources(Vpc.class).withName(vpc.getMetadata().getName()).editStatus(v -> {
          v.setStatus(new Vpc.Status());
          v.getStatus().setStandby(true);
          return v;
        });
      }
    }
    gateways();
    controllerPod();
    List<IptablesEip> eips = client.resources(IptablesEip.class).list().getItems();
    List<IptablesFipRule> fips = client.resources(IptablesFipRule.class).list().getItems();
    List<IptablesSnatRule> snats = client.resources(IptablesSnatRule.class).list().getItems();
    List<IptablesDnatRule> dnats = client.resources(IptablesDnatRule.class).list().getItems();
    Map<String, IptablesEip> eipsByName = new TreeMap<>();
    eips.forEach(e -> eipsByName.put(e.getMetadata().getName(), e));
    Map<String, Set<String>> users = new TreeMap<>();
    fips.forEach(r -> users.computeIfAbsent(r.getSpec().getEip(), k -> new TreeSet<>()).add("fip"));
    snats.forEach(r -> users.computeIfAbsent(r.getSpec().getEip(), k -> new TreeSet<>()).add("snat"));
    dnats.forEach(r -> users.computeIfAbsent(r.getSpec().getEip(), k -> new TreeSet<>()).add("dnat"));

    Map<String, Dataplane> planes = new TreeMap<>();
    for (IptablesEip eip : eips) {
      String name = eip.getMetadata().getName();
      String ip = allocated.computeIfAbsent(name, n ->
          Ipv4.toText(Ipv4.toInt(Ipv4.address(EXTERNAL_CIDR)) + nextHost.getAndIncrement()));
      String nat = String.join(",", users.getOrDefault(name, Set.of()));
      IptablesEip.Status status = eip.getStatus();
      if (status == null || !Boolean.TRUE.equals(status.getReady()) || !ip.equals(status.getIp())
          || !nat.equals(Objects.toString(status.getNat(), ""))) {
        client.resources(IptablesEip.class).withName(name).editStatus(e -> {
          e.setStatus(new IptablesEip.Status());
          e.getStatus().setReady(true);
          e.getStatus().setIp(ip);
          e.getStatus().setNat(nat);
          return e;
        });
      }
      planes.computeIfAbsent(eip.getSpec().getNatGwDp(), g -> new Dataplane()).addresses.add(ip);
    }
    for (IptablesFipRule fip : fips) {
      IptablesEip eip = eipsByName.get(fip.getSpec().getEip());
      String ip = readyIp(eip);
      if (ip == null) {
        continue;
      }
      if (fip.getStatus() == null || !Boolean.TRUE.equals(fip.getStatus().getReady())) {
        client.resources(IptablesFipRule.class).withName(fip.getMetadata().getName()).editStatus(f -> {
          f.setStatus(new IptablesFipRule.Status());
          f.getStatus().setReady(true);
          f.getStatus().setV4ip(ip);
          f.getStatus().setNatGwDp(eip.getSpec().getNatGwDp());
          return f;
        });
      }
      Dataplane plane = planes.computeIfAbsent(eip.getSpec().getNatGwDp(), g -> new Dataplane());
      plane.rule("EXCLUSIVE_DNAT", "-A EXCLUSIVE_DNAT -d " + ip + "/32 -j DNAT --to-destination "
          + fip.getSpec().getInternalIp());
      plane.rule("EXCLUSIVE_SNAT", "-A EXCLUSIVE_SNAT -s " + fip.getSpec().getInternalIp() + "/32 -j SNAT --to-source "
          + ip);
    }
    for (IptablesSnatRule snat : snats) {
      IptablesEip eip = eipsByName.get(snat.getSpec().getEip());
      String ip = readyIp(eip);
      if (ip == null) {
        continue;
      }
      if (snat.getStatus() == null || !Boolean.TRUE.equals(snat.getStatus().getReady())) {
        client.resources(IptablesSnatRule.class).withName(snat.getMetadata().getName()).editStatus(r -> {
          r.setStatus(new IptablesSnatRule.Status());
          r.getStatus().setReady(true);
          r.getStatus().setV4ip(ip);
          r.getStatus().setNatGwDp(eip.getSpec().getNatGwDp());
          return r;
        });
      }
      planes.computeIfAbsent(eip.getSpec().getNatGwDp(), g -> new Dataplane()).rule("SHARED_SNAT",
          "-A SHARED_SNAT -s " + snat.getSpec().getInternalCIDR() + " -o net1 -j SNAT --to-source " + ip
              + " --random-fully");
    }
    for (IptablesDnatRule dnat : dnats) {
      IptablesEip eip = eipsByName.get(dnat.getSpec().getEip());
      String ip = readyIp(eip);
      if (ip == null) {
        continue;
      }
      if (dnat.getStatus() == null || !Boolean.TRUE.equals(dnat.getStatus().getReady())) {
        client.resources(IptablesDnatRule.class).withName(dnat.getMetadata().getName()).editStatus(r -> {
          r.setStatus(new IptablesDnatRule.Status());
          r.getStatus().setReady(true);
          r.getStatus().setV4ip(ip);
          r.getStatus().setNatGwDp(eip.getSpec().getNatGwDp());
          return r;
        });
      }
      String protocol = dnat.getSpec().getProtocol() == null ? "tcp" : dnat.getSpec().getProtocol();
      planes.computeIfAbsent(eip.getSpec().getNatGwDp(), g -> new Dataplane()).rule("SHARED_DNAT",
          "-A SHARED_DNAT -d " + ip + "/32 -p " + protocol + " -m " + protocol + " --dport "
              + dnat.getSpec().getExternalPort() + " -j DNAT --to-destination " + dnat.getSpec().getInternalIp() + ":"
              + dnat.getSpec().getInternalPort());
    }
    if (dropRules) {
      planes.values().forEach(p -> p.rules.clear());
    }
    dataplane.set(planes);
  }

  private static String readyIp(IptablesEip eip) {
    return eip == null || eip.getStatus() == null || !Boolean.TRUE.equals(eip.getStatus().getReady())
        ? null : eip.getStatus().getIp();
  }

  private void gateways() {
    List<String> live = new ArrayList<>();
    List<Node> nodes = client.nodes().list().getItems();
    for (VpcNatGateway gw : client.resources(VpcNatGateway.class).list().getItems()) {
      String name = gw.getMetadata().getName();
      live.add(name);
      String podName = KubeOvn.gatewayPodName(name);
      String[] selector = gw.getSpec().getSelector().get(0).split(":\\s*", 2);
      Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
      if (pod != null) {
        Node on = nodes.stream().filter(n -> n.getMetadata().getName().equals(pod.getSpec().getNodeName()))
            .findFirst().orElse(null);
        if (on == null || !selector[1].equals(on.getMetadata().getLabels().get(selector[0]))) {
          // the selector changed: the StatefulSet rolls, the pod is re-created where it now fits
          client.pods().inNamespace(namespace).withName(podName).withGracePeriod(0).delete();
        }
        continue;
      }
      String node = nodes.stream()
          .filter(n -> selector[1].equals(n.getMetadata().getLabels().get(selector[0])))
          .filter(n -> !Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
          .map(n -> n.getMetadata().getName()).sorted().findFirst().orElse(null);
      if (node == null) {
        continue;
      }
      restarts.remove(podName);
      client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(podName)
          .withNamespace(namespace).addToLabels(KubeOvn.Labels.APP, KubeOvn.gatewayAppLabel(name))
          .addToLabels(KubeOvn.Labels.GATEWAY_POD, "true").addToAnnotations(KubeOvn.Annotations.GATEWAY_INIT, "true")
          .addToAnnotations(KubeOvn.Annotations.GATEWAY_NAME, name).endMetadata()
          .withNewSpec().withNodeName(node).endSpec()
          .withNewStatus().withPhase("Running").withContainerStatuses(new ContainerStatusBuilder()
              .withName(KubeOvn.GATEWAY_CONTAINER).withRestartCount(0).withReady(true).build()).endStatus()
          .build()).create();
    }
    for (Pod pod : client.pods().inNamespace(namespace).withLabel(KubeOvn.Labels.GATEWAY_POD, "true").list()
        .getItems()) {
      String app = pod.getMetadata().getLabels().get(KubeOvn.Labels.APP);
      if (live.stream().map(KubeOvn::gatewayAppLabel).noneMatch(app::equals)) {
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).withGracePeriod(0).delete();
      }
    }
  }

  private void controllerPod() {
    if (client.pods().inNamespace(namespace).withLabel("app", "kube-ovn-controller").list().getItems().isEmpty()) {
      int n = controllerRestarts.incrementAndGet();
      client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata()
          .withName("kube-ovn-controller-" + n).withNamespace(namespace).addToLabels("app", "kube-ovn-controller")
          .endMetadata().withNewStatus().withPhase("Running").endStatus().build()).create();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(Duration.ofSeconds(2).toMillis());
  }

  /** A gateway's network namespace as programmed. */
  static final class Dataplane {
    static final Dataplane EMPTY = new Dataplane();
    final Set<String> addresses = new TreeSet<>();
    final Map<String, List<String>> rules = new TreeMap<>();

    void rule(String chain, String line) {
      rules.computeIfAbsent(chain, c -> new ArrayList<>()).add(line);
    }

    String iptablesSave() {
      StringBuilder out = new StringBuilder("# Generated by iptables-save v1.8.9\n*nat\n");
      List<String> builtin = List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING");
      builtin.forEach(c -> out.append(':').append(c).append(" ACCEPT [0:0]\n"));
      List<String> own = List.of("DNAT_FILTER", "EXCLUSIVE_DNAT", "EXCLUSIVE_SNAT", "SHARED_DNAT", "SHARED_SNAT",
          "SNAT_FILTER");
      own.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
      out.append("-A PREROUTING -j DNAT_FILTER\n-A POSTROUTING -j SNAT_FILTER\n");
      out.append("-A DNAT_FILTER -j EXCLUSIVE_DNAT\n-A DNAT_FILTER -j SHARED_DNAT\n");
      for (String chain : List.of("EXCLUSIVE_DNAT", "EXCLUSIVE_SNAT", "SHARED_DNAT", "SHARED_SNAT")) {
        rules.getOrDefault(chain, List.of()).forEach(l -> out.append(l).append('\n'));
      }
      out.append("-A SNAT_FILTER -j EXCLUSIVE_SNAT\n-A SNAT_FILTER -j SHARED_SNAT\n");
      return out.append("COMMIT\n# Completed\n").toString();
    }

    String ipAddr() {
      StringBuilder out = new StringBuilder("4: net1    inet 172.19.0.5/16 brd 172.19.255.255 scope global net1\\"
          + "       valid_lft forever preferred_lft forever\n");
      for (String ip : addresses) {
        out.append("4: net1    inet ").append(ip)
            .append("/16 scope global secondary net1\\       valid_lft forever preferred_lft forever\n");
      }
      return out.toString();
    }
  }
}

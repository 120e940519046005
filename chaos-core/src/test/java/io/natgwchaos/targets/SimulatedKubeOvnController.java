package io.natgwchaos.targets;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.natgwchaos.gateway.Ipv4;
import io.natgwchaos.kubeovn.Condition;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.kubeovn.Vpc;
import io.natgwchaos.kubeovn.VpcNatGateway;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for kube-ovn-controller in mock-server tests: a thread that makes what the provisioning waits
 * for come true (Subnet Ready, Vpc standby, gateway pod with the init annotation on a node matching the
 * selector, EIP ready with an address, rules ready) and removes a deleted gateway's pod. Only the chosen
 * {@link Part}s are simulated, so a test can leave some never ready.
 */
public final class SimulatedKubeOvnController implements AutoCloseable {
  public enum Part { SUBNETS, VPCS, GATEWAYS, EIPS, RULES }

  private final KubernetesClient client;
  private final Set<Part> parts;
  private final String externalCidr;
  private final AtomicInteger nextHost = new AtomicInteger(10);
  private final Map<String, String> allocated = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  private SimulatedKubeOvnController(KubernetesClient client, Set<Part> parts, String externalCidr) {
    this.client = client;
    this.parts = parts;
    this.externalCidr = externalCidr;
    this.thread = new Thread(this::loop, "simulated-kube-ovn-controller");
    this.thread.setDaemon(true);
  }

  public static SimulatedKubeOvnController start(KubernetesClient client, String externalCidr, Part... parts) {
    Set<Part> chosen = parts.length == 0 ? EnumSet.allOf(Part.class) : EnumSet.of(parts[0], parts);
    SimulatedKubeOvnController controller = new SimulatedKubeOvnController(client, chosen, externalCidr);
    controller.thread.start();
    return controller;
  }

  public static void createNode(KubernetesClient client, String name) {
    Node node = new NodeBuilder().withNewMetadata().withName(name)
        .withLabels(new HashMap<>(Map.of("kubernetes.io/hostname", name))).endMetadata().build();
    client.nodes().resource(node).create();
  }

  private void loop() {
    while (running) {
      try {
        step();
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      } catch (KubernetesClientException | IllegalStateException e) {
        // objects come and go under us; the next round sees the new state
      }
    }
  }

  private void step() {
    if (parts.contains(Part.SUBNETS)) {
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
    }
    if (parts.contains(Part.VPCS)) {
      for (Vpc vpc : client.resources(Vpc.class).list().getItems()) {
        if (vpc.getStatus() == null) {
          client.resources(Vpc.class).withName(vpc.getMetadata().getName()).editStatus(v -> {
            v.setStatus(new Vpc.Status());
            v.getStatus().setStandby(true);
            return v;
          });
        }
      }
    }
    if (parts.contains(Part.GATEWAYS)) {
      gateways();
    }
    if (parts.contains(Part.EIPS)) {
      for (IptablesEip eip : client.resources(IptablesEip.class).list().getItems()) {
        if (eip.getStatus() == null) {
          String ip = allocated.computeIfAbsent(eip.getMetadata().getName(), n ->
              Ipv4.toText(Ipv4.toInt(Ipv4.address(externalCidr)) + nextHost.getAndIncrement()));
          client.resources(IptablesEip.class).withName(eip.getMetadata().getName()).editStatus(e -> {
            e.setStatus(new IptablesEip.Status());
            e.getStatus().setReady(true);
            e.getStatus().setIp(ip);
            return e;
          });
        }
      }
    }
    if (parts.contains(Part.RULES)) {
      for (IptablesFipRule fip : client.resources(IptablesFipRule.class).list().getItems()) {
        if (fip.getStatus() == null) {
          client.resources(IptablesFipRule.class).withName(fip.getMetadata().getName()).editStatus(f -> {
            f.setStatus(new IptablesFipRule.Status());
            f.getStatus().setReady(true);
            f.getStatus().setV4ip(allocated.get(f.getSpec().getEip()));
            return f;
          });
        }
      }
      for (IptablesSnatRule snat : client.resources(IptablesSnatRule.class).list().getItems()) {
        if (snat.getStatus() == null) {
          client.resources(IptablesSnatRule.class).withName(snat.getMetadata().getName()).editStatus(r -> {
            r.setStatus(new IptablesSnatRule.Status());
            r.getStatus().setReady(true);
            return r;
          });
        }
      }
      for (IptablesDnatRule dnat : client.resources(IptablesDnatRule.class).list().getItems()) {
        if (dnat.getStatus() == null) {
          client.resources(IptablesDnatRule.class).withName(dnat.getMetadata().getName()).editStatus(r -> {
            r.setStatus(new IptablesDnatRule.Status());
            r.getStatus().setReady(true);
            return r;
          });
        }
      }
    }
  }

  private void gateways() {
    List<String> live = new ArrayList<>();
    for (VpcNatGateway gw : client.resources(VpcNatGateway.class).list().getItems()) {
      String name = gw.getMetadata().getName();
      live.add(name);
      String podName = KubeOvn.gatewayPodName(name);
      if (client.pods().inNamespace(KubeOvn.CONTROLLER_NAMESPACE).withName(podName).get() != null) {
        continue;
      }
      String[] selector = gw.getSpec().getSelector().get(0).split(":\\s*", 2);
      String node = client.nodes().withLabel(selector[0], selector[1]).list().getItems().stream()
          .map(n -> n.getMetadata().getName()).sorted().findFirst().orElse(null);
      if (node == null) {
        continue;
      }
      Pod pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace(KubeOvn.CONTROLLER_NAMESPACE)
          .addToLabels(KubeOvn.Labels.APP, KubeOvn.gatewayAppLabel(name)).addToLabels(KubeOvn.Labels.GATEWAY_POD, "true")
          .addToAnnotations(KubeOvn.Annotations.GATEWAY_INIT, "true").endMetadata()
          .withNewSpec().withNodeName(node).endSpec().build();
      client.pods().inNamespace(KubeOvn.CONTROLLER_NAMESPACE).resource(pod).create();
    }
    for (Pod pod : client.pods().inNamespace(KubeOvn.CONTROLLER_NAMESPACE)
        .withLabel(KubeOvn.Labels.GATEWAY_POD, "true").list().getItems()) {
      String app = pod.getMetadata().getLabels().get(KubeOvn.Labels.APP);
      if (live.stream().map(KubeOvn::gatewayAppLabel).noneMatch(app::equals)) {
        client.pods().inNamespace(KubeOvn.CONTROLLER_NAMESPACE).withName(pod.getMetadata().getName()).delete();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(2000);
  }
}

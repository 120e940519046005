package io.natgwchaos.twin.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.twin.profile.Switch;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of kube-ovn-controller's pod handler that concerns gateway pods (pod.go): allocate eth0
 * (the gateway's lanIp) and net1 (from the external subnet, kept per pod name) and, once allocated,
 * enqueue the gateway's init; from v1.14 also notice a restarted container (#5072).
 */
final class PodHandlers {
  static final String ALLOCATED = "ovn.kubernetes.io/allocated";

  private final ControllerContext ctx;

  PodHandlers(ControllerContext ctx) {
    this.ctx = ctx;
  }

  void handle(String key) throws RetryableError {
    int slash = key.indexOf('/');
    String name = key.substring(slash + 1);
    Pod pod = ctx.pods.get(name);
    if (pod == null || ControllerContext.terminating(pod)) {
      return;
    }
    Map<String, String> annotations = ControllerContext.annotationsOf(pod);
    String gateway = annotations.get(KubeOvn.Annotations.GATEWAY_NAME);
    if (gateway == null) {
      return;
    }
    if (!"true".equals(annotations.get(ALLOCATED))) {
      allocate(pod, annotations);
      Pod fresh = ctx.api.client().pods().inNamespace(ctx.namespace).withName(name).get();
      if (fresh == null) {
        return;
      }
      ctx.queues.get(QueueName.INIT_GATEWAY).add(gateway);
    }
    if (ctx.on(Switch.CONTAINER_RESTART_ROLLOUT) && restartCount(pod) > 0) {
      ctx.queues.get(QueueName.ADD_OR_UPDATE_GATEWAY).add(gateway);
    }
  }

  private void allocate(Pod pod, Map<String, String> annotations) throws RetryableError {
    String networks = annotations.getOrDefault(KubeOvn.Annotations.MULTUS_NETWORKS, "");
    int slash = networks.indexOf('/');
    String nadNamespace = slash < 0 ? ctx.namespace : networks.substring(0, slash);
    String nad = slash < 0 ? networks : networks.substring(slash + 1);
    String provider = KubeOvn.provider(nad, nadNamespace);
    Subnet external = ctx.subnets.get(nad);
    if (external == null) {
      external = ctx.subnets.list(s -> s.getSpec() != null && provider.equals(s.getSpec().getProvider())).stream()
          .findFirst().orElse(null);
    }
    if (external == null || external.getSpec() == null) {
      throw new RetryableError("no subnet for provider " + provider + " of pod " + pod.getMetadata().getName());
    }
    String owner = pod.getMetadata().getName() + "." + pod.getMetadata().getNamespace() + "." + provider;
    String net1 = ctx.ipam.acquire(external.getMetadata().getName(), owner, external.getSpec().getCidrBlock(),
        external.getSpec().getGateway(), external.getSpec().getExcludeIps());
    Map<String, String> patch = new LinkedHashMap<>();
    patch.put(ALLOCATED, "true");
    patch.put(provider + ".kubernetes.io/allocated", "true");
    patch.put(KubeOvn.Annotations.providerIpAddress(provider), net1);
    patch.put(provider + ".kubernetes.io/cidr", external.getSpec().getCidrBlock());
    patch.put(provider + ".kubernetes.io/gateway", ControllerContext.nz(external.getSpec().getGateway()));
    patch.put(provider + ".kubernetes.io/logical_switch", external.getMetadata().getName());
    ctx.api.patchPodAnnotations(ctx.namespace, pod.getMetadata().getName(), patch);
  }

  static int restartCount(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return 0;
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(s -> KubeOvn.GATEWAY_CONTAINER.equals(s.getName()))
        .map(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).findFirst().orElse(0);
  }
}

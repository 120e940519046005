package io.natgwchaos.twin.controller;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.kubeovn.VpcNatGateway;
import io.natgwchaos.twin.profile.Switch;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's lifecycle (vpc_nat_gateway.go): its StatefulSet, the init of a new pod, and the five
 * redo-marking handlers that flag every EIP and rule of the gateway for re-programming.
 */
final class GatewayHandlers {
  static final String IMAGE_KEY = "image";

  private final ControllerContext ctx;
  private final StatusPatches patches;
  private final GatewayExec exec;
  volatile String gatewayImage = "docker.io/kubeovn/vpc-nat-gateway:unknown";

  GatewayHandlers(ControllerContext ctx, StatusPatches patches, GatewayExec exec) {
    this.ctx = ctx;
    this.patches = patches;
    this.exec = exec;
  }

  /** handleAddOrUpdateVpcNatGw (gw.go:167-272@v1.13.4, restart rollout from v1.14, #5072). */
  void addOrUpdate(String key) throws RetryableError, InterruptedException {
    VpcNatGateway gw = ctx.gateways.get(key);
    if (gw == null) {
      return;
    }
    ctx.locked(key, () -> {
      ctx.requireEnabled();
      if (ctx.vpcs.get(ControllerContext.nz(gw.getSpec().getVpc())) == null) {
        throw new RetryableError("failed to get vpc '" + gw.getSpec().getVpc() + "'");
      }
      if (ctx.subnets.get(ControllerContext.nz(gw.getSpec().getSubnet())) == null) {
        throw new RetryableError("failed to get subnet '" + gw.getSpec().getSubnet() + "'");
      }
      String stsName = KubeOvn.gatewayStatefulSetName(key);
      StatefulSet old;
      try {
        old = ctx.api.client().apps().statefulSets().inNamespace(ctx.namespace).withName(stsName).get();
      } catch (KubernetesClientException e) {
        throw new RetryableError("failed to get statefulset " + stsName + ": " + e.getMessage(), e);
      }
      int restarts = 0;
      if (old != null && ctx.on(Switch.CONTAINER_RESTART_ROLLOUT)) {
        restarts = restartCount(key);
      }
      StatefulSet wanted = statefulSet(gw, old, restarts > 0);
      if (old == null) {
        Api.call("create statefulset " + stsName,
            () -> ctx.api.client().apps().statefulSets().inNamespace(ctx.namespace).resource(wanted).create());
        patchGatewayStatus(gw);
      } else if (specChanged(gw) || restarts > 0) {
        wanted.getMetadata().setResourceVersion(null);
        Api.call("update statefulset " + stsName,
            () -> ctx.api.client().apps().statefulSets().inNamespace(ctx.namespace).resource(wanted).update());
        patchGatewayStatus(gw);
      }
      return null;
    });
  }

  private int restartCount(String gateway) throws InterruptedException {
    try {
      Pod pod = exec.natGwPod(gateway);
      return pod.getStatus().getContainerStatuses().stream()
          .filter(s -> KubeOvn.GATEWAY_CONTAINER.equals(s.getName()))
          .map(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).findFirst().orElse(0);
    } catch (RetryableError e) {
      return 0;
    }
  }

  /** isVpcNatGwChanged: spec fields the StatefulSet template depends on, compared with status. */
  private static boolean specChanged(VpcNatGateway gw) {
    VpcNatGateway.Status status = gw.getStatus() == null ? new VpcNatGateway.Status() : gw.getStatus();
    VpcNatGateway.Spec spec = gw.getSpec();
    return !Objects.equals(spec.getExternalSubnets(), status.getExternalSubnets())
        || !Objects.equals(spec.getSelector(), status.getSelector())
        || !Objects.equals(spec.getTolerations(), status.getTolerations())
        || !Objects.equals(spec.getAffinity(), status.getAffinity());
  }

  private void patchGatewayStatus(VpcNatGateway gw) throws RetryableError {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("qosPolicy", ControllerContext.nz(gw.getStatus() == null ? null : gw.getStatus().getQosPolicy()));
    status.put("externalSubnets", gw.getSpec().getExternalSubnets());
    status.put("selector", gw.getSpec().getSelector());
    status.put("tolerations", gw.getSpec().getTolerations());
    status.put("affinity", gw.getSpec().getAffinity());
    ctx.api.patchStatus(VpcNatGateway.class, gw.getMetadata().getName(), status);
  }

  /** genNatGwStatefulSet (gw.go:735-974@v1.13.4): one replica, pinned by selector, net1 from the NAD. */
  StatefulSet statefulSet(VpcNatGateway gw, StatefulSet old, boolean toggleRestartAnnotation) {
    String name = gw.getMetadata().getName();
    String external = gw.getSpec().getExternalSubnets() == null || gw.getSpec().getExternalSubnets().isEmpty()
        ? KubeOvn.DEFAULT_EXTERNAL_NETWORK : gw.getSpec().getExternalSubnets().get(0);
    Map<String, String> labels = Map.of(KubeOvn.Labels.APP, KubeOvn.gatewayAppLabel(name),
        KubeOvn.Labels.GATEWAY_POD, "true");
    Map<String, String> podAnnotations = new LinkedHashMap<>();
    podAnnotations.put(KubeOvn.Annotations.GATEWAY_NAME, name);
    podAnnotations.put(KubeOvn.Annotations.MULTUS_NETWORKS, ctx.namespace + "/" + external);
    podAnnotations.put(KubeOvn.Annotations.LOGICAL_SWITCH, ControllerContext.nz(gw.getSpec().getSubnet()));
    podAnnotations.put(KubeOvn.Annotations.IP_ADDRESS, ControllerContext.nz(gw.getSpec().getLanIp()));
    Subnet internal = ctx.subnets.get(ControllerContext.nz(gw.getSpec().getSubnet()));
    String internalGateway = internal == null || internal.getSpec() == null ? "" : ControllerContext.nz(internal.getSpec().getGateway());
    podAnnotations.put(KubeOvn.Annotations.ROUTES, Serialization.asJson(List.of(
        Map.of("dst", ctx.config.serviceCidr(), "gw", internalGateway))));
    Subnet externalSubnet = ctx.subnets.get(external);
    if (externalSubnet != null && externalSubnet.getSpec() != null) {
      podAnnotations.put(KubeOvn.Annotations.providerRoutes(KubeOvn.provider(external, ctx.namespace)),
          Serialization.asJson(List.of(Map.of("dst", "0.0.0.0/0", "gw", ControllerContext.nz(externalSubnet.getSpec().getGateway())))));
    }
    if (toggleRestartAnnotation) {
      Map<String, String> oldTemplate = old == null || old.getSpec().getTemplate().getMetadata().getAnnotations() == null
          ? Map.of() : old.getSpec().getTemplate().getMetadata().getAnnotations();
      if (!oldTemplate.containsKey(KubeOvn.Annotations.CONTAINER_RESTARTED)) {
        podAnnotations.put(KubeOvn.Annotations.CONTAINER_RESTARTED, "");
      }
    }
    Map<String, String> nodeSelector = new LinkedHashMap<>();
    nodeSelector.put("kubernetes.io/os", "linux");
    if (gw.getSpec().getSelector() != null) {
      for (String term : gw.getSpec().getSelector()) {
        int colon = term.indexOf(':');
        if (colon > 0) {
          nodeSelector.put(term.substring(0, colon).strip(), term.substring(colon + 1).strip());
        }
      }
    }
    return new StatefulSetBuilder()
        .withNewMetadata().withName(KubeOvn.gatewayStatefulSetName(name)).withNamespace(ctx.namespace)
        .withLabels(labels).withAnnotations(old == null ? null : old.getMetadata().getAnnotations()).endMetadata()
        .withNewSpec().withReplicas(1)
        .withNewSelector().withMatchLabels(labels).endSelector()
        .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
        .withNewTemplate()
        .withNewMetadata().withLabels(labels).withAnnotations(podAnnotations).endMetadata()
        .withNewSpec().withTerminationGracePeriodSeconds(0L).withNodeSelector(nodeSelector)
        .withTolerations(gw.getSpec().getTolerations()).withAffinity(gw.getSpec().getAffinity())
        .withContainers(new ContainerBuilder().withName(KubeOvn.GATEWAY_CONTAINER).withImage(gatewayImage)
            .withCommand("sleep", "infinity").withImagePullPolicy("IfNotPresent")
            .withNewSecurityContext().withPrivileged(true).withAllowPrivilegeEscalation(true).endSecurityContext()
            .build())
        .endSpec().endTemplate().endSpec().build();
  }

  /** handleDelVpcNatGw: removes the StatefulSet. */
  void delete(String key) throws RetryableError, InterruptedException {
    ctx.locked(key, () -> {
      Api.call("delete statefulset", () -> ctx.api.client().apps().statefulSets().inNamespace(ctx.namespace)
          .withName(KubeOvn.gatewayStatefulSetName(key)).delete());
      return null;
    });
  }

  /** handleInitVpcNatGw (gw.go:274-352@v1.13.4): init a new pod, stamp, enqueue the redo marking. */
  void init(String key) throws RetryableError, InterruptedException {
    VpcNatGateway gw = ctx.gateways.get(key);
    if (gw == null) {
      return;
    }
    ctx.requireEnabled();
    ctx.locked(key, () -> {
      Pod pod = exec.natGwPod(key);
      boolean initialised = "true".equals(ControllerContext.annotationsOf(pod).get(KubeOvn.Annotations.GATEWAY_INIT));
      if (initialised && ctx.on(Switch.INIT_ONLY_UNINITED_RETURNS_EARLY)) {
        return null;
      }
      if (!initialised) {
        ctx.redoStamps.onInit(key, Instant.parse(pod.getMetadata().getCreationTimestamp()));
        exec.execRules(pod, "init", List.of());
      }
      for (QueueName marking : List.of(QueueName.MARK_FIPS, QueueName.MARK_DNATS, QueueName.MARK_SNATS,
          QueueName.MARK_SUBNET_ROUTES, QueueName.MARK_EIPS)) {
        ctx.queues.get(marking).add(key);
      }
      if (!initialised) {
        ctx.api.patchPodAnnotations(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
            Map.of(KubeOvn.Annotations.GATEWAY_INIT, "true"));
      }
      return null;
    });
  }

  /** initCreateAt: the stamp comes from the gateway's pod when the process has none yet. */
  private String stamp(String gateway) throws RetryableError, InterruptedException {
    if (ctx.redoStamps.isEmpty(gateway)) {
      Pod pod = exec.natGwPod(gateway);
      ctx.redoStamps.onInit(gateway, Instant.parse(pod.getMetadata().getCreationTimestamp()));
    }
    return ctx.redoStamps.current(gateway);
  }

  /** handleUpdateVpcFloatingIP / Dnat / Snat: mark every rule of the gateway whose redo differs. */
  void markRules(RuleKind kind, String gateway) throws RetryableError, InterruptedException {
    ctx.requireEnabled();
    ctx.locked(gateway, () -> {
      stamp(gateway);
      var rules = kind.cache(ctx).withLabels(Map.of(KubeOvn.Labels.NAT_GW_NAME, gateway));
      for (var rule : rules) {
        String current = ctx.redoStamps.current(gateway);
        if (!current.equals(RuleView.of(rule).redo())) {
          patches.redoRule(kind, rule.getMetadata().getName(), current);
        }
      }
      return null;
    });
  }

  /** handleUpdateVpcEip: mark every EIP of the gateway whose redo differs. */
  void markEips(String gateway) throws RetryableError, InterruptedException {
    ctx.requireEnabled();
    ctx.locked(gateway, () -> {
      stamp(gateway);
      for (IptablesEip eip : ctx.eips.list()) {
        String current = ctx.redoStamps.current(gateway);
        String redo = eip.getStatus() == null ? "" : ControllerContext.nz(eip.getStatus().getRedo());
        if (gateway.equals(eip.getSpec() == null ? null : eip.getSpec().getNatGwDp()) && !current.equals(redo)) {
          patches.markEipForRedo(eip, current);
        }
      }
      return null;
    });
  }

  /** handleUpdateNatGwSubnetRoute: routes to the VPC's other subnets, and the vpc_cidrs annotation. */
  void markSubnetRoutes(String gateway) throws RetryableError, InterruptedException {
    VpcNatGateway gw = ctx.gateways.get(gateway);
    if (gw == null) {
      return;
    }
    ctx.requireEnabled();
    ctx.locked(gateway, () -> {
      Pod pod = exec.natGwPod(gateway);
      Subnet own = ctx.subnets.get(ControllerContext.nz(gw.getSpec().getSubnet()));
      String cidr = own == null || own.getSpec() == null ? "" : ControllerContext.nz(own.getSpec().getCidrBlock());
      String current = ControllerContext.annotationsOf(pod).get(KubeOvn.Annotations.VPC_CIDRS);
      String wanted = Serialization.asJson(List.of(cidr));
      if (!wanted.equals(current)) {
        ctx.api.patchPodAnnotations(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
            Map.of(KubeOvn.Annotations.VPC_CIDRS, wanted));
      }
      return null;
    });
  }

  /**
   * initVpcNatGw at process start: enqueue init for gateways whose pod lacks the init annotation; up to
   * v1.16 the scan stops at the first already-initialised gateway (gw.go:1257-1258@v1.13.4).
   */
  void startupScan() throws InterruptedException {
    if (!ControllerContext.ENABLED.equals(ctx.vpcNatEnabled)) {
      return;
    }
    for (VpcNatGateway gw : ctx.gateways.list()) {
      String name = gw.getMetadata().getName();
      Pod pod;
      try {
        pod = exec.natGwPod(name);
      } catch (RetryableError e) {
        continue;
      }
      if ("true".equals(ControllerContext.annotationsOf(pod).get(KubeOvn.Annotations.GATEWAY_INIT))) {
        if (ctx.on(Switch.INIT_SCAN_RETURNS_ON_FIRST_INITED)) {
          return;
        }
        continue;
      }
      ctx.queues.get(QueueName.INIT_GATEWAY).add(name);
    }
  }
}

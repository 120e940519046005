package io.natgwchaos.twin.controller;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.twin.profile.Switch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The IptablesEIP add, update (delete, redo) and reset handlers (vpc_nat_gw_eip.go). */
final class EipHandlers {
  private final ControllerContext ctx;
  private final StatusPatches patches;
  private final GatewayExec exec;

  EipHandlers(ControllerContext ctx, StatusPatches patches, GatewayExec exec) {
    this.ctx = ctx;
    this.patches = patches;
    this.exec = exec;
  }

  /** handleAddIptablesEip (eip.go:70-161@v1.13.4). */
  void add(String key) throws RetryableError, InterruptedException {
    IptablesEip cached = ctx.eips.get(key);
    if (cached == null) {
      return;
    }
    ctx.requireEnabled();
    ctx.locked(key, () -> {
      IptablesEip.Status status = cached.getStatus();
      if (status != null && Boolean.TRUE.equals(status.getReady()) && !ControllerContext.nz(status.getIp()).isEmpty()) {
        return null;
      }
      Subnet subnet = externalSubnet(cached);
      String gateway = ControllerContext.nz(cached.getSpec().getNatGwDp());
      if (ctx.on(Switch.EIP_POD_CHECK_BEFORE_IPAM)) {
        exec.natGwPod(gateway);
      }
      String requested = ControllerContext.nz(cached.getSpec().getV4ip());
      String v4ip = requested.isEmpty()
          ? ctx.ipam.acquire(subnet.getMetadata().getName(), key, subnet.getSpec().getCidrBlock(),
              subnet.getSpec().getGateway(), subnet.getSpec().getExcludeIps())
          : ctx.ipam.acquireStatic(subnet.getMetadata().getName(), key, requested);
      Pod pod = exec.natGwPod(gateway);
      exec.execRules(pod, "eip-add", List.of(withPrefix(v4ip, subnet)));
      createOrUpdateEipCr(key, v4ip, gateway, subnet.getMetadata().getName());
      return null;
    });
  }

  /** createOrUpdateEipCR (eip.go:559-661@v1.13.4; v1.15+: eip.go:578-678@v1.15.24). */
  private void createOrUpdateEipCr(String key, String v4ip, String gateway, String externalNetwork)
      throws RetryableError {
    IptablesEip cached = ctx.eips.get(key);
    if (cached == null) {
      switch (ctx.profile.missingEipOnCreate()) {
        case PANIC -> throw new ProcessCrash("nil pointer dereference in createOrUpdateEipCR for eip " + key);
        case RESURRECT -> {
          resurrect(key, v4ip, gateway, externalNetwork);
          return;
        }
        case IGNORE -> {
          return;
        }
      }
    }
    IptablesEip updated = copy(cached);
    updated.getSpec().setV4ip(v4ip);
    updated.getSpec().setNatGwDp(gateway);
    boolean labelsInUpdate = ctx.on(Switch.EIP_LABELS_IN_UPDATE);
    if (labelsInUpdate) {
      Map<String, String> labels = new LinkedHashMap<>(ControllerContext.labelsOf(cached));
      labels.put(KubeOvn.Labels.SUBNET, externalNetwork);
      labels.put(KubeOvn.Labels.NAT_GW_NAME, gateway);
      labels.put(KubeOvn.Labels.EIP_V4_IP, v4ip);
      labels.put(KubeOvn.Labels.QOS, ControllerContext.nz(cached.getSpec().getQosPolicy()));
      updated.getMetadata().setLabels(labels);
    }
    if (!Api.call("update eip " + key, () -> ctx.api.client().resources(IptablesEip.class).resource(updated).update())) {
      throw new RetryableError("failed to update eip crd " + key + ": not found");
    }
    IptablesEip.Status st = cached.getStatus() == null ? new IptablesEip.Status() : cached.getStatus();
    String ip = ControllerContext.nz(st.getIp()).isEmpty() ? v4ip : st.getIp();
    Map<String, Object> status = StatusPatches.eipStatus(true, ip, ControllerContext.nz(st.getRedo()),
        ControllerContext.nz(st.getNat()), ControllerContext.nz(cached.getSpec().getQosPolicy()));
    if (!ctx.on(Switch.FULL_STATUS_PATCH_FROM_CACHE)) {
      status.remove("redo");
      status.remove("nat");
      if (!ControllerContext.nz(st.getIp()).isEmpty()) {
        status.remove("ip");
      }
    }
    boolean patched = ctx.api.patchStatus(IptablesEip.class, key, status);
    if (!patched) {
      return;
    }
    if (!labelsInUpdate) {
      Map<String, String> labels = new LinkedHashMap<>(ControllerContext.labelsOf(cached));
      if (labels.isEmpty()) {
        labels.put(KubeOvn.Labels.SUBNET, externalNetwork);
        labels.put(KubeOvn.Labels.NAT_GW_NAME, gateway);
        labels.put(KubeOvn.Labels.EIP_V4_IP, v4ip);
        ctx.api.jsonPatchMetadataMap(IptablesEip.class, key, "labels", "add", labels);
      } else if (!externalNetwork.equals(labels.get(KubeOvn.Labels.SUBNET))) {
        labels.put(KubeOvn.Labels.SUBNET, externalNetwork);
        labels.put(KubeOvn.Labels.NAT_GW_NAME, gateway);
        ctx.api.jsonPatchMetadataMap(IptablesEip.class, key, "labels", "replace", labels);
      }
    }
    patches.addEipFinalizer(key);
  }

  /** v1.15+: an EIP deleted during its add is created again (the status in the body is dropped). */
  private void resurrect(String key, String v4ip, String gateway, String externalNetwork) throws RetryableError {
    IptablesEip eip = new IptablesEip();
    eip.setMetadata(new ObjectMetaBuilder().withName(key)
        .withLabels(Map.of(KubeOvn.Labels.SUBNET, externalNetwork, KubeOvn.Labels.EIP_V4_IP, v4ip,
            KubeOvn.Labels.NAT_GW_NAME, gateway))
        .withFinalizers(KubeOvn.Finalizers.CONTROLLER).build());
    eip.setSpec(new IptablesEip.Spec());
    eip.getSpec().setV4ip(v4ip);
    eip.getSpec().setNatGwDp(gateway);
    try {
      ctx.api.client().resources(IptablesEip.class).resource(eip).create();
    } catch (KubernetesClientException e) {
      throw new RetryableError("failed to create eip crd " + key + ": " + e.getMessage(), e);
    }
  }

  /** handleResetIptablesEip (eip.go:163-181@v1.13.4): no lock; labels, then status with ready=true (#5114). */
  void reset(String key) throws RetryableError {
    IptablesEip cached = ctx.eips.get(key);
    if (cached == null) {
      return;
    }
    patches.patchEipLabel(key);
    patches.patchEipStatus(key, "", "", "", ctx.on(Switch.EIP_RESET_FORCES_READY) ? Boolean.TRUE : null);
  }

  /** handleUpdateIptablesEip (eip.go:183-335@v1.13.4): deletion, then the redo branch. */
  void update(String key) throws RetryableError, InterruptedException {
    IptablesEip cached = ctx.eips.get(key);
    if (cached == null) {
      return;
    }
    ctx.locked(key, () -> {
      Subnet subnet = externalSubnet(cached);
      IptablesEip.Status status = cached.getStatus() == null ? new IptablesEip.Status() : cached.getStatus();
      String ip = ControllerContext.nz(status.getIp());
      String gateway = ControllerContext.nz(cached.getSpec().getNatGwDp());
      if (ControllerContext.terminating(cached)) {
        if (ctx.on(Switch.EIP_DELETE_WAITS_FOR_NAT_USERS)
            && !patches.eipNat(ControllerContext.nz(cached.getSpec().getV4ip())).isEmpty()) {
          return null;
        }
        if (ControllerContext.ENABLED.equals(ctx.vpcNatEnabled) && !ip.isEmpty()) {
          deleteEipInPod(gateway, withPrefix(ip, subnet));
        }
        boolean releaseFirst = ctx.on(Switch.EIP_DELETE_WAITS_FOR_NAT_USERS);
        if (releaseFirst) {
          ctx.ipam.release(subnet.getMetadata().getName(), key);
        }
        patches.removeFinalizer(IptablesEip.class, cached);
        if (!releaseFirst) {
          ctx.ipam.release(subnet.getMetadata().getName(), key);
        }
        return null;
      }
      String specIp = ControllerContext.nz(cached.getSpec().getV4ip());
      if (!ip.isEmpty() && !specIp.isEmpty() && !ip.equals(specIp)) {
        throw new RetryableError("not support eip change ip, old ip '" + ip + "', new ip '" + specIp + "'");
      }
      ctx.requireEnabled();
      if (!Boolean.TRUE.equals(status.getReady()) && !ControllerContext.nz(status.getRedo()).isEmpty() && !ip.isEmpty()) {
        Pod pod = exec.natGwPod(gateway);
        // upstream's start-time check is guarded by status.ready inside this !ready branch: it never fires
        exec.execRules(pod, "eip-add", List.of(withPrefix(ip, subnet)));
        patches.patchEipStatus(key, "", "", ControllerContext.nz(cached.getSpec().getQosPolicy()), true);
      }
      patches.addEipFinalizer(key);
      return null;
    });
  }

  private void deleteEipInPod(String gateway, String address) throws RetryableError, InterruptedException {
    Pod pod;
    try {
      pod = exec.natGwPod(gateway);
    } catch (NotFoundError e) {
      if (ctx.on(Switch.DELETE_SUCCEEDS_WITHOUT_POD) || ctx.gateways.get(gateway) == null) {
        return;
      }
      throw e;
    }
    exec.execRules(pod, "eip-del", List.of(address));
  }

  /** The subnet an EIP takes its address from: its spec.externalSubnet or the default external network. */
  Subnet externalSubnet(IptablesEip eip) throws RetryableError {
    String name = StatusPatches.externalNetworkOf(eip.getSpec() == null ? null : eip.getSpec().getExternalSubnet());
    Subnet subnet = ctx.subnets.get(name);
    if (subnet == null) {
      String provider = KubeOvn.provider(name, ctx.namespace);
      subnet = ctx.subnets.list(s -> s.getSpec() != null && provider.equals(s.getSpec().getProvider())).stream()
          .findFirst().orElse(null);
    }
    if (subnet == null || subnet.getSpec() == null || subnet.getSpec().getCidrBlock() == null) {
      throw new RetryableError("failed to find external subnet " + name + " of eip " + eip.getMetadata().getName());
    }
    return subnet;
  }

  static String withPrefix(String ip, Subnet subnet) {
    String cidr = subnet.getSpec().getCidrBlock();
    return ip + cidr.substring(cidr.indexOf('/'));
  }

  static IptablesEip copy(IptablesEip eip) {
    return io.fabric8.kubernetes.client.utils.Serialization.clone(eip);
  }

  void onAddEvent(IptablesEip eip) {
    boolean toUpdate = ctx.on(Switch.TERMINATING_ADD_ROUTES_TO_UPDATE) && ControllerContext.terminating(eip);
    ctx.queues.get(toUpdate ? QueueName.UPDATE_EIP : QueueName.ADD_EIP).add(eip.getMetadata().getName());
  }

  /** Only deletion, a redo stamp change or a QoS change enqueue (eip.go:46-48@v1.13.4). */
  void onUpdateEvent(IptablesEip old, IptablesEip now) {
    String oldRedo = old.getStatus() == null ? "" : ControllerContext.nz(old.getStatus().getRedo());
    String newRedo = now.getStatus() == null ? "" : ControllerContext.nz(now.getStatus().getRedo());
    String oldQos = old.getSpec() == null ? "" : ControllerContext.nz(old.getSpec().getQosPolicy());
    String newQos = now.getSpec() == null ? "" : ControllerContext.nz(now.getSpec().getQosPolicy());
    if (ControllerContext.terminating(now) || !oldRedo.equals(newRedo) || !oldQos.equals(newQos)) {
      ctx.queues.get(QueueName.UPDATE_EIP).add(now.getMetadata().getName());
    }
  }
}

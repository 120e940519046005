package io.natgwchaos.twin.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.twin.profile.Switch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's status, label and finalizer helpers (patchEipStatus, patch*Status, redo*, patch*Label,
 * handleAdd/Del*Finalizer). Each builds its write from the lister's copy, so a write computed from a
 * stale copy can carry stale fields back to the API server.
 */
final class StatusPatches {
  private final ControllerContext ctx;

  StatusPatches(ControllerContext ctx) {
    this.ctx = ctx;
  }

  // --- EIP ------------------------------------------------------------------------------------------

  /** {@code getIptablesEipNat}: the rule kinds labelled with the EIP's spec.v4ip, always dnat,fip,snat. */
  String eipNat(String eipV4ip) {
    List<String> kinds = new ArrayList<>(3);
    Map<String, String> selector = Map.of(KubeOvn.Labels.EIP_V4_IP, eipV4ip);
    if (!ctx.dnats.withLabels(selector).isEmpty()) {
      kinds.add("dnat");
    }
    if (!ctx.fips.withLabels(selector).isEmpty()) {
      kinds.add("fip");
    }
    if (!ctx.snats.withLabels(selector).isEmpty()) {
      kinds.add("snat");
    }
    return String.join(",", kinds);
  }

  /**
   * {@code patchEipStatus(key, v4ip, redo, qos, ready)} (eip.go:801-861@v1.13.4). A null {@code ready} leaves
   * readiness out of the write: how the modelled fix refreshes {@code status.nat} without re-asserting a readiness
   * read from a copy that may predate a redo marking (upstream always writes one).
   */
  void patchEipStatus(String key, String v4ip, String redo, String qos, Boolean ready) throws RetryableError {
    IptablesEip cached = ctx.eips.get(key);
    if (cached == null) {
      return;
    }
    patchEipStatus(cached, v4ip, redo, qos, ready, null);
  }

  /**
   * As above, from {@code cached}; with {@code precondition} (a resourceVersion) the write is refused with a
   * conflict when the object changed since that version, and the caller retries on a fresher copy.
   */
  private void patchEipStatus(IptablesEip cached, String v4ip, String redo, String qos, Boolean ready,
      String precondition) throws RetryableError {
    String key = cached.getMetadata().getName();
    IptablesEip.Status st = cached.getStatus() == null ? new IptablesEip.Status() : cached.getStatus();
    boolean newReady = Boolean.TRUE.equals(st.getReady());
    String newRedo = ControllerContext.nz(st.getRedo());
    String newIp = ControllerContext.nz(st.getIp());
    String newQos = ControllerContext.nz(st.getQosPolicy());
    boolean changed = false;
    if (ready != null && newReady != ready) {
      newReady = ready;
      changed = true;
    }
    if (!redo.isEmpty() && !redo.equals(newRedo)) {
      newRedo = redo;
      changed = true;
    }
    if (Boolean.TRUE.equals(ready) && !v4ip.isEmpty() && !v4ip.equals(newIp)) {
      newIp = v4ip;
      changed = true;
    }
    String nat = eipNat(ControllerContext.nz(cached.getSpec() == null ? null : cached.getSpec().getV4ip()));
    if (!nat.equals(ControllerContext.nz(st.getNat()))) {
      changed = true;
    }
    if (!qos.isEmpty() && !qos.equals(newQos)) {
      newQos = qos;
      changed = true;
    }
    if (changed) {
      Map<String, Object> status;
      if (ctx.on(Switch.FULL_STATUS_PATCH_FROM_CACHE)) {
        status = eipStatus(newReady, newIp, newRedo, nat, newQos);
      } else {
        status = new LinkedHashMap<>();
        if (ready != null) {
          status.put("ready", newReady);
        }
        status.put("nat", nat);
        if (!redo.isEmpty()) {
          status.put("redo", redo);
        }
        if (Boolean.TRUE.equals(ready) && !v4ip.isEmpty()) {
          status.put("ip", v4ip);
        }
        if (!qos.isEmpty()) {
          status.put("qosPolicy", qos);
        }
      }
      if (precondition == null) {
        ctx.api.patchStatus(IptablesEip.class, key, status);
      } else {
        ctx.api.patchStatusAt(IptablesEip.class, key, precondition, status);
      }
    }
  }

  static Map<String, Object> eipStatus(boolean ready, String ip, String redo, String nat, String qos) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("ready", ready);
    status.put("ip", ip);
    status.put("redo", redo);
    status.put("nat", nat);
    status.put("qosPolicy", qos);
    return status;
  }

  /** {@code patchEipLabel} (eip.go:862-893@v1.13.4). */
  void patchEipLabel(String key) throws RetryableError {
    IptablesEip cached = ctx.eips.get(key);
    if (cached == null) {
      return;
    }
    IptablesEip.Spec spec = cached.getSpec() == null ? new IptablesEip.Spec() : cached.getSpec();
    String external = externalNetworkOf(spec.getExternalSubnet());
    Map<String, String> labels = new LinkedHashMap<>(ControllerContext.labelsOf(cached));
    String op;
    if (labels.isEmpty()) {
      op = "add";
      labels.put(KubeOvn.Labels.SUBNET, external);
      labels.put(KubeOvn.Labels.NAT_GW_NAME, ControllerContext.nz(spec.getNatGwDp()));
      labels.put(KubeOvn.Labels.QOS, ControllerContext.nz(spec.getQosPolicy()));
      labels.put(KubeOvn.Labels.EIP_V4_IP, ControllerContext.nz(spec.getV4ip()));
    } else if (!ControllerContext.nz(spec.getNatGwDp()).equals(labels.get(KubeOvn.Labels.NAT_GW_NAME))
        || !ControllerContext.nz(spec.getQosPolicy()).equals(ControllerContext.nz(labels.get(KubeOvn.Labels.QOS)))) {
      op = "replace";
      labels.put(KubeOvn.Labels.SUBNET, external);
      labels.put(KubeOvn.Labels.NAT_GW_NAME, ControllerContext.nz(spec.getNatGwDp()));
      labels.put(KubeOvn.Labels.QOS, ControllerContext.nz(spec.getQosPolicy()));
      labels.put(KubeOvn.Labels.EIP_V4_IP, ControllerContext.nz(spec.getV4ip()));
    } else {
      return;
    }
    ctx.api.jsonPatchMetadataMap(IptablesEip.class, key, "labels", op, labels);
  }

  static String externalNetworkOf(String externalSubnet) {
    return externalSubnet == null || externalSubnet.isEmpty() ? KubeOvn.DEFAULT_EXTERNAL_NETWORK : externalSubnet;
  }

  // --- FIP / DNAT / SNAT ------------------------------------------------------------------------------

  /** {@code patchFipStatus}, {@code patchDnatStatus}, {@code patchSnatStatus}. */
  void patchRuleStatus(RuleKind kind, String key, String v4ip, String v6ip, String natGwDp, String redo,
      boolean ready) throws RetryableError {
    RuleView rule = kind.view(ctx, key);
    if (rule == null) {
      return;
    }
    Map<String, Object> status = kind.statusPatch(rule, v4ip, v6ip, natGwDp, redo, ready);
    if (status != null) {
      ctx.api.patchStatus(kind.type, key, ctx.on(Switch.FULL_STATUS_PATCH_FROM_CACHE) ? status
          : kind.changedFields(rule, status));
    }
  }

  /**
   * Marks an EIP for re-programming with {@code stamp} (not ready), deciding on the lister's copy {@code cached}.
   * Without {@code EIP_REDO_MARK_WITHOUT_PRECONDITION} the write carries that copy's resourceVersion: a copy that
   * missed the EIP's re-programming for this very stamp is refused (a retry then sees the stamp served).
   */
  void markEipForRedo(IptablesEip cached, String stamp) throws RetryableError {
    String precondition = ctx.on(Switch.EIP_REDO_MARK_WITHOUT_PRECONDITION) ? null
        : cached.getMetadata().getResourceVersion();
    patchEipStatus(cached, "", stamp, "", false, precondition);
  }

  /**
   * {@code redoFip}/{@code redoDnat}/{@code redoSnat}: marks the rule and its EIP for re-programming. The
   * EIP is marked without looking at its own redo stamp unless {@code RULE_REDO_MARKS_EIP_BLINDLY} is off.
   */
  void redoRule(RuleKind kind, String key, String stamp) throws RetryableError {
    RuleView rule = kind.view(ctx, key);
    if (rule == null || stamp.isEmpty() || stamp.equals(rule.redo())) {
      return;
    }
    if (kind == RuleKind.FIP) {
      patchEipLabel(rule.eip());
    }
    IptablesEip eip = ctx.eips.get(rule.eip());
    if (eip != null && (ctx.on(Switch.RULE_REDO_MARKS_EIP_BLINDLY)
        || !stamp.equals(eip.getStatus() == null ? null : eip.getStatus().getRedo()))) {
      markEipForRedo(eip, stamp);
    }
    patchRuleStatus(kind, key, "", "", "", stamp, false);
  }

  /** {@code patchFipLabel}/{@code patchDnatLabel}/{@code patchSnatLabel} plus the vpc_eip annotation. */
  void patchRuleLabels(RuleKind kind, String key, IptablesEip eip) throws RetryableError {
    RuleView rule = kind.view(ctx, key);
    if (rule == null) {
      return;
    }
    String gateway = ControllerContext.nz(eip.getSpec().getNatGwDp());
    String eipV4 = ControllerContext.nz(eip.getSpec().getV4ip());
    Map<String, String> labels = new LinkedHashMap<>(rule.labels());
    String op = null;
    if (labels.isEmpty()) {
      op = "add";
      labels.put(KubeOvn.Labels.NAT_GW_NAME, gateway);
      labels.put(KubeOvn.Labels.EIP_V4_IP, eipV4);
      if (kind == RuleKind.DNAT) {
        labels.put(KubeOvn.Labels.DNAT_EXTERNAL_PORT, rule.externalPort());
      }
    } else {
      // upstream compares the subnet label (never set on rules) with the gateway name
      String compared = ctx.on(Switch.LABEL_REPLACE_ALWAYS) ? labels.get(KubeOvn.Labels.SUBNET)
          : labels.get(KubeOvn.Labels.NAT_GW_NAME);
      if (!gateway.equals(compared) || !eipV4.equals(labels.get(KubeOvn.Labels.EIP_V4_IP))) {
        op = "replace";
        labels.put(KubeOvn.Labels.NAT_GW_NAME, gateway);
        labels.put(KubeOvn.Labels.EIP_V4_IP, eipV4);
        if (kind == RuleKind.DNAT) {
          labels.put(KubeOvn.Labels.DNAT_EXTERNAL_PORT, rule.externalPort());
        }
      }
    }
    if (op != null) {
      ctx.api.jsonPatchMetadataMap(kind.type, key, "labels", op, labels);
    }
    Map<String, String> annotations = new LinkedHashMap<>(rule.annotations());
    String eipName = eip.getMetadata().getName();
    if (annotations.isEmpty()) {
      annotations.put(KubeOvn.Annotations.VPC_EIP, eipName);
      ctx.api.jsonPatchMetadataMap(kind.type, key, "annotations", "add", annotations);
    } else if (!eipName.equals(annotations.get(KubeOvn.Annotations.VPC_EIP))) {
      annotations.put(KubeOvn.Annotations.VPC_EIP, eipName);
      ctx.api.jsonPatchMetadataMap(kind.type, key, "annotations", "replace", annotations);
    }
  }

  // --- finalizers --------------------------------------------------------------------------------------

  /**
   * The add-finalizer helper of a rule. Upstream returns success when the object is gone or terminating
   * and the add handler then goes on programming (#5115 R1); the {@code fixed} profile returns an error.
   */
  void addRuleFinalizer(RuleKind kind, String key) throws RetryableError {
    HasMetadata cached = kind.cache(ctx).get(key);
    boolean tolerant = ctx.on(Switch.FINALIZER_HELPER_IGNORES_MISSING);
    if (cached == null) {
      if (tolerant) {
        return;
      }
      throw new RetryableError(kind.natWord + " " + key + " is gone; not adding a finalizer");
    }
    List<String> finalizers = finalizersOf(cached);
    if (ControllerContext.terminating(cached)) {
      if (tolerant) {
        return;
      }
      throw new RetryableError(kind.natWord + " " + key + " is being deleted; not adding a finalizer");
    }
    boolean skipIfAny = ctx.on(Switch.RULE_FINALIZER_SKIP_IF_ANY);
    if (skipIfAny ? !finalizers.isEmpty() : finalizers.contains(KubeOvn.Finalizers.CONTROLLER)) {
      return;
    }
    if (kind == RuleKind.SNAT && ctx.on(Switch.SNAT_FINALIZER_REMOVED_ON_ADD)) {
      // RemoveFinalizer on an object without it: the generated merge patch is "{}"
      if (!ctx.api.emptyPatch(kind.type, key) && !tolerant) {
        throw new RetryableError("snat " + key + " is gone");
      }
      return;
    }
    List<String> updated = new ArrayList<>(finalizers);
    updated.add(KubeOvn.Finalizers.CONTROLLER);
    if (!ctx.api.patchFinalizers(kind.type, key, updated) && !tolerant) {
      throw new RetryableError(kind.natWord + " " + key + " is gone; finalizer not added");
    }
  }

  void addEipFinalizer(String key) throws RetryableError {
    IptablesEip cached = ctx.eips.get(key);
    if (cached == null || ControllerContext.terminating(cached)) {
      return;
    }
    List<String> finalizers = finalizersOf(cached);
    boolean skipIfAny = ctx.on(Switch.EIP_FINALIZER_SKIP_IF_ANY);
    if (skipIfAny ? !finalizers.isEmpty() : finalizers.contains(KubeOvn.Finalizers.CONTROLLER)) {
      return;
    }
    List<String> updated = new ArrayList<>(finalizers);
    updated.add(KubeOvn.Finalizers.CONTROLLER);
    ctx.api.patchFinalizers(IptablesEip.class, key, updated);
  }

  /** The del-finalizer helpers: remove ours and the deprecated one. */
  void removeFinalizer(Class<? extends HasMetadata> type, HasMetadata cached) throws RetryableError {
    if (cached == null) {
      return;
    }
    List<String> finalizers = finalizersOf(cached);
    if (finalizers.isEmpty()) {
      return;
    }
    List<String> updated = new ArrayList<>(finalizers);
    updated.remove(KubeOvn.Finalizers.CONTROLLER);
    updated.remove(KubeOvn.Finalizers.LEGACY_CONTROLLER);
    if (updated.size() == finalizers.size()) {
      ctx.api.emptyPatch(type, cached.getMetadata().getName());
      return;
    }
    ctx.api.patchFinalizers(type, cached.getMetadata().getName(), updated);
  }

  static List<String> finalizersOf(HasMetadata object) {
    List<String> finalizers = object.getMetadata().getFinalizers();
    return finalizers == null ? List.of() : finalizers;
  }
}

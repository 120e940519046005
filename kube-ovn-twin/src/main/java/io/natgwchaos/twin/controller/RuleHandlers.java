package io.natgwchaos.twin.controller;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.twin.profile.Switch;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The FIP, DNAT and SNAT add, update and delete handlers (vpc_nat_gw_nat.go), one implementation for
 * the three kinds: upstream's three are parallel and differ in the places {@link RuleKind} captures.
 */
final class RuleHandlers {
  static final Duration RESET_DELAY = Duration.ofSeconds(3);

  private final ControllerContext ctx;
  private final StatusPatches patches;
  private final GatewayExec exec;

  RuleHandlers(ControllerContext ctx, StatusPatches patches, GatewayExec exec) {
    this.ctx = ctx;
    this.patches = patches;
    this.exec = exec;
  }

  // --- add ---------------------------------------------------------------------------------------------

  /** handleAddIptablesFip / DnatRule / SnatRule (nat.go:175-239, 377-440, 565-627@v1.13.4). */
  void add(RuleKind kind, String key) throws RetryableError, InterruptedException {
    RuleView rule = kind.view(ctx, key);
    if (rule == null) {
      return;
    }
    ctx.requireEnabled();
    ctx.locked(key, () -> {
      if (rule.ready() && !rule.v4ip().isEmpty()) {
        return null;
      }
      if (rule.eip().isEmpty()) {
        throw new RetryableError("failed to create " + kind.natWord + " rule, should set eip");
      }
      IptablesEip eip = getEip(rule.eip());
      checkEipUse(kind, key, rule, eip);
      boolean finalizerFirst = kind.finalizerFirst(ctx.profile);
      if (finalizerFirst) {
        patches.addRuleFinalizer(kind, key);
      }
      String gateway = ControllerContext.nz(eip.getSpec().getNatGwDp());
      String eipIp = eip.getStatus().getIp();
      createInPod(kind, gateway, kind.addRule(eipIp, rule, false));
      patches.patchRuleStatus(kind, key, eipIp, ControllerContext.nz(eip.getSpec().getV6ip()), gateway, "", true);
      patches.patchRuleLabels(kind, key, eip);
      if (!finalizerFirst) {
        patches.addRuleFinalizer(kind, key);
      }
      patches.patchEipStatus(rule.eip(), "", "", "", eipReadyAfterRuleWrite());
      if (ctx.on(Switch.RESET_AFTER_ADD)) {
        ctx.queues.get(QueueName.RESET_EIP).addAfter(rule.eip(), ctx.scale.of(RESET_DELAY));
      }
      return null;
    });
  }

  // --- update / delete -----------------------------------------------------------------------------------

  void update(RuleKind kind, String key) throws RetryableError, InterruptedException {
    RuleView rule = kind.view(ctx, key);
    if (rule == null) {
      return;
    }
    ctx.locked(key, () -> {
      if (ctx.on(Switch.UPDATE_HANDLER_REWRITE)) {
        updateRewritten(kind, key, rule);
      } else {
        updateAlwaysReprogram(kind, key, rule);
      }
      return null;
    });
  }

  /** Up to v1.15: every pass deletes the rule as its status says, then adds it as spec and EIP say. */
  private void updateAlwaysReprogram(RuleKind kind, String key, RuleView rule)
      throws RetryableError, InterruptedException {
    if (kind == RuleKind.SNAT && ctx.on(Switch.SNAT_UPDATE_NEEDS_STATUS_CIDR)
        && (RuleKind.v4Cidr(rule.statusInternalCidr()).isEmpty() || RuleKind.v4Cidr(rule.internalCidr()).isEmpty())) {
      throw new RetryableError("failed to get snat v4 internal cidr, original cidr is " + rule.statusInternalCidr());
    }
    if (rule.terminating()) {
      if (ControllerContext.ENABLED.equals(ctx.vpcNatEnabled)) {
        deleteInPod(kind, rule.natGwDp(), statusDeleteRule(kind, rule, false));
      }
      patches.removeFinalizer(kind.type, kind.cache(ctx).get(key));
      ctx.queues.get(QueueName.RESET_EIP).addAfter(rule.eip(), ctx.scale.of(RESET_DELAY));
      return;
    }
    ctx.requireEnabled();
    if (rule.eip().isEmpty()) {
      throw new RetryableError("failed to update " + kind.natWord + " rule, should set eip");
    }
    IptablesEip eip = getEip(rule.eip());
    checkEipUse(kind, key, rule, eip);
    String gateway = ControllerContext.nz(eip.getSpec().getNatGwDp());
    String eipIp = eip.getStatus().getIp();
    deleteInPod(kind, rule.natGwDp(), statusDeleteRule(kind, rule, false));
    createInPod(kind, gateway, kind.addRule(eipIp, rule, false));
    patches.patchRuleStatus(kind, key, eipIp, ControllerContext.nz(eip.getSpec().getV6ip()), gateway, "", true);
    if (!rule.v4ip().isEmpty() && !rule.v4ip().equals(eipIp)) {
      patches.patchRuleLabels(kind, key, eip);
      patches.patchEipStatus(rule.eip(), "", "", "", eipReadyAfterRuleWrite());
      return;
    }
    if (!rule.ready() && !rule.redo().isEmpty() && !rule.v4ip().isEmpty() && !rule.terminating()) {
      exec.natGwPod(gateway);
      // upstream's start-time check here is guarded by status.ready inside a !ready branch: it never fires
      createInPod(kind, gateway, kind.addRule(rule.v4ip(), rule, false));
      patches.patchRuleStatus(kind, key, "", "", "", "", true);
    }
    patches.addRuleFinalizer(kind, key);
  }

  /** v1.16 (#6412): act only on deletion, a spec change or a redo; delete by identity. */
  private void updateRewritten(RuleKind kind, String key, RuleView rule) throws RetryableError, InterruptedException {
    if (rule.terminating()) {
      if (ControllerContext.ENABLED.equals(ctx.vpcNatEnabled)) {
        finalDeleteInPod(kind, rule);
      }
      patches.removeFinalizer(kind.type, kind.cache(ctx).get(key));
      ctx.queues.get(QueueName.RESET_EIP).addAfter(rule.eip(), ctx.scale.of(RESET_DELAY));
      return;
    }
    ctx.requireEnabled();
    if (rule.eip().isEmpty()) {
      throw new RetryableError("invalid " + kind.natWord + " rule: eip is empty");
    }
    IptablesEip eip = getEip(rule.eip());
    checkEipUse(kind, key, rule, eip);
    String gateway = ControllerContext.nz(eip.getSpec().getNatGwDp());
    if (gateway.isEmpty() || !kind.statusComplete(rule)) {
      return;
    }
    String newIp = ControllerContext.nz(eip.getStatus().getIp());
    if (newIp.isEmpty() || !kind.specComplete(rule)) {
      return;
    }
    if (kind.specChanged(rule, newIp)) {
      if (rule.ready()) {
        patches.patchRuleStatus(kind, key, rule.v4ip(), rule.v6ip(), rule.natGwDp(), "", false);
      }
      finalDeleteInPod(kind, rule);
      createInPod(kind, gateway, kind.addRule(newIp, rule, false));
      patches.patchRuleStatus(kind, key, newIp, ControllerContext.nz(eip.getSpec().getV6ip()), gateway, "", true);
      patches.patchRuleLabels(kind, key, eip);
      patches.patchEipStatus(rule.eip(), "", "", "", eipReadyAfterRuleWrite());
      String oldEip = rule.annotations().getOrDefault(KubeOvn.Annotations.VPC_EIP, "");
      if (!oldEip.isEmpty() && !oldEip.equals(rule.eip())) {
        ctx.queues.get(QueueName.RESET_EIP).addAfter(oldEip, ctx.scale.of(RESET_DELAY));
      }
      patches.addRuleFinalizer(kind, key);
      return;
    }
    if (!rule.ready() && !rule.redo().isEmpty() && !rule.v4ip().isEmpty()) {
      Pod pod = exec.natGwPod(rule.natGwDp());
      Instant started = startedAt(pod);
      if (started == null) {
        throw new RetryableError(kind.natWord + " " + key + ": gateway pod container not running, will retry redo");
      }
      if (ctx.on(Switch.REDO_START_TIME_SKIP) && started.isBefore(parseRedo(rule.redo()))) {
        return;
      }
      createInPod(kind, rule.natGwDp(), kind.addRule(rule.v4ip(), rule, true));
      patches.patchRuleStatus(kind, key, "", "", "", "", true);
    }
    patches.addRuleFinalizer(kind, key);
  }

  // --- in-pod operations --------------------------------------------------------------------------------

  private void createInPod(RuleKind kind, String gateway, String rule) throws RetryableError, InterruptedException {
    Pod pod = exec.natGwPod(gateway);
    String programmed = rule;
    if (kind == RuleKind.SNAT && GatewayExec.supportsRandomFully(exec.iptablesVersion(pod))) {
      programmed = rule + ",--random-fully";
    }
    exec.execRules(pod, kind.addOperation, List.of(programmed));
  }

  /**
   * Delete with the values recorded in status. Before #6784 a gateway pod that cannot be found counts
   * as done — also when status names no gateway at all (#5115 R2).
   */
  private void deleteInPod(RuleKind kind, String gateway, String rule) throws RetryableError, InterruptedException {
    Pod pod;
    try {
      pod = exec.natGwPod(gateway);
    } catch (NotFoundError e) {
      if (ctx.on(Switch.DELETE_SUCCEEDS_WITHOUT_POD) || ctx.gateways.get(gateway) == null) {
        return;
      }
      throw e;
    }
    exec.execRules(pod, kind.deleteOperation, List.of(rule));
  }

  /**
   * v1.16's finalDelete*InPod: identity from status, falling back to the EIP when status is empty; a
   * gateway that no longer exists means nothing to clean, a missing pod of an existing gateway is retried.
   */
  private void finalDeleteInPod(RuleKind kind, RuleView rule) throws RetryableError, InterruptedException {
    String ip = rule.v4ip();
    String gateway = rule.natGwDp();
    if (ip.isEmpty()) {
      IptablesEip eip = ctx.eips.get(rule.eip());
      if (eip == null) {
        return;
      }
      ip = ControllerContext.nz(eip.getStatus() == null ? null : eip.getStatus().getIp());
      gateway = ControllerContext.nz(eip.getSpec().getNatGwDp());
      if (ip.isEmpty()) {
        return;
      }
    }
    if (ctx.gateways.get(gateway) == null) {
      return;
    }
    Pod pod;
    try {
      pod = exec.natGwPod(gateway);
    } catch (NotFoundError e) {
      throw new RetryableError("gateway " + gateway + " has no pod; cannot clean " + kind.natWord + " " + rule.name());
    }
    String cidr = rule.statusInternalCidr().isEmpty() ? rule.internalCidr() : rule.statusInternalCidr();
    String protocol = rule.statusProtocol().isEmpty() ? rule.protocol() : rule.statusProtocol();
    String externalPort = rule.statusExternalPort().isEmpty() ? rule.externalPort() : rule.statusExternalPort();
    exec.execRules(pod, kind.deleteOperation, List.of(kind.deleteRule(ip, rule.statusInternalIp(), cidr, protocol,
        externalPort, rule.statusInternalPort(), true)));
  }

  private static String statusDeleteRule(RuleKind kind, RuleView rule, boolean byIdentity) {
    return kind.deleteRule(rule.v4ip(), rule.statusInternalIp(), rule.statusInternalCidr(), rule.statusProtocol(),
        rule.statusExternalPort(), rule.statusInternalPort(), byIdentity);
  }

  /** Upstream refreshes the EIP's nat with ready=true; fixed keeps the EIP's readiness as it is. */
  /** What a rule write asserts about its EIP's readiness: ready (#5114's add path), or nothing (null). */
  private Boolean eipReadyAfterRuleWrite() {
    return ctx.on(Switch.RULE_ADD_SETS_EIP_READY) ? Boolean.TRUE : null;
  }

  // --- checks ----------------------------------------------------------------------------------------------

  /** {@code GetEip}: the lister's EIP, which must have an address (eip.go:342-353@v1.13.4). */
  IptablesEip getEip(String name) throws RetryableError {
    IptablesEip eip = ctx.eips.get(name);
    if (eip == null) {
      throw new RetryableError("iptables-eip \"" + name + "\" not found");
    }
    if (eip.getStatus() == null || ControllerContext.nz(eip.getStatus().getIp()).isEmpty()) {
      throw new RetryableError("eip '" + name + "' is not ready, has no v4ip");
    }
    return eip;
  }

  /** FIP: one FIP per EIP, judged by labels; DNAT: one DNAT per EIP and external port (+ protocol from #6201). */
  private void checkEipUse(RuleKind kind, String key, RuleView rule, IptablesEip eip) throws RetryableError {
    String eipV4 = ControllerContext.nz(eip.getSpec().getV4ip());
    if (kind == RuleKind.FIP) {
      for (IptablesFipRule other : ctx.fips.withLabels(Map.of(KubeOvn.Labels.EIP_V4_IP, eipV4))) {
        if (!other.getMetadata().getName().equals(key)) {
          throw new RetryableError(eipV4 + " is using by the other fip " + other.getMetadata().getName());
        }
      }
    } else if (kind == RuleKind.DNAT) {
      Map<String, String> selector = Map.of(KubeOvn.Labels.NAT_GW_NAME, ControllerContext.nz(eip.getSpec().getNatGwDp()),
          KubeOvn.Labels.DNAT_EXTERNAL_PORT, rule.externalPort());
      for (IptablesDnatRule other : ctx.dnats.withLabels(selector)) {
        boolean sameProtocol = !ctx.on(Switch.DNAT_DUP_INCLUDES_PROTOCOL)
            || ControllerContext.nz(other.getSpec().getProtocol()).equals(rule.protocol());
        if (!other.getMetadata().getName().equals(key) && rule.eip().equals(other.getSpec().getEip()) && sameProtocol) {
          throw new RetryableError("failed to create dnat " + key + ", duplicate, same eip " + rule.eip()
              + ", same external port '" + rule.externalPort() + "' is using by dnat " + other.getMetadata().getName());
        }
      }
    } else if (RuleKind.v4Cidr(rule.internalCidr()).isEmpty()) {
      throw new RetryableError("failed to get snat v4 internal cidr, original cidr is " + rule.internalCidr());
    }
  }

  static Instant startedAt(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
        || pod.getStatus().getContainerStatuses().isEmpty()) {
      return null;
    }
    ContainerStatus first = pod.getStatus().getContainerStatuses().get(0);
    if (first.getState() == null || first.getState().getRunning() == null
        || first.getState().getRunning().getStartedAt() == null) {
      return null;
    }
    return Instant.parse(first.getState().getRunning().getStartedAt());
  }

  /** {@code time.ParseInLocation("2006-01-02T15:04:05", redo, time.Local)} with the controller on UTC. */
  static Instant parseRedo(String redo) {
    try {
      return LocalDateTime.parse(redo).toInstant(ZoneOffset.UTC);
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }

  /** Informer update-event routing for rules (nat.go:35-61@v1.13.4; v1.16 skips incomplete specs). */
  void onUpdateEvent(RuleKind kind, HasMetadata oldObject, HasMetadata newObject) {
    RuleView old = RuleView.of(oldObject);
    RuleView now = RuleView.of(newObject);
    WorkQueue updates = ctx.queues.get(kind.updateQueue);
    if (now.terminating()) {
      updates.add(now.name());
      return;
    }
    boolean rewrite = ctx.on(Switch.UPDATE_HANDLER_REWRITE);
    if (rewrite && !kind.specComplete(now)) {
      return;
    }
    if (!rewrite && !old.eip().equals(now.eip())) {
      ctx.queues.get(QueueName.RESET_EIP).add(old.eip());
    }
    if (kind.updateNeedsWork(old, now)) {
      updates.add(now.name());
    }
  }

  /**
   * Upstream's delete handlers only log. A controller that does not lose its EIP resets on a restart also
   * refreshes the EIP when the rule is gone for good: a restarted instance whose start-up reset ran while its cache
   * still held the rule sees the delete event next.
   */
  void onDeleteEvent(HasMetadata object) {
    if (!ctx.on(Switch.RESETS_LOST_ON_RESTART)) {
      String eip = RuleView.of(object).eip();
      if (!eip.isEmpty()) {
        ctx.queues.get(QueueName.RESET_EIP).add(eip);
      }
    }
  }

  void onAddEvent(RuleKind kind, HasMetadata object) {
    boolean toUpdate = ctx.on(Switch.TERMINATING_ADD_ROUTES_TO_UPDATE) && ControllerContext.terminating(object);
    ctx.queues.get(toUpdate ? kind.updateQueue : kind.addQueue).add(object.getMetadata().getName());
  }
}

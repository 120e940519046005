package io.natgwchaos.twin.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import java.util.List;
import java.util.Map;

/**
 * A FIP, DNAT or SNAT read from the lister, flattened so the three parallel flows share one handler.
 * Empty strings stand for unset fields, as Go's zero values do.
 */
record RuleView(
    RuleKind kind,
    String name,
    boolean terminating,
    List<String> finalizers,
    Map<String, String> labels,
    Map<String, String> annotations,
    String eip,
    String internalIp,
    String internalCidr,
    String protocol,
    String externalPort,
    String internalPort,
    boolean ready,
    String v4ip,
    String v6ip,
    String natGwDp,
    String redo,
    String statusInternalIp,
    String statusInternalCidr,
    String statusProtocol,
    String statusExternalPort,
    String statusInternalPort) {

  static RuleView of(HasMetadata object) {
    String name = object.getMetadata().getName();
    boolean terminating = ControllerContext.terminating(object);
    List<String> finalizers = object.getMetadata().getFinalizers() == null ? List.of()
        : List.copyOf(object.getMetadata().getFinalizers());
    Map<String, String> labels = ControllerContext.labelsOf(object);
    Map<String, String> annotations = ControllerContext.annotationsOf(object);
    if (object instanceof IptablesFipRule fip) {
      IptablesFipRule.Spec spec = fip.getSpec() == null ? new IptablesFipRule.Spec() : fip.getSpec();
      IptablesFipRule.Status st = fip.getStatus() == null ? new IptablesFipRule.Status() : fip.getStatus();
      return new RuleView(RuleKind.FIP, name, terminating, finalizers, labels, annotations,
          nz(spec.getEip()), nz(spec.getInternalIp()), "", "", "", "",
          Boolean.TRUE.equals(st.getReady()), nz(st.getV4ip()), nz(st.getV6ip()), nz(st.getNatGwDp()), nz(st.getRedo()),
          nz(st.getInternalIp()), "", "", "", "");
    }
    if (object instanceof IptablesDnatRule dnat) {
      IptablesDnatRule.Spec spec = dnat.getSpec() == null ? new IptablesDnatRule.Spec() : dnat.getSpec();
      IptablesDnatRule.Status st = dnat.getStatus() == null ? new IptablesDnatRule.Status() : dnat.getStatus();
      return new RuleView(RuleKind.DNAT, name, terminating, finalizers, labels, annotations,
          nz(spec.getEip()), nz(spec.getInternalIp()), "", nz(spec.getProtocol()), nz(spec.getExternalPort()),
          nz(spec.getInternalPort()),
          Boolean.TRUE.equals(st.getReady()), nz(st.getV4ip()), nz(st.getV6ip()), nz(st.getNatGwDp()), nz(st.getRedo()),
          nz(st.getInternalIp()), "", nz(st.getProtocol()), nz(st.getExternalPort()), nz(st.getInternalPort()));
    }
    if (object instanceof IptablesSnatRule snat) {
      IptablesSnatRule.Spec spec = snat.getSpec() == null ? new IptablesSnatRule.Spec() : snat.getSpec();
      IptablesSnatRule.Status st = snat.getStatus() == null ? new IptablesSnatRule.Status() : snat.getStatus();
      return new RuleView(RuleKind.SNAT, name, terminating, finalizers, labels, annotations,
          nz(spec.getEip()), "", nz(spec.getInternalCIDR()), "", "", "",
          Boolean.TRUE.equals(st.getReady()), nz(st.getV4ip()), nz(st.getV6ip()), nz(st.getNatGwDp()), nz(st.getRedo()),
          "", nz(st.getInternalCIDR()), "", "", "");
    }
    throw new IllegalArgumentException("not a FIP, DNAT or SNAT: " + object.getKind());
  }

  boolean hasFinalizers() {
    return !finalizers.isEmpty();
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }
}

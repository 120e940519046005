package io.natgwchaos.history;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.NatResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of an EIP, FIP, SNAT or DNAT the oracle reasons about, flattened into one value. Fields a
 * kind does not have are null.
 *
 * @param kind which of the four kinds
 * @param name object name
 * @param uid object uid: a re-created object with the same name has a new one
 * @param resourceVersion as observed
 * @param terminating deletionTimestamp is set
 * @param finalizers as observed
 * @param ready {@code status.ready}
 * @param gateway EIP: {@code spec.natGwDp}; FIP/SNAT/DNAT: {@code status.natGwDp}
 * @param eip FIP/SNAT/DNAT: {@code spec.eip}
 * @param v4ip EIP: {@code status.ip}; FIP/SNAT/DNAT: {@code status.v4ip}
 * @param requestedV4ip EIP: {@code spec.v4ip}
 * @param eipV4IpLabel label {@code ovn.kubernetes.io/eip_v4_ip}
 * @param internalIp FIP/DNAT: {@code spec.internalIp}
 * @param internalCidr SNAT: {@code spec.internalCIDR}
 * @param protocol DNAT: {@code spec.protocol}
 * @param externalPort DNAT: {@code spec.externalPort}
 * @param internalPort DNAT: {@code spec.internalPort}
 * @param nat EIP: {@code status.nat}
 * @param redo {@code status.redo}
 */
public record NatResourceState(
    NatResourceKind kind,
    String name,
    String uid,
    String resourceVersion,
    boolean terminating,
    List<String> finalizers,
    boolean ready,
    String gateway,
    String eip,
    String v4ip,
    String requestedV4ip,
    String eipV4IpLabel,
    String internalIp,
    String internalCidr,
    String protocol,
    String externalPort,
    String internalPort,
    String nat,
    String redo) {

  public NatResourceState {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    finalizers = finalizers == null ? List.of() : List.copyOf(finalizers);
  }

  @JsonIgnore
  public boolean hasControllerFinalizer() {
    return finalizers.contains(KubeOvn.Finalizers.CONTROLLER) || finalizers.contains(KubeOvn.Finalizers.LEGACY_CONTROLLER);
  }

  /** A short {@code kind/name} reference, e.g. {@code fip/fip-3}. */
  public String ref() {
    return kind.shortName() + "/" + name;
  }

  /** Reads the state of any of the four typed resources. */
  public static NatResourceState of(HasMetadata resource) {
    if (resource instanceof IptablesEip eip) {
      return of(eip);
    }
    if (resource instanceof IptablesFipRule fip) {
      return of(fip);
    }
    if (resource instanceof IptablesSnatRule snat) {
      return of(snat);
    }
    if (resource instanceof IptablesDnatRule dnat) {
      return of(dnat);
    }
    throw new IllegalArgumentException("not an EIP, FIP, SNAT or DNAT: " + resource.getKind());
  }

  public static NatResourceState of(IptablesEip eip) {
    IptablesEip.Spec spec = eip.getSpec() == null ? new IptablesEip.Spec() : eip.getSpec();
    IptablesEip.Status status = eip.getStatus() == null ? new IptablesEip.Status() : eip.getStatus();
    ObjectMeta meta = eip.getMetadata();
    return new NatResourceState(NatResourceKind.EIP, meta.getName(), meta.getUid(), meta.getResourceVersion(),
        meta.getDeletionTimestamp() != null, meta.getFinalizers(), Boolean.TRUE.equals(status.getReady()),
        spec.getNatGwDp(), null, emptyToNull(status.getIp()), emptyToNull(spec.getV4ip()), label(meta),
        null, null, null, null, null, emptyToNull(status.getNat()), emptyToNull(status.getRedo()));
  }

  public static NatResourceState of(IptablesFipRule fip) {
    IptablesFipRule.Spec spec = fip.getSpec() == null ? new IptablesFipRule.Spec() : fip.getSpec();
    IptablesFipRule.Status status = fip.getStatus() == null ? new IptablesFipRule.Status() : fip.getStatus();
    ObjectMeta meta = fip.getMetadata();
    return new NatResourceState(NatResourceKind.FIP, meta.getName(), meta.getUid(), meta.getResourceVersion(),
        meta.getDeletionTimestamp() != null, meta.getFinalizers(), Boolean.TRUE.equals(status.getReady()),
        emptyToNull(status.getNatGwDp()), spec.getEip(), emptyToNull(status.getV4ip()), null, label(meta),
        spec.getInternalIp(), null, null, null, null, null, emptyToNull(status.getRedo()));
  }

  public static NatResourceState of(IptablesSnatRule snat) {
    IptablesSnatRule.Spec spec = snat.getSpec() == null ? new IptablesSnatRule.Spec() : snat.getSpec();
    IptablesSnatRule.Status status = snat.getStatus() == null ? new IptablesSnatRule.Status() : snat.getStatus();
    ObjectMeta meta = snat.getMetadata();
    return new NatResourceState(NatResourceKind.SNAT, meta.getName(), meta.getUid(), meta.getResourceVersion(),
        meta.getDeletionTimestamp() != null, meta.getFinalizers(), Boolean.TRUE.equals(status.getReady()),
        emptyToNull(status.getNatGwDp()), spec.getEip(), emptyToNull(status.getV4ip()), null, label(meta),
        null, spec.getInternalCIDR(), null, null, null, null, emptyToNull(status.getRedo()));
  }

  public static NatResourceState of(IptablesDnatRule dnat) {
    IptablesDnatRule.Spec spec = dnat.getSpec() == null ? new IptablesDnatRule.Spec() : dnat.getSpec();
    IptablesDnatRule.Status status = dnat.getStatus() == null ? new IptablesDnatRule.Status() : dnat.getStatus();
    ObjectMeta meta = dnat.getMetadata();
    return new NatResourceState(NatResourceKind.DNAT, meta.getName(), meta.getUid(), meta.getResourceVersion(),
        meta.getDeletionTimestamp() != null, meta.getFinalizers(), Boolean.TRUE.equals(status.getReady()),
        emptyToNull(status.getNatGwDp()), spec.getEip(), emptyToNull(status.getV4ip()), null, label(meta),
        spec.getInternalIp(), null, spec.getProtocol(), spec.getExternalPort(), spec.getInternalPort(), null,
        emptyToNull(status.getRedo()));
  }

  private static String label(ObjectMeta meta) {
    Map<String, String> labels = meta.getLabels();
    return labels == null ? null : emptyToNull(labels.get(KubeOvn.Labels.EIP_V4_IP));
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}

package io.natgwchaos.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import io.natgwchaos.kubeovn.NatResourceKind;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One NAT resource a workload churns: its kind, name, the spec it is (re-)created with, and whether it exists
 * when the workload starts. Each slot belongs to exactly one worker.
 *
 * @param arguments the spec fields by their JSON names ({@code eip}, {@code internalIp}, {@code natGwDp}, ...)
 * @param labels labels the object is created with (the topology's, so the recorder sees it)
 */
public record Slot(NatResourceKind kind, String name, Map<String, String> arguments, Map<String, String> labels,
    boolean initiallyPresent) {

  public Slot {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    arguments = Map.copyOf(new TreeMap<>(arguments));
    labels = Map.copyOf(labels);
  }

  /** A fresh object to create. */
  public HasMetadata toResource() {
    var metadata = new ObjectMetaBuilder().withName(name).withLabels(labels).build();
    return switch (kind) {
      case EIP -> {
        IptablesEip eip = new IptablesEip();
        eip.setMetadata(metadata);
        eip.setSpec(new IptablesEip.Spec());
        eip.getSpec().setNatGwDp(arguments.get("natGwDp"));
        eip.getSpec().setExternalSubnet(arguments.get("externalSubnet"));
        eip.getSpec().setV4ip(arguments.get("v4ip"));
        yield eip;
      }
      case FIP -> {
        IptablesFipRule fip = new IptablesFipRule();
        fip.setMetadata(metadata);
        fip.setSpec(new IptablesFipRule.Spec());
        fip.getSpec().setEip(arguments.get("eip"));
        fip.getSpec().setInternalIp(arguments.get("internalIp"));
        yield fip;
      }
      case SNAT -> {
        IptablesSnatRule snat = new IptablesSnatRule();
        snat.setMetadata(metadata);
        snat.setSpec(new IptablesSnatRule.Spec());
        snat.getSpec().setEip(arguments.get("eip"));
        snat.getSpec().setInternalCIDR(arguments.get("internalCIDR"));
        yield snat;
      }
      case DNAT -> {
        IptablesDnatRule dnat = new IptablesDnatRule();
        dnat.setMetadata(metadata);
        dnat.setSpec(new IptablesDnatRule.Spec());
        dnat.getSpec().setEip(arguments.get("eip"));
        dnat.getSpec().setExternalPort(arguments.get("externalPort"));
        dnat.getSpec().setProtocol(arguments.get("protocol"));
        dnat.getSpec().setInternalIp(arguments.get("internalIp"));
        dnat.getSpec().setInternalPort(arguments.get("internalPort"));
        yield dnat;
      }
    };
  }

  /** The slot of an existing object, with the spec it has. */
  public static Slot of(HasMetadata resource, boolean initiallyPresent) {
    Map<String, String> arguments = new TreeMap<>();
    NatResourceKind kind;
    if (resource instanceof IptablesEip eip) {
      kind = NatResourceKind.EIP;
      put(arguments, "natGwDp", eip.getSpec().getNatGwDp());
      put(arguments, "externalSubnet", eip.getSpec().getExternalSubnet());
      put(arguments, "v4ip", eip.getSpec().getV4ip());
    } else if (resource instanceof IptablesFipRule fip) {
      kind = NatResourceKind.FIP;
      put(arguments, "eip", fip.getSpec().getEip());
      put(arguments, "internalIp", fip.getSpec().getInternalIp());
    } else if (resource instanceof IptablesSnatRule snat) {
      kind = NatResourceKind.SNAT;
      put(arguments, "eip", snat.getSpec().getEip());
      put(arguments, "internalCIDR", snat.getSpec().getInternalCIDR());
    } else if (resource instanceof IptablesDnatRule dnat) {
      kind = NatResourceKind.DNAT;
      put(arguments, "eip", dnat.getSpec().getEip());
      put(arguments, "externalPort", dnat.getSpec().getExternalPort());
      put(arguments, "protocol", dnat.getSpec().getProtocol());
      put(arguments, "internalIp", dnat.getSpec().getInternalIp());
      put(arguments, "internalPort", dnat.getSpec().getInternalPort());
    } else {
      throw new IllegalArgumentException("not an EIP, FIP, SNAT or DNAT: " + resource.getKind());
    }
    Map<String, String> labels = resource.getMetadata().getLabels() == null ? Map.of()
        : resource.getMetadata().getLabels();
    return new Slot(kind, resource.getMetadata().getName(), arguments, labels, initiallyPresent);
  }

  private static void put(Map<String, String> arguments, String key, String value) {
    if (value != null && !value.isEmpty()) {
      arguments.put(key, value);
    }
  }

  @Override
  public String toString() {
    return kind.shortName() + "/" + name + arguments;
  }
}

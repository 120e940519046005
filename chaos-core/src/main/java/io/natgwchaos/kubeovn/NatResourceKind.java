package io.natgwchaos.kubeovn;

import io.fabric8.kubernetes.client.CustomResource;

/** The four kinds whose readiness the oracle checks against the gateway pod. */
public enum NatResourceKind {
  EIP(IptablesEip.class, "eip"),
  FIP(IptablesFipRule.class, "fip"),
  SNAT(IptablesSnatRule.class, "snat"),
  DNAT(IptablesDnatRule.class, "dnat");

  private final Class<? extends CustomResource<?, ?>> type;
  private final String shortName;

  NatResourceKind(Class<? extends CustomResource<?, ?>> type, String shortName) {
    this.type = type;
    this.shortName = shortName;
  }

  public Class<? extends CustomResource<?, ?>> type() {
    return type;
  }

  /** kubectl short name, also the word used in EIP {@code status.nat}. */
  public String shortName() {
    return shortName;
  }

  /** The Kubernetes kind, e.g. {@code IptablesFIPRule}. */
  public String kind() {
    return io.fabric8.kubernetes.api.model.HasMetadata.getKind(type);
  }

  /** Parses a short name or kind, case-insensitively; the error names the accepted values. */
  public static NatResourceKind parse(String text) {
    for (NatResourceKind kind : values()) {
      if (kind.shortName.equalsIgnoreCase(text) || kind.kind().equalsIgnoreCase(text)
          || kind.name().equalsIgnoreCase(text)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown NAT resource kind '" + text + "': expected one of eip, fip, snat, dnat");
  }
}

package io.natgwchaos.targets;

import java.util.List;
import java.util.Objects;

/**
 * The external network gateway pods reach through net1 and EIPs come from (reference §5.3): a NAD
 * (macvlan with Kube-OVN IPAM) and a Subnet of the same name.
 *
 * @param name NAD and Subnet name ({@code ovn-vpc-external-network})
 * @param nadNamespace namespace of the NAD ({@code kube-system})
 * @param cidr the subnet, e.g. {@code 172.19.0.0/16}
 * @param gateway its gateway address (net1's default route)
 * @param excludeIps addresses IPAM must not hand out (node addresses on that network)
 */
public record ExternalNetwork(String name, String nadNamespace, String cidr, String gateway,
    List<String> excludeIps) {
  public ExternalNetwork {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(nadNamespace, "nadNamespace");
    Objects.requireNonNull(cidr, "cidr");
    Objects.requireNonNull(gateway, "gateway");
    excludeIps = List.copyOf(excludeIps);
  }

  /** Kube-OVN provider name {@code <nad>.<namespace>}. */
  public String provider() {
    return name + "." + nadNamespace;
  }

  public int prefixLength() {
    return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
  }
}

package io.natgwchaos.targets;

import io.natgwchaos.gateway.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One NAT topology to provision on any target, named so several can coexist: a VPC with an internal
 * subnet, a VpcNatGateway, a pool of EIPs and FIP/SNAT/DNAT rules on them (one EIP per rule, plus spares
 * for churn). Every derived name starts with {@code name}.
 *
 * @param gatewayNode where the gateway pod starts: at first only this node carries the candidate label
 * @param candidateNodes nodes the gateway may be rescheduled to (includes {@code gatewayNode}); they get the
 *     label once the gateway is initialised, so a cordon + pod delete moves it to another candidate
 */
public record TopologySpec(String name, int fips, int snats, int dnats, int spareEips, String internalCidr,
    String internalGateway, String lanIp, String gatewayNode, List<String> candidateNodes) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?");
  public static final String LABEL_PREFIX = "natgw-chaos.io/";
  public static final String TOPOLOGY_LABEL = LABEL_PREFIX + "topology";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "natgw-chaos";
  /** Offsets inside the internal subnet for rule addresses, clear of the gateway (.1) and lanIp (.254). */
  static final int FIP_HOST_BASE = 10;
  static final int SNAT_HOST_BASE = 100;
  static final int DNAT_HOST_BASE = 200;
  static final int DNAT_EXTERNAL_PORT_BASE = 8000;

  public TopologySpec {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("topology name '" + name + "' must be 1-16 characters a-z, 0-9 and '-'"
          + " (it prefixes the gateway's StatefulSet and pod names)");
    }
    if (fips < 0 || snats < 0 || dnats < 0 || spareEips < 0) {
      throw new IllegalArgumentException("topology " + name + ": counts must not be negative");
    }
    if (fips > SNAT_HOST_BASE - FIP_HOST_BASE || snats > DNAT_HOST_BASE - SNAT_HOST_BASE - 1 || dnats > 50) {
      throw new IllegalArgumentException("topology " + name + ": at most " + (SNAT_HOST_BASE - FIP_HOST_BASE)
          + " FIPs, " + (DNAT_HOST_BASE - SNAT_HOST_BASE - 1) + " SNATs and 50 DNATs fit the internal subnet");
    }
    Ipv4.canonicalCidr(internalCidr);
    Ipv4.toInt(internalGateway);
    Ipv4.toInt(lanIp);
    Objects.requireNonNull(gatewayNode, "gatewayNode");
    candidateNodes = List.copyOf(candidateNodes);
    if (!candidateNodes.contains(gatewayNode)) {
      throw new IllegalArgumentException("topology " + name + ": gateway node " + gatewayNode
          + " must be one of the candidate nodes " + candidateNodes);
    }
  }

  /**
   * Upstream e2e's shape (VPC subnet 10.0.1.0/24, gateway 10.0.1.1, lanIp 10.0.1.254) with 2 FIPs, 1 SNAT and
   * 1 DNAT, starting on the first node.
   */
  public static TopologySpec of(String name, List<String> gatewayNodes) {
    if (gatewayNodes.isEmpty()) {
      throw new IllegalArgumentException("topology " + name + " needs at least one gateway node");
    }
    return new TopologySpec(name, 2, 1, 1, 0, "10.0.1.0/24", "10.0.1.1", "10.0.1.254", gatewayNodes.get(0),
        gatewayNodes);
  }

  /**
   * {@link #of} shaped by {@code chaos.topology.name} (default {@code chaos}), {@code .fips}, {@code .snats},
   * {@code .dnats} and {@code .spareEips}.
   */
  public static TopologySpec fromSettings(TargetSettings settings, List<String> gatewayNodes) {
    return of(settings.get("chaos.topology.name", "chaos"), gatewayNodes)
        .withRules(settings.getInt("chaos.topology.fips", 2), settings.getInt("chaos.topology.snats", 1),
            settings.getInt("chaos.topology.dnats", 1))
        .withSpareEips(settings.getInt("chaos.topology.spareEips", 0));
  }

  public TopologySpec withRules(int fipCount, int snatCount, int dnatCount) {
    return new TopologySpec(name, fipCount, snatCount, dnatCount, spareEips, internalCidr, internalGateway, lanIp,
        gatewayNode, candidateNodes);
  }

  public TopologySpec withSpareEips(int count) {
    return new TopologySpec(name, fips, snats, dnats, count, internalCidr, internalGateway, lanIp, gatewayNode,
        candidateNodes);
  }

  /** Every count of rules and spare EIPs multiplied by {@code factor}, rounded up (0 stays 0). */
  public TopologySpec scaledBy(double factor) {
    if (factor == 1.0) {
      return this;
    }
    return new TopologySpec(name, up(fips, factor), up(snats, factor), up(dnats, factor), up(spareEips, factor),
        internalCidr, internalGateway, lanIp, gatewayNode, candidateNodes);
  }

  private static int up(int count, double factor) {
    return (int) Math.ceil(count * factor);
  }

  /** The same shape under another name (its own VPC, gateway and objects). */
  public TopologySpec named(String newName) {
    return new TopologySpec(newName, fips, snats, dnats, spareEips, internalCidr, internalGateway, lanIp, gatewayNode,
        candidateNodes);
  }

  public TopologySpec startingOn(String node) {
    return new TopologySpec(name, fips, snats, dnats, spareEips, internalCidr, internalGateway, lanIp, node,
        candidateNodes);
  }

  public String vpcName() {
    return name + "-vpc";
  }

  public String subnetName() {
    return name + "-subnet";
  }

  public String gatewayName() {
    return name + "-gw";
  }

  public int eipCount() {
    return fips + snats + dnats + spareEips;
  }

  public String eipName(int index) {
    return name + "-eip-" + index;
  }

  public String fipName(int index) {
    return name + "-fip-" + index;
  }

  public String snatName(int index) {
    return name + "-snat-" + index;
  }

  public String dnatName(int index) {
    return name + "-dnat-" + index;
  }

  public List<String> eipNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < eipCount(); i++) {
      names.add(eipName(i));
    }
    return names;
  }

  /** Node label whose presence makes a node eligible for this topology's gateway. */
  public String candidateLabel() {
    return LABEL_PREFIX + "gateway-" + name;
  }

  /** The i-th host address of the internal subnet. */
  String internalHost(int offset) {
    String network = Ipv4.address(Ipv4.canonicalCidr(internalCidr));
    String host = Ipv4.toText(Ipv4.toInt(network) + offset);
    if (!Ipv4.canonicalCidr(host + "/" + internalCidr.substring(internalCidr.indexOf('/') + 1))
        .equals(Ipv4.canonicalCidr(internalCidr)) || host.equals(internalGateway) || host.equals(lanIp)) {
      throw new IllegalArgumentException("topology " + name + ": host offset " + offset + " (" + host
          + ") is outside " + internalCidr + " or collides with its gateway or lanIp");
    }
    return host;
  }
}

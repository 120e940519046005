package io.natgwchaos.gateway;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one gateway pod really had at one moment: its identity (the pod name survives a reschedule,
 * the uid does not), the addresses on net1 and its nat table.
 *
 * @param gateway the VpcNatGateway name
 * @param namespace the pod's namespace
 * @param podName {@code vpc-nat-gw-<gateway>-0}
 * @param podUid uid of the pod the commands ran in
 * @param node node the pod runs on
 * @param takenAt wall-clock time the dump was taken
 * @param initialised whether the pod carried {@code ovn.kubernetes.io/vpc_nat_gw_init: "true"}
 * @param restartCount restarts of the {@code vpc-nat-gw} container (an in-place restart keeps the uid)
 * @param net1 IPv4 addresses of net1
 * @param nat the nat table
 * @param raw the command output as received, when the probe kept it (null in re-loaded histories)
 */
public record GatewaySnapshot(
    String gateway,
    String namespace,
    String podName,
    String podUid,
    String node,
    Instant takenAt,
    boolean initialised,
    int restartCount,
    List<NetAddress> net1,
    NatTable nat,
    @JsonIgnore RawOutput raw) {

  public GatewaySnapshot {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(podUid, "podUid");
    Objects.requireNonNull(takenAt, "takenAt");
    net1 = List.copyOf(net1);
    Objects.requireNonNull(nat, "nat");
  }

  /** The text the probe received, for reports. */
  public record RawOutput(String iptablesSave, String ipAddr) {}

  /**
   * Addresses on net1 other than the pod's own: the EIPs the gateway really serves. The pod's own is
   * the first primary; an EIP from another external subnet (v1.16+) is a primary of its own prefix.
   */
  public Set<String> eipAddresses() {
    Set<String> ips = new LinkedHashSet<>();
    NetAddress own = primaryAddress();
    for (NetAddress address : net1) {
      if (address != own) {
        ips.add(address.ip());
      }
    }
    return ips;
  }

  /** Whether {@code ip} is on net1 (as primary or secondary). */
  public boolean hasAddress(String ip) {
    for (NetAddress address : net1) {
      if (address.ip().equals(ip)) {
        return true;
      }
    }
    return false;
  }

  /** The pod's own net1 address, if any. */
  public NetAddress primaryAddress() {
    return net1.stream().filter(a -> !a.secondary()).findFirst().orElse(null);
  }

  /** This snapshot without the raw text. */
  public GatewaySnapshot withoutRaw() {
    return raw == null ? this
        : new GatewaySnapshot(gateway, namespace, podName, podUid, node, takenAt, initialised, restartCount,
            net1, nat, null);
  }

  /** The nat table rendered back as {@code iptables-save -t nat} would print it (counters as zero). */
  public String renderIptablesSave() {
    StringBuilder out = new StringBuilder("*nat\n");
    for (String chain : nat.chains()) {
      boolean builtin = chain.equals("PREROUTING") || chain.equals("INPUT") || chain.equals("OUTPUT")
          || chain.equals("POSTROUTING");
      out.append(':').append(chain).append(builtin ? " ACCEPT" : " -").append(" [0:0]\n");
    }
    for (NatRule rule : nat.rules()) {
      out.append(rule.line()).append('\n');
    }
    return out.append("COMMIT\n").toString();
  }
}

package io.natgwchaos.twin.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node of the twin cluster, as kind names and addresses it.
 *
 * @param internalIp the node's address on kind's docker network
 * @param podCidr the node's pod CIDR
 */
public record NodeSpec(String name, boolean controlPlane, String internalIp, String podCidr,
    Map<String, String> labels) {
  /** On workers: the twin's marker for nodes a gateway may run on. */
  public static final String GATEWAY_NODE_LABEL = "natgw-chaos.io/gateway-node";

  public NodeSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(internalIp, "internalIp");
    Objects.requireNonNull(podCidr, "podCidr");
    labels = Map.copyOf(labels);
  }

  /** kind's {@code kube-ovn} cluster of Kube-OVN's CI: one control plane (untainted) and two workers. */
  public static List<NodeSpec> kindDefaults() {
    return List.of(
        new NodeSpec("kube-ovn-control-plane", true, "172.18.0.2", "10.16.0.0/24",
            Map.of("node-role.kubernetes.io/control-plane", "", "kube-ovn/role", "master",
                "node.kubernetes.io/exclude-from-external-load-balancers", "")),
        new NodeSpec("kube-ovn-worker", false, "172.18.0.3", "10.16.1.0/24", Map.of(GATEWAY_NODE_LABEL, "true")),
        new NodeSpec("kube-ovn-worker2", false, "172.18.0.4", "10.16.2.0/24", Map.of(GATEWAY_NODE_LABEL, "true")));
  }
}

package io.natgwchaos.targets.kind;

import io.natgwchaos.targets.ExternalNetwork;
import java.util.List;

/**
 * A kind cluster ready for NAT gateways: its nodes, the docker network attached to all of them, the node
 * NIC on that network, and the tools that built it.
 *
 * @param workers schedulable workers in kind's order ({@code -worker}, {@code -worker2}, …)
 * @param externalNetwork the network as Kube-OVN will see it (NAD/Subnet name, docker CIDR, gateway,
 *     addresses already taken)
 * @param externalInterface the node NIC on the docker network, the NAD's macvlan master (e.g. {@code eth1})
 * @param reused the cluster existed before this run
 */
public record KindCluster(String name, String controlPlane, List<String> workers, List<String> nodes,
    ExternalNetwork externalNetwork, String externalInterface, ToolVersions tools, boolean reused) {
  public KindCluster {
    workers = List.copyOf(workers);
    nodes = List.copyOf(nodes);
  }
}

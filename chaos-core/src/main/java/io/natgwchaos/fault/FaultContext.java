package io.natgwchaos.fault;

import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.ProvisionedTopology;
import java.util.List;
import java.util.Objects;

/**
 * Where a fault is injected: the target and the topology under test ({@code topology}), among all the run's
 * topologies (one per gateway).
 */
public record FaultContext(ChaosTarget target, ProvisionedTopology topology, List<ProvisionedTopology> topologies) {
  public FaultContext {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(topology, "topology");
    topologies = List.copyOf(topologies);
  }

  public FaultContext(ChaosTarget target, ProvisionedTopology topology) {
    this(target, topology, List.of(topology));
  }

  /** The same context aimed at the {@code index}-th gateway of the run (0 is the first). */
  public FaultContext onGateway(int index) {
    if (index < 0 || index >= topologies.size()) {
      throw new IllegalArgumentException("the run has " + topologies.size() + " gateway(s); there is no gateway "
          + index + " (counted from 0)");
    }
    return new FaultContext(target, topologies.get(index), topologies);
  }

  public String gatewayNamespace() {
    return target.gatewayNamespace();
  }

  public String gatewayPod() {
    return topology.gatewayPod();
  }
}

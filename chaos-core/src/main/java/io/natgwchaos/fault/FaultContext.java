package io.natgwchaos.fault;

import io.natgwchaos.target.ChaosTarget;
import io.natgwchaos.target.ProvisionedTopology;
import java.util.Objects;

/** Where a fault is injected: the target and the topology under test. */
public record FaultContext(ChaosTarget target, ProvisionedTopology topology) {
  public FaultContext {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(topology, "topology");
  }

  public String gatewayNamespace() {
    return target.gatewayNamespace();
  }

  public String gatewayPod() {
    return topology.gatewayPod();
  }
}

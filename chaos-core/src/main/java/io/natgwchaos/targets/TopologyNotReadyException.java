package io.natgwchaos.targets;

/**
 * Provisioning stopped: the controller did not make something ready in time, or the gateway landed on the
 * wrong node. The message says which resources and what their status was; {@link #partial()} lists what
 * had been created, for diagnostics and for {@link TopologyProvisioner#teardown}.
 */
public class TopologyNotReadyException extends TargetUnavailableException {
  private final transient ProvisionedTopology partial;

  public TopologyNotReadyException(String message, ProvisionedTopology partial) {
    super(message);
    this.partial = partial;
  }

  public ProvisionedTopology partial() {
    return partial;
  }
}

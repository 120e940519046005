package io.natgwchaos.target;

import java.time.Duration;

/**
 * Bounds of the topology waits. Defaults follow Kube-OVN's e2e: 4 minutes for a gateway pod to be
 * initialised, 2 minutes for a resource to become ready or go away; polled every second.
 *
 * @param afterGatewayInit a pause between the gateway pod's init and the first EIP: init queues the redo
 *     marking of the gateway's EIPs, and EIPs created while it runs race with it (a marking built from a
 *     stale copy can wipe a fresh EIP's address) — a real race, but not what setting up a topology is for
 */
public record TopologyTimeouts(Duration gatewayInit, Duration ready, Duration deletion, Duration pollInterval,
    Duration afterGatewayInit) {
  public static TopologyTimeouts defaults() {
    return new TopologyTimeouts(Duration.ofMinutes(4), Duration.ofMinutes(2), Duration.ofMinutes(2),
        Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  /**
   * Defaults overridden by {@code chaos.topology.gatewayInitTimeout}, {@code .readyTimeout},
   * {@code .deleteTimeout}, {@code .pollInterval}, {@code .afterGatewayInit}.
   */
  public static TopologyTimeouts from(TargetSettings settings) {
    TopologyTimeouts d = defaults();
    return new TopologyTimeouts(settings.getDuration("chaos.topology.gatewayInitTimeout", d.gatewayInit),
        settings.getDuration("chaos.topology.readyTimeout", d.ready),
        settings.getDuration("chaos.topology.deleteTimeout", d.deletion),
        settings.getDuration("chaos.topology.pollInterval", d.pollInterval),
        settings.getDuration("chaos.topology.afterGatewayInit", d.afterGatewayInit));
  }
}

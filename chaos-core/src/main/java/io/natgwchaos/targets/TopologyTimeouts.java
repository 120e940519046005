package io.natgwchaos.targets;

import java.time.Duration;

/**
 * Bounds of the topology waits. Defaults follow Kube-OVN's e2e: 4 minutes for a gateway pod to be
 * initialised, 2 minutes for a resource to become ready or go away; polled every second.
 *
 * @param deletionStall a teardown stage in which nothing went away for this long is given up before
 *     {@code deletion} is over (what is stuck gets its finalizers removed): longer than Kube-OVN's 20 s
 *     per-item retry back-off, so a delete that failed once still gets its retry
 * @param afterGatewayInit a pause between the gateway pod's init and the first EIP: init queues the redo
 *     marking of the gateway's EIPs, and EIPs created while it runs race with it (a marking built from a
 *     stale copy can wipe a fresh EIP's address) — a real race, but not what setting up a topology is for
 */
public record TopologyTimeouts(Duration gatewayInit, Duration ready, Duration deletion, Duration deletionStall,
    Duration pollInterval, Duration afterGatewayInit) {
  public TopologyTimeouts {
    if (deletionStall.compareTo(deletion) > 0) {
      deletionStall = deletion;
    }
  }

  /** A deletion stage is waited for up to {@code deletion}, however slowly it goes. */
  public TopologyTimeouts(Duration gatewayInit, Duration ready, Duration deletion, Duration pollInterval,
      Duration afterGatewayInit) {
    this(gatewayInit, ready, deletion, deletion, pollInterval, afterGatewayInit);
  }

  /** Without a pause after the gateway's init. */
  public TopologyTimeouts(Duration gatewayInit, Duration ready, Duration deletion, Duration pollInterval) {
    this(gatewayInit, ready, deletion, pollInterval, Duration.ZERO);
  }

  public static TopologyTimeouts defaults() {
    return new TopologyTimeouts(Duration.ofMinutes(4), Duration.ofMinutes(2), Duration.ofMinutes(2),
        Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  /**
   * These timeouts for a target that runs Kube-OVN's delays {@code factor} times as fast (the twin): polls
   * and the pause after init shrink with it (not below 10 ms); the bounds shrink too but never below 30 s
   * (2 s for a deletion and its stall: the run is judged before teardown, which then strips what is stuck),
   * since API calls do not get faster.
   */
  public TopologyTimeouts scaledBy(double factor) {
    if (factor >= 1) {
      return this;
    }
    return new TopologyTimeouts(atLeast(gatewayInit, factor, Duration.ofSeconds(30)),
        atLeast(ready, factor, Duration.ofSeconds(30)), atLeast(deletion, factor, Duration.ofSeconds(2)),
        atLeast(deletionStall, factor, Duration.ofSeconds(2)), atLeast(pollInterval, factor, Duration.ofMillis(10)),
        atLeast(afterGatewayInit, factor, Duration.ZERO));
  }

  private static Duration atLeast(Duration value, double factor, Duration floor) {
    Duration scaled = Duration.ofNanos(Math.round(value.toNanos() * factor));
    return scaled.compareTo(floor) < 0 ? floor : scaled;
  }

  /**
   * Defaults overridden by {@code chaos.topology.gatewayInitTimeout}, {@code .readyTimeout},
   * {@code .deleteTimeout}, {@code .deleteStallTimeout}, {@code .pollInterval}, {@code .afterGatewayInit}.
   */
  public static TopologyTimeouts from(TargetSettings settings) {
    TopologyTimeouts d = defaults();
    return new TopologyTimeouts(settings.getDuration("chaos.topology.gatewayInitTimeout", d.gatewayInit),
        settings.getDuration("chaos.topology.readyTimeout", d.ready),
        settings.getDuration("chaos.topology.deleteTimeout", d.deletion),
        settings.getDuration("chaos.topology.deleteStallTimeout", d.deletionStall),
        settings.getDuration("chaos.topology.pollInterval", d.pollInterval),
        settings.getDuration("chaos.topology.afterGatewayInit", d.afterGatewayInit));
  }
}

package io.natgwchaos.targets.kind;

import io.natgwchaos.targets.TargetSettings;
import java.time.Duration;

/**
 * How long each slow step of the kind target may take. Defaults follow upstream's own waits (install.sh
 * waits up to about 25 minutes in the worst case; a VPC NAT gateway gets 4 minutes to initialise).
 */
public record KindTimeouts(Duration toolCheck, Duration createCluster, Duration image, Duration install,
    Duration rollout, Duration network, Duration nicDiscovery, Duration resourceReady, Duration deleteCluster,
    Duration exportLogs, Duration pollInterval) {

  public static KindTimeouts defaults() {
    return new KindTimeouts(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(5),
        Duration.ofMinutes(25), Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofSeconds(30),
        Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(3), Duration.ofSeconds(1));
  }

  /** Defaults overridden by {@code chaos.kind.<name>Timeout} properties and {@code chaos.kind.pollInterval}. */
  public static KindTimeouts from(TargetSettings settings) {
    KindTimeouts d = defaults();
    return new KindTimeouts(
        settings.getDuration("chaos.kind.toolCheckTimeout", d.toolCheck),
        settings.getDuration("chaos.kind.createTimeout", d.createCluster),
        settings.getDuration("chaos.kind.imageTimeout", d.image),
        settings.getDuration("chaos.kind.installTimeout", d.install),
        settings.getDuration("chaos.kind.rolloutTimeout", d.rollout),
        settings.getDuration("chaos.kind.networkTimeout", d.network),
        settings.getDuration("chaos.kind.nicDiscoveryTimeout", d.nicDiscovery),
        settings.getDuration("chaos.kind.readyTimeout", d.resourceReady),
        settings.getDuration("chaos.kind.deleteTimeout", d.deleteCluster),
        settings.getDuration("chaos.kind.exportLogsTimeout", d.exportLogs),
        settings.getDuration("chaos.kind.pollInterval", d.pollInterval));
  }

  /** {@code kubectl --timeout} text for a duration, in whole seconds. */
  static String kubectl(Duration duration) {
    return Math.max(1, duration.toSeconds()) + "s";
  }
}

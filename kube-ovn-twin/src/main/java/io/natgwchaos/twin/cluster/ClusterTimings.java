package io.natgwchaos.twin.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the cluster's own machinery takes upstream, before the time scale shrinks it. Assumed values
 * for a kind node with images present, not measurements.
 *
 * @param podStart from a bound pod (addresses allocated) to its containers running: sandbox, CNI, start
 * @param containerRestart from a container's death to its restart (the first restart has no back-off)
 * @param controllerStartup from kube-ovn-controller's container start to its controllers running:
 *     leader election and informer sync
 */
public record ClusterTimings(Duration podStart, Duration containerRestart, Duration controllerStartup) {
  public ClusterTimings {
    Objects.requireNonNull(podStart, "podStart");
    Objects.requireNonNull(containerRestart, "containerRestart");
    Objects.requireNonNull(controllerStartup, "controllerStartup");
  }

  public static ClusterTimings upstream() {
    return new ClusterTimings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));
  }
}

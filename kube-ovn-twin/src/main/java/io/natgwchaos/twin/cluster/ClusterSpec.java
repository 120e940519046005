package io.natgwchaos.twin.cluster;

import io.natgwchaos.twin.TimeScale;
import io.natgwchaos.twin.TwinClock;
import java.util.List;
import java.util.Objects;

/**
 * The shape of a twin cluster.
 *
 * @param seed for everything the simulator picks at random (pod name suffixes, tie-breaks, container ids)
 */
public record ClusterSpec(List<NodeSpec> nodes, ClusterTimings timings, TimeScale scale, long seed, TwinClock clock) {
  public ClusterSpec {
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(timings, "timings");
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(clock, "clock");
  }

  public static ClusterSpec kind(TimeScale scale, long seed) {
    return new ClusterSpec(NodeSpec.kindDefaults(), ClusterTimings.upstream(), scale, seed, new TwinClock(scale));
  }
}

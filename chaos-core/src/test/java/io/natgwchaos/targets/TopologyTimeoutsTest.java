package io.natgwchaos.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyTimeoutsTest {
  @Test
  void aDeletionStageIsGivenUpAfterThirtySecondsWithoutProgressAndTwoOnTheTwin() {
    TopologyTimeouts kind = TopologyTimeouts.defaults();
    assertThat(kind.deletion()).isEqualTo(Duration.ofMinutes(2));
    assertThat(kind.deletionStall()).isEqualTo(Duration.ofSeconds(30));

    TopologyTimeouts twin = kind.scaledBy(0.05);
    assertThat(twin.deletion()).isEqualTo(Duration.ofSeconds(6));
    assertThat(twin.deletionStall()).isEqualTo(Duration.ofSeconds(2));
    assertThat(twin.pollInterval()).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void theStallIsSetByPropertyAndNeverExceedsTheDeletionBound() {
    TopologyTimeouts set = TopologyTimeouts.from(new TargetSettings(Map.of("chaos.topology.deleteStallTimeout", "45s")));
    assertThat(set.deletionStall()).isEqualTo(Duration.ofSeconds(45));

    TopologyTimeouts clamped = TopologyTimeouts.from(new TargetSettings(Map.of("chaos.topology.deleteTimeout", "10s")));
    assertThat(clamped.deletionStall()).isEqualTo(Duration.ofSeconds(10));
  }
}

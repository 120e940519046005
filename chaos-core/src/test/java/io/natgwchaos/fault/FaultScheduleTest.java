package io.natgwchaos.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {
  static final FaultSchedule SCHEDULE = FaultSchedule.builder()
      .at(Duration.ofSeconds(10), Faults.rescheduleGateway(), Duration.ofSeconds(20))
      .between(Duration.ofSeconds(5), Duration.ofSeconds(45), Faults.deleteGatewayPod())
      .between(Duration.ofSeconds(30), Duration.ofSeconds(90), Faults.restartController())
      .every(Duration.ofSeconds(15), Duration.ofSeconds(50), 3, Faults.cordonAndDeleteGatewayPod(), Duration.ofSeconds(5))
      .build();

  @Test
  void theSameSeedGivesTheSameFaultTimes() {
    assertThat(SCHEDULE.plan(7)).isEqualTo(SCHEDULE.plan(7));
    assertThat(SCHEDULE.plan(7)).extracting(PlannedFault::at).isEqualTo(SCHEDULE.plan(7).stream()
        .map(PlannedFault::at).toList());
  }

  @Test
  void anotherSeedDrawsOtherTimesForTheRangesOnly() {
    List<PlannedFault> a = SCHEDULE.plan(7);
    List<PlannedFault> b = SCHEDULE.plan(8);
    assertThat(a).isNotEqualTo(b);
    assertThat(at(a, 0)).isEqualTo(at(b, 0)).isEqualTo(Duration.ofSeconds(10));
    assertThat(at(a, 3)).isEqualTo(at(b, 3)).isEqualTo(Duration.ofSeconds(50));
    assertThat(at(a, 5)).isEqualTo(Duration.ofSeconds(80));
  }

  @Test
  void drawnOffsetsStayInTheirRangeAndThePlanIsOrderedByTime() {
    for (long seed = 0; seed < 200; seed++) {
      List<PlannedFault> plan = SCHEDULE.plan(seed);
      assertThat(at(plan, 1)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(45));
      assertThat(at(plan, 2)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(90));
      assertThat(plan).extracting(PlannedFault::at).isSorted();
    }
  }

  @Test
  void rejectsRangesThatEndBeforeTheyStart() {
    assertThatThrownBy(() -> FaultSchedule.builder().between(Duration.ofSeconds(9), Duration.ofSeconds(3),
        Faults.deleteGatewayPod())).hasMessageContaining("delete-gateway-pod");
  }

  private static Duration at(List<PlannedFault> plan, int entry) {
    return plan.stream().filter(p -> p.index() == entry).findFirst().orElseThrow().at();
  }
}

package io.natgwchaos.experiments;

import static io.natgwchaos.fault.Faults.rescheduleGateway;

import io.natgwchaos.experiment.Experiment;
import io.natgwchaos.fault.FaultSchedule;
import io.natgwchaos.junit.ChaosExperiment;
import io.natgwchaos.junit.KnownIssue;
import java.time.Duration;

/**
 * Hypothesis: after the gateway pod is rescheduled (and moved back), every EIP, FIP, SNAT and DNAT is
 * re-programmed on the new pod and every status converges: S1–S4 hold and everything is ready within the settle
 * time. The redo path has no upstream e2e coverage (reference §5.4).
 */
class RescheduleReprogramsEverythingIT {

  @ChaosExperiment
  @KnownIssue(value = "candidate:rule-redo-marks-eip", mustReproduce = false)
  void everythingIsReprogrammedAfterAMove(Experiment experiment) {
    experiment
        .topology(t -> t.withRules(4, 2, 2))
        .faults(FaultSchedule.builder().at(Duration.ofSeconds(2), rescheduleGateway(), Duration.ofSeconds(20)))
        .settle(Duration.ofSeconds(60))
        .run()
        .assertInvariantsHold();
  }
}

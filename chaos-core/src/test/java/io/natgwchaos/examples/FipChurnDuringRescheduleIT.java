package io.natgwchaos.examples;

import static io.natgwchaos.fault.Faults.rescheduleGateway;

import io.natgwchaos.experiment.Experiment;
import io.natgwchaos.fault.FaultSchedule;
import io.natgwchaos.junit.ChaosExperiment;
import io.natgwchaos.junit.KnownIssue;
import io.natgwchaos.workload.Workload;
import java.time.Duration;

class FipChurnDuringRescheduleIT {

  @ChaosExperiment
  @KnownIssue("kubeovn/kube-ovn#5114")
  void fipDeleteAndRecreateWhileTheGatewayMoves(Experiment experiment) {
    experiment
        .topology(t -> t.withRules(4, 0, 0))
        .workload(Workload.fipChurn().workers(4).rate(20).duration(Duration.ofSeconds(60)))
        .faults(FaultSchedule.builder()
            .at(Duration.ofSeconds(10), rescheduleGateway(), Duration.ofSeconds(20))
            .between(Duration.ofSeconds(35), Duration.ofSeconds(45), rescheduleGateway(), Duration.ofSeconds(10)))
        .settle(Duration.ofSeconds(60))
        .run()
        .assertInvariantsHold();
  }
}

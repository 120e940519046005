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
  @KnownIssue(value = "kubeovn/kube-ovn#5115", mustReproduce = false)
  @KnownIssue(value = "kubeovn/kube-ovn#6595", versions = {"v1.13.*", "v1.14.*", "v1.15.*", "v1.16.*"},
      mustReproduce = false)
  @KnownIssue(value = "candidate:rule-redo-marks-eip", mustReproduce = false)
  @KnownIssue(value = "candidate:stale-status-patch", mustReproduce = false)
  void fipsChurnWhileTheGatewayMoves(Experiment experiment) {
    experiment
        .topology(t -> t.withRules(12, 0, 0))
        .workload(Workload.fipChurn().workers(4).rate(20).duration(Duration.ofSeconds(56)))
        .faults(FaultSchedule.builder().at(Duration.ofSeconds(4), rescheduleGateway(), Duration.ofSeconds(30)))
        .settle(Duration.ofSeconds(60))
        .run()
        .assertInvariantsHold();
  }
}

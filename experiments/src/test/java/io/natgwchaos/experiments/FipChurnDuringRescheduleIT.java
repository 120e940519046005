package io.natgwchaos.experiments;

import static io.natgwchaos.fault.Faults.rescheduleGateway;

import io.natgwchaos.experiment.Experiment;
import io.natgwchaos.fault.FaultSchedule;
import io.natgwchaos.junit.ChaosExperiment;
import io.natgwchaos.junit.KnownIssue;
import io.natgwchaos.workload.Workload;
import java.time.Duration;

/**
 * Hypothesis: FIPs deleted and re-created while the gateway pod is rescheduled leave every EIP's claim true —
 * a ready EIP has its address on the new pod's net1. Guards kubeovn/kube-ovn#5114: the delayed EIP reset after
 * a FIP delete forces {@code ready=true} while the EIP still waits to be re-programmed, and nothing repairs it.
 * The gateway moves away at 4 s and back at 34 s: two redo windows for a delete to hit, each followed by longer
 * than the grace, so damage that the next move repairs still counts.
 */
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

package io.natgwchaos.experiments;

import static io.natgwchaos.fault.Faults.restartGatewayContainer;

import io.natgwchaos.experiment.Experiment;
import io.natgwchaos.fault.FaultSchedule;
import io.natgwchaos.junit.ChaosExperiment;
import io.natgwchaos.junit.KnownIssue;
import java.time.Duration;

/**
 * Hypothesis: when the gateway's container restarts in a fresh sandbox (node reboot: same pod, new network
 * namespace), the controller notices and the gateway gets its addresses and rules back. Guards
 * kubeovn/kube-ovn#5029: up to v1.13 nothing re-initialises the pod (fixed by #5072, which rolls the StatefulSet).
 */
class ContainerRestartInPlaceIT {

  @ChaosExperiment
  @KnownIssue(value = "kubeovn/kube-ovn#5029", versions = "v1.13.*")
  @KnownIssue(value = "candidate:rule-redo-marks-eip", mustReproduce = false)
  void aRestartedGatewayIsReprogrammed(Experiment experiment) {
    experiment
        .topology(t -> t.withRules(4, 1, 1))
        .faults(FaultSchedule.builder().at(Duration.ofSeconds(2), restartGatewayContainer()))
        .quiesceAfter(Duration.ofSeconds(4))
        .settle(Duration.ofSeconds(60))
        .run()
        .assertInvariantsHold();
  }
}

package io.natgwchaos.experiments;

import static io.natgwchaos.fault.Faults.deleteGatewayPod;
import static io.natgwchaos.fault.Faults.onGateway;

import io.natgwchaos.experiment.Experiment;
import io.natgwchaos.fault.FaultSchedule;
import io.natgwchaos.junit.ChaosExperiment;
import io.natgwchaos.junit.KnownIssue;
import java.time.Duration;

/**
 * Hypothesis: two gateways whose pods are re-created close together are both fully re-programmed. Guards the
 * global redo stamp (reference §6, candidate 2): {@code natGwCreatedAT} is one value for all gateways, so gateway
 * A's rules can be stamped with gateway B's later pod time; from v1.16 the redo then skips them as "already
 * intact" and they stay not ready with no rules.
 */
class TwoGatewaysRescheduledIT {

  @ChaosExperiment
  @KnownIssue(value = "candidate:global-redo-stamp", versions = {"v1.16.*", "master"}, mustReproduce = false)
  @KnownIssue(value = "candidate:rule-redo-marks-eip", mustReproduce = false)
  void bothGatewaysAreReprogrammed(Experiment experiment) {
    experiment
        .gateways(2)
        .topology(t -> t.withRules(3, 1, 1))
        .faults(FaultSchedule.builder()
            .at(Duration.ofSeconds(2), onGateway(0, deleteGatewayPod()))
            .at(Duration.ofSeconds(5), onGateway(1, deleteGatewayPod())))
        .quiesceAfter(Duration.ofSeconds(8))
        .settle(Duration.ofSeconds(60))
        .run()
        .assertInvariantsHold();
  }
}

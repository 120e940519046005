package io.natgwchaos.experiments;

import io.natgwchaos.experiment.Experiment;
import io.natgwchaos.junit.ChaosExperiment;
import io.natgwchaos.workload.Workload;
import java.time.Duration;

/**
 * Hypothesis: SNAT rules created and deleted under churn leave nothing behind in SHARED_SNAT. Guards
 * kubeovn/kube-ovn#5799: the SNAT add-finalizer helper removed instead of adding, so SNATs never got a finalizer
 * and every delete leaked its rule (v1.13.x, v1.14.0-14, fixed by #5806).
 */
class SnatChurnIT {

  @ChaosExperiment
  void snatChurnLeaksNothing(Experiment experiment) {
    experiment
        .topology(t -> t.withRules(0, 6, 0))
        .workload(Workload.snatChurn().workers(3).rate(15).duration(Duration.ofSeconds(20)).quickAddDelete(0.2))
        .settle(Duration.ofSeconds(60))
        .run()
        .assertInvariantsHold();
  }
}

package io.natgwchaos.experiments;

import io.natgwchaos.experiment.Experiment;
import io.natgwchaos.junit.ChaosExperiment;
import io.natgwchaos.junit.KnownIssue;
import io.natgwchaos.workload.Workload;
import java.time.Duration;

/**
 * Hypothesis: SNAT rules created and deleted under churn leave nothing behind in SHARED_SNAT. Guards
 * kubeovn/kube-ovn#5799: the SNAT add-finalizer helper removed instead of adding, so SNATs never got a finalizer
 * and every delete leaked its rule (v1.13.x, v1.14.0-14, fixed by #5806).
 */
class SnatChurnIT {

  @ChaosExperiment
  @KnownIssue(value = "kubeovn/kube-ovn#5799", versions = "v1.13.*")
  @KnownIssue(value = "kubeovn/kube-ovn#5115", mustReproduce = false)
  @KnownIssue(value = "kubeovn/kube-ovn#6595", versions = {"v1.13.*", "v1.14.*", "v1.15.*", "v1.16.*"},
      mustReproduce = false)
  void snatChurnLeaksNothing(Experiment experiment) {
    experiment
        .topology(t -> t.withRules(0, 8, 0))
        .workload(Workload.snatChurn().workers(4).rate(1).duration(Duration.ofSeconds(20)).quickAddDelete(0.2))
        .settle(Duration.ofSeconds(60))
        .run()
        .assertInvariantsHold();
  }
}

package io.natgwchaos.experiment;

import io.natgwchaos.check.CheckReport;
import io.natgwchaos.fault.PlannedFault;
import io.natgwchaos.history.History;
import io.natgwchaos.history.Recorder;
import io.natgwchaos.workload.WorkloadRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one run produced: its history, the oracle's report on it, and how to repeat it.
 *
 * @param experiment the experiment's name
 * @param seed the seed every random choice was drawn from ({@code -Dchaos.seed} repeats the run's plan)
 * @param target where it ran
 * @param faults the fault plan (Kube-OVN time offsets)
 * @param workload counts of the workload's calls (zeros without a workload)
 * @param cadence the snapshot cadence achieved per gateway
 * @param settled whether the gateways converged before the settle time ran out
 */
public record ExperimentResult(String experiment, long seed, TargetFacts target, History history, CheckReport report,
    Timings timings, List<PlannedFault> faults, WorkloadRunner.Stats workload, List<Recorder.Cadence> cadence,
    boolean settled) {

  /**
   * @param timeScale real time per Kube-OVN time
   * @param environment the target's facts for reports
   */
  public record TargetFacts(String name, String kubeOvnVersion, double timeScale, Map<String, String> environment) {
    public TargetFacts {
      environment = Map.copyOf(environment);
    }

    @Override
    public String toString() {
      return name + (kubeOvnVersion == null || kubeOvnVersion.isEmpty() ? "" : " " + kubeOvnVersion);
    }
  }

  /** Real time spent in each stage. */
  public record Timings(Duration provisioning, Duration chaos, Duration settle, Duration check, Duration teardown,
      Duration total) {}

  public ExperimentResult {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(report, "report");
    faults = List.copyOf(faults);
    cadence = List.copyOf(cadence);
  }

  /** Whether every invariant held. */
  public boolean isClean() {
    return report.violations().isEmpty();
  }

  /**
   * @throws InvariantViolationError when any invariant was violated (known issue or not); its message names the
   *     run and each violation's invariant, resource and interval
   */
  public ExperimentResult assertInvariantsHold() {
    if (!isClean()) {
      throw new InvariantViolationError(describe() + ": " + report.summary(), this);
    }
    return this;
  }

  /** {@code experiment X on twin v1.13.4 (seed 42, re-run with -Dchaos.seed=42)}. */
  public String describe() {
    return "experiment " + experiment + " on " + target + " (seed " + seed + ", re-run with -D" + Seeds.SEED + "="
        + seed + ")";
  }
}

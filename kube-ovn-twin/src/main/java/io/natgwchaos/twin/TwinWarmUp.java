package io.natgwchaos.twin;

import io.natgwchaos.experiment.DeferredTeardown;
import io.natgwchaos.experiment.Experiment;
import io.natgwchaos.experiment.ExperimentResult;
import io.natgwchaos.fault.FaultSchedule;
import io.natgwchaos.fault.Faults;
import io.natgwchaos.targets.TargetSettings;
import io.natgwchaos.workload.Workload;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms the JVM up before the first experiment on the twin, as a benchmark warms up before it measures. In a cold
 * JVM the first experiment ran while the JIT compiler competed for the two cores: FipChurnDuringRescheduleIT
 * managed 323 operations instead of about 1,000 and the race it exists to provoke did not happen (#5114 missed
 * its first seed on v1.13.4 in two detection-bench runs, and never later). A throwaway twin on profile
 * {@code fixed} runs a short FIP, SNAT and DNAT topology through FIP churn and a gateway move; nothing of it
 * reaches the twins the experiments use. Off with {@code -Dchaos.twin.warmUp=false}.
 */
final class TwinWarmUp {
  static final String PROPERTY = "chaos.twin.warmUp";
  private static final Logger LOG = LoggerFactory.getLogger(TwinWarmUp.class);
  private static final AtomicBoolean DONE = new AtomicBoolean();

  private TwinWarmUp() {}

  /**
   * Runs the warm-up once per JVM, unless {@code chaos.twin.warmUp} is false; never throws.
   *
   * @return whether it ran now
   */
  static boolean onceBefore(TargetSettings settings) {
    if (!settings.getBoolean(PROPERTY, true) || !DONE.compareAndSet(false, true)) {
      return false;
    }
    long start = System.nanoTime();
    try (TwinTarget twin = TwinTarget.open(TwinSettings.from(settings.with(TargetSettings.KUBE_OVN_VERSION,
        "fixed")))) {
      ExperimentResult result = Experiment.on(twin, new TargetSettings(Map.of())).named("twin warm-up (discarded)").seed(1)
          .topology(t -> t.withRules(8, 1, 1))
          .workload(Workload.fipChurn().workers(4).rate(20).duration(Duration.ofSeconds(30)))
          .faults(FaultSchedule.builder().at(Duration.ofSeconds(4), Faults.rescheduleGateway(),
              Duration.ofSeconds(16)))
          // it never settles (the gateway is still being re-programmed) and waiting warms nothing
          .settle(Duration.ofSeconds(8))
          .deferTeardownTo(new DeferredTeardown()) // the twin's close removes the topology
          .run();
      LOG.info("twin warm-up done in {} ms ({})", (System.nanoTime() - start) / 1_000_000, result.workload());
    } catch (RuntimeException e) {
      LOG.warn("twin warm-up failed after {} ms (the experiments run anyway): {}",
          (System.nanoTime() - start) / 1_000_000, e.toString());
    }
    return true;
  }
}

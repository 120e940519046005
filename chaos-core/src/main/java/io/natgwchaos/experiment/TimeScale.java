package io.natgwchaos.experiment;

import java.time.Duration;

/**
 * Converts Kube-OVN time, in which experiments are written, into real time on a target: durations are multiplied
 * by the factor, rates divided by it (see {@link io.natgwchaos.targets.ChaosTarget#timeScale()}).
 */
public record TimeScale(double factor) {
  public static final TimeScale REAL = new TimeScale(1.0);

  public TimeScale {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("time scale must be a positive number, got " + factor);
    }
  }

  public Duration real(Duration kubeOvnTime) {
    return factor == 1.0 ? kubeOvnTime : Duration.ofNanos(Math.round(kubeOvnTime.toNanos() * factor));
  }

  /** Events per real second for {@code perKubeOvnSecond}; 0 (no limit) stays 0. */
  public double realRate(double perKubeOvnSecond) {
    return perKubeOvnSecond / factor;
  }
}

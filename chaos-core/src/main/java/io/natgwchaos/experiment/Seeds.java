package io.natgwchaos.experiment;

import io.natgwchaos.targets.TargetSettings;
import java.security.SecureRandom;

/** The run's seed: {@code -Dchaos.seed}, or a fresh random one (printed, so the run can be repeated). */
public final class Seeds {
  public static final String SEED = "chaos.seed";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Seeds() {}

  public static long resolve(TargetSettings settings) {
    return settings.get(SEED).isPresent() ? settings.getLong(SEED, 0) : RANDOM.nextLong();
  }
}

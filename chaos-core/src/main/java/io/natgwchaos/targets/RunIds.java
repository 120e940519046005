package io.natgwchaos.targets;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Run ids name what a run creates outside the JVM (kind clusters, docker networks, workspaces), so they
 * must be short, lower case and unique enough for parallel CI jobs: {@code 20261126-0553-a1b2}.
 */
public final class RunIds {
  private static final Pattern VALID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,28}[a-z0-9])?");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {}

  /** {@code chaos.runId} when given (validated), otherwise a fresh id. */
  public static String from(TargetSettings settings, Clock clock) {
    return settings.get(TargetSettings.RUN_ID).map(RunIds::validate).orElseGet(() -> generate(clock));
  }

  public static String generate(Clock clock) {
    byte[] random = new byte[2];
    RANDOM.nextBytes(random);
    return STAMP.format(clock.instant()) + "-" + HexFormat.of().formatHex(random);
  }

  public static String validate(String runId) {
    if (!VALID.matcher(runId).matches()) {
      throw new IllegalArgumentException("property " + TargetSettings.RUN_ID + "='" + runId
          + "' cannot name clusters and networks: use 1-30 characters a-z, 0-9 and '-', starting and ending"
          + " with a letter or digit");
    }
    return runId;
  }
}

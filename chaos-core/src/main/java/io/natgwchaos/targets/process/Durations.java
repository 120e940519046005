package io.natgwchaos.targets.process;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them: {@code 90s}, {@code 5m}, {@code 1m30s}, {@code 500ms}. */
public final class Durations {
  private Durations() {}

  public static String text(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    long seconds = duration.toSeconds();
    if (millis % 1000 != 0) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    if (seconds < 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    long rest = seconds % 60;
    if (minutes < 60) {
      return rest == 0 ? minutes + "m" : minutes + "m" + rest + "s";
    }
    long hours = minutes / 60;
    return hours + "h" + (minutes % 60 == 0 ? "" : (minutes % 60) + "m");
  }
}

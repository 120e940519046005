package io.natgwchaos.twin.controller;

import io.natgwchaos.twin.profile.RedoStamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code natGwCreatedAT}: the creation time of the gateway pod that was last initialised, formatted to
 * the second in the controller's local time (UTC in the twin) as Go's {@code "2006-01-02T15:04:05"}.
 * Objects whose {@code status.redo} differs from it get marked for re-programming. How it is kept
 * depends on the version: one global overwritten by every init, one global that only moves forward, or
 * (the {@code fixed} profile) one per gateway. Lost when the process dies.
 */
final class RedoStamps {
  static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private final RedoStamp mode;
  private String global = "";
  private final Map<String, String> perGateway = new HashMap<>();

  RedoStamps(RedoStamp mode) {
    this.mode = mode;
  }

  static String format(Instant time) {
    return FORMAT.format(time);
  }

  /** The stamp the marking handlers of {@code gateway} compare against now. */
  synchronized String current(String gateway) {
    return mode == RedoStamp.PER_GATEWAY ? perGateway.getOrDefault(gateway, "") : global;
  }

  /** Init of {@code gateway}'s pod created at {@code podCreated}. */
  synchronized void onInit(String gateway, Instant podCreated) {
    String stamp = format(podCreated);
    switch (mode) {
      case GLOBAL_OVERWRITE -> global = stamp;
      case GLOBAL_MAX -> {
        if (global.isEmpty() || stamp.compareTo(global) > 0) {
          global = stamp;
        }
      }
      case PER_GATEWAY -> perGateway.put(gateway, stamp);
    }
  }

  /** {@code initCreateAt}: sets the stamp from the gateway's pod only when it is still empty. */
  synchronized boolean isEmpty(String gateway) {
    return current(gateway).isEmpty();
  }
}

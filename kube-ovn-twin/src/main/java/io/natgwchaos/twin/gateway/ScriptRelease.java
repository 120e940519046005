package io.natgwchaos.twin.gateway;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release line a profile's {@code nat-gateway.sh} comes from. Behaviour that a version profile
 * documents as a switch follows the switch; this only decides what the switches do not cover: the
 * script's messages, {@code init}'s interface argument (v1.15+) and the default route {@code eip-add}
 * sets when the pod has {@code GATEWAY_V4} (v1.15; with {@code onlink} from v1.16).
 */
enum ScriptRelease {
  V1_13, V1_14, V1_15, V1_16, MASTER;

  private static final Pattern VERSION = Pattern.compile("^v1\\.(\\d+)\\.");

  /** From a profile name such as {@code v1.15.24} or {@code v1.13.4-ARPING_DAD}; others are master. */
  static ScriptRelease of(String profileName) {
    Matcher version = VERSION.matcher(profileName);
    if (!version.find()) {
      return MASTER;
    }
    int minor = Integer.parseInt(version.group(1));
    if (minor <= 13) {
      return V1_13;
    }
    return switch (minor) {
      case 14 -> V1_14;
      case 15 -> V1_15;
      case 16 -> V1_16;
      default -> MASTER;
    };
  }

  boolean atLeast(ScriptRelease other) {
    return compareTo(other) >= 0;
  }
}

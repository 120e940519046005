package io.natgwchaos.targets.kind;

import java.util.List;
import java.util.Optional;

/**
 * Versions of the tools the kind target drives, as found on this machine, and warnings about them
 * (e.g. kind older than the one upstream CI used for this Kube-OVN line).
 */
public record ToolVersions(String docker, String kind, String kubectl, Optional<String> helm, List<String> warnings) {
  public ToolVersions {
    warnings = List.copyOf(warnings);
  }

  /** Docker's major version, 0 when it cannot be read. */
  public int dockerMajor() {
    try {
      return Integer.parseInt(docker.replaceFirst("^v", "").split("\\.")[0]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Compares dotted versions with or without a leading v: {@code v0.27.0 < 0.32.0}. */
  static int compare(String a, String b) {
    String[] left = a.replaceFirst("^v", "").split("[.+-]");
    String[] right = b.replaceFirst("^v", "").split("[.+-]");
    for (int i = 0; i < 3; i++) {
      int l = i < left.length ? number(left[i]) : 0;
      int r = i < right.length ? number(right[i]) : 0;
      if (l != r) {
        return Integer.compare(l, r);
      }
    }
    return 0;
  }

  private static int number(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

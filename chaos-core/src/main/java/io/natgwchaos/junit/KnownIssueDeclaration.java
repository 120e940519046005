package io.natgwchaos.junit;

import java.util.List;
import java.util.Objects;

/**
 * A declared known issue, as a value.
 *
 * @param issue e.g. {@code kubeovn/kube-ovn#5114}
 * @param versions affected versions; empty for every version except {@value #FIXED_PROFILE}
 */
public record KnownIssueDeclaration(String issue, List<String> versions, boolean mustReproduce) {
  /** The twin profile with every known bug switched off: affected by nothing. */
  public static final String FIXED_PROFILE = "fixed";

  public KnownIssueDeclaration {
    Objects.requireNonNull(issue, "issue");
    versions = List.copyOf(versions);
  }

  public static KnownIssueDeclaration of(KnownIssue annotation) {
    return new KnownIssueDeclaration(annotation.value(), List.of(annotation.versions()), annotation.mustReproduce());
  }

  /** Whether {@code version} is affected. */
  public boolean affects(String version) {
    String v = normalise(version);
    if (versions.isEmpty()) {
      return !FIXED_PROFILE.equals(v);
    }
    for (String pattern : versions) {
      String p = normalise(pattern);
      if (p.endsWith("*") ? v.startsWith(p.substring(0, p.length() - 1)) : p.equals(v)) {
        return true;
      }
    }
    return false;
  }

  private static String normalise(String version) {
    String v = version == null ? "" : version.strip();
    return v.length() > 1 && (v.charAt(0) == 'v' || v.charAt(0) == 'V') && Character.isDigit(v.charAt(1))
        ? v.substring(1) : v;
  }
}

package io.natgwchaos.check;

import java.util.List;
import java.util.Objects;

/**
 * One broken invariant: which, about what, when, why, and the history entries that prove it.
 *
 * @param invariant the invariant
 * @param resource the resource (or gateway object) it is about
 * @param interval from the first to the last snapshot that showed it
 * @param message one sentence a maintainer can act on
 * @param witnesses the observations and snapshots that prove it
 * @param knownIssue the upstream issue whose mechanism this matches (e.g. {@code kubeovn/kube-ovn#5114}), or null
 */
public record Violation(Invariant invariant, ResourceRef resource, Interval interval, String message,
    List<Witness> witnesses, String knownIssue) {

  public Violation {
    Objects.requireNonNull(invariant, "invariant");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(message, "message");
    witnesses = List.copyOf(witnesses);
  }

  public Violation withKnownIssue(String issue) {
    return new Violation(invariant, resource, interval, message, witnesses, issue);
  }

  @Override
  public String toString() {
    return invariant + " " + resource + " " + interval + ": " + message
        + (knownIssue == null ? "" : " [" + knownIssue + "]");
  }
}

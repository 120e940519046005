package io.natgwchaos.check;

import java.util.List;

/** The result of checking one invariant over a history: it holds, or these violations. */
public record Verdict(Invariant invariant, List<Violation> violations) {
  public Verdict {
    violations = List.copyOf(violations);
    for (Violation v : violations) {
      if (v.invariant() != invariant) {
        throw new IllegalArgumentException("a " + invariant + " verdict cannot hold a " + v.invariant() + " violation");
      }
    }
  }

  public static Verdict holds(Invariant invariant) {
    return new Verdict(invariant, List.of());
  }

  public boolean isHolding() {
    return violations.isEmpty();
  }
}

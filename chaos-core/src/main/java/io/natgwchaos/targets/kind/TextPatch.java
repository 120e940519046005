package io.natgwchaos.targets.kind;

import java.util.Objects;
import java.util.function.UnaryOperator;

/** A change made to a downloaded file before it is used, described for the plan and the log. */
public record TextPatch(String description, UnaryOperator<String> change) {
  public TextPatch {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(change, "change");
  }

  public static TextPatch none() {
    return new TextPatch("unchanged", UnaryOperator.identity());
  }

  /**
   * Replaces every occurrence of {@code from}; a file that no longer contains it is an error, because the
   * patch would silently stop doing its job.
   */
  public static TextPatch replaceAll(String description, String from, String to) {
    return new TextPatch(description, text -> {
      if (!text.contains(from)) {
        throw new IllegalStateException("cannot " + description + ": the file no longer contains '" + from + "'");
      }
      return text.replace(from, to);
    });
  }
}

package io.natgwchaos.junit;

import java.util.Objects;
import java.util.Set;

/**
 * The verdict policy's answer for one experiment run (DESIGN.md §8).
 *
 * @param category what happened, for reports
 * @param message one paragraph a maintainer can act on (for failures: the report's summary)
 * @param reproduced declared known issues that reproduced
 * @param notReproduced declared known issues with {@code mustReproduce} that did not, on an affected version
 */
public record ExperimentVerdict(Category category, String message, Set<String> reproduced,
    Set<String> notReproduced) {

  public enum Category {
    /** Every invariant held; nothing was declared to reproduce. */
    PASSED(false, "Passed"),
    /** Violations, all explained by known issues declared for this version: the build stays green. */
    KNOWN_ISSUE_REPRODUCED(false, "Known issue reproduced"),
    /** A declared known issue did not reproduce on a real cluster (kind, existing): reported, not failed. */
    KNOWN_ISSUE_NOT_REPRODUCED(false, "Known issue not reproduced"),
    /** A declared known issue did not reproduce on the twin: the checker or the experiment lost its teeth. */
    CHECKER_LOST_TEETH(true, "Checker lost its teeth"),
    /** A violation no known issue declared for this version explains. */
    VIOLATED(true, "Product defect"),
    /** Infrastructure trouble: neither passed nor failed. */
    ABORTED(false, "Infrastructure broken");

    private final boolean fails;
    private final String title;

    Category(boolean fails, String title) {
      this.fails = fails;
      this.title = title;
    }

    /** How reports name it; a failing test's message starts with {@code "<title>: "} (report categories match it). */
    public String title() {
      return title;
    }

    /** Whether the test fails. */
    public boolean fails() {
      return fails;
    }
  }

  public ExperimentVerdict {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(message, "message");
    reproduced = Set.copyOf(reproduced);
    notReproduced = Set.copyOf(notReproduced);
  }

  public boolean fails() {
    return category.fails();
  }

  /** {@code "<category title>: <message>"}: what a failing or aborted test reports. */
  public String titledMessage() {
    return category.title() + ": " + message;
  }

  public static ExperimentVerdict aborted(String message) {
    return new ExperimentVerdict(Category.ABORTED, message, Set.of(), Set.of());
  }
}

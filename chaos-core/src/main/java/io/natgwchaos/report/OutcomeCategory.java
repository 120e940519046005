package io.natgwchaos.report;

import io.qameta.allure.model.Status;
import java.util.List;
import java.util.Objects;

/**
 * How an experiment ended, as an Allure category (DESIGN.md §8). Allure 2 puts a result into a category when its
 * status is one of the category's {@code matchedStatuses} and its status message matches {@code messageRegex}; the
 * generator does this for every status, passed included (allure2 {@code CategoriesPlugin.matches}, 2.34.0). So each
 * outcome is a fixed message prefix: {@link #message} builds the status message, and {@link AllureEnvironment}
 * writes the categories that match it.
 *
 * <p>Who sets the message: for a passed result, {@link ExperimentReport} writes it into the result's status details
 * (allure-jupiter keeps status details of a passed test as they are). For a failed, broken or skipped result
 * allure-jupiter replaces the message with the exception's, so the exception the experiment ends with must carry
 * {@code category.message(reason)}.
 */
public enum OutcomeCategory {
  /** The declared known issue reproduced on a version it affects: reported, the build stays green. */
  KNOWN_ISSUE_REPRODUCED("Known issue reproduced", List.of(Status.PASSED),
      "A violation matched the signature of a declared upstream issue on a version it affects. Green build;"
          + " the issue link and the timeline show the mechanism."),
  /** A violation no known-issue signature explains: a Kube-OVN bug (or a new one) until shown otherwise. */
  PRODUCT_DEFECT("Product defect", List.of(Status.FAILED),
      "An invariant was violated and no known-issue signature explains it. The build fails."),
  /** The target could not be brought up or went away: neither a pass nor a finding. */
  INFRASTRUCTURE_BROKEN("Infrastructure broken", List.of(Status.BROKEN, Status.SKIPPED),
      "The target, the cluster or a fault's heal failed; the experiment was aborted and says nothing about"
          + " Kube-OVN."),
  /** A declared known issue did not reproduce where it must (the twin): the checker or the experiment lost its bite. */
  CHECKER_LOST_ITS_TEETH("Checker lost its teeth", List.of(Status.FAILED),
      "The experiment declares a known issue that must reproduce on this target and version, and it did not:"
          + " the checker, the signature or the experiment no longer detects the bug.");

  private final String title;
  private final List<Status> statuses;
  private final String description;

  OutcomeCategory(String title, List<Status> statuses, String description) {
    this.title = title;
    this.statuses = statuses;
    this.description = description;
  }

  /** The category's name in the report, also the message prefix. */
  public String title() {
    return title;
  }

  /** The result statuses the category matches. */
  public List<Status> statuses() {
    return statuses;
  }

  public String description() {
    return description;
  }

  /** The status message that puts a result into this category: {@code "<title>: <reason>"}. */
  public String message(String reason) {
    Objects.requireNonNull(reason, "reason");
    return title + ": " + reason;
  }

  /** The regular expression (Java, matched against the whole message with DOTALL) the category uses. */
  public String messageRegex() {
    return title + ":.*";
  }

  /** The category a status message belongs to, if it has one of the prefixes. */
  public static OutcomeCategory ofMessage(String message) {
    if (message != null) {
      for (OutcomeCategory category : values()) {
        if (message.startsWith(category.title + ":")) {
          return category;
        }
      }
    }
    return null;
  }
}

package io.natgwchaos.report;

import io.natgwchaos.check.CheckReport;
import io.natgwchaos.history.History;
import io.natgwchaos.history.RunStarted;
import java.util.Objects;

/**
 * Everything {@link ExperimentReport} writes about one experiment run: the history, its check report, and what
 * the verdict policy made of them.
 *
 * @param area the Allure epic, e.g. {@code NAT gateway}
 * @param history the run's history; its {@link RunStarted} names experiment, target, version and seed
 * @param report the checker's report on {@code history}
 * @param declaredKnownIssue the issue the experiment declares with {@code @KnownIssue} (e.g.
 *     {@code kubeovn/kube-ovn#5114}), or null
 * @param category the outcome category the verdict policy chose, or null for a plain pass
 * @param reason one line saying why (the status message after the category's prefix); null when no category
 */
public record ExperimentOutcome(String area, History history, CheckReport report, String declaredKnownIssue,
    OutcomeCategory category, String reason) {
  public static final String NAT_GATEWAY = "NAT gateway";

  public ExperimentOutcome {
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(report, "report");
    if (category != null && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("an outcome category needs a reason");
    }
  }

  /** A checked run in the NAT gateway area, no known issue declared, no category yet. */
  public static ExperimentOutcome of(History history, CheckReport report) {
    return new ExperimentOutcome(NAT_GATEWAY, history, report, null, null, null);
  }

  public ExperimentOutcome inArea(String newArea) {
    return new ExperimentOutcome(newArea, history, report, declaredKnownIssue, category, reason);
  }

  public ExperimentOutcome declaring(String knownIssue) {
    return new ExperimentOutcome(area, history, report, knownIssue, category, reason);
  }

  public ExperimentOutcome categorised(OutcomeCategory newCategory, String newReason) {
    return new ExperimentOutcome(area, history, report, declaredKnownIssue, newCategory, newReason);
  }

  /** The experiment's name from the history, or {@code experiment} when it has no RunStarted entry. */
  public String experiment() {
    return history.runStarted().map(RunStarted::experiment).orElse("experiment");
  }

  /** The status message the result must carry to land in its category, or null without a category. */
  public String statusMessage() {
    return category == null ? null : category.message(reason);
  }
}

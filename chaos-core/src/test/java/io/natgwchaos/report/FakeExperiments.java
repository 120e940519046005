package io.natgwchaos.report;

import io.natgwchaos.check.KnownIssues;
import org.junit.jupiter.api.Test;

/**
 * Two experiment-shaped tests the way the JUnit hook will end them, run by {@link AllureJupiterTest} through
 * allure-jupiter's listener (not by Surefire: the name matches no test pattern).
 */
class FakeExperiments {

  @Test
  void knownIssueReproduced() {
    Corpus.Run run = Corpus.run(Corpus.BUG_5114);
    ExperimentReport.current().write(ExperimentOutcome.of(run.history(), run.report())
        .declaring(KnownIssues.REDO_RESET_READY)
        .categorised(OutcomeCategory.KNOWN_ISSUE_REPRODUCED, ExperimentReport.reason(run.report())));
  }

  @Test
  void productDefect() {
    Corpus.Run run = Corpus.run(Corpus.BUG_5114);
    ExperimentOutcome outcome = ExperimentOutcome.of(run.history(), run.report())
        .categorised(OutcomeCategory.PRODUCT_DEFECT, ExperimentReport.reason(run.report()));
    ExperimentReport.current().write(outcome);
    throw new AssertionError(outcome.statusMessage() + "\n" + run.report().summary());
  }
}

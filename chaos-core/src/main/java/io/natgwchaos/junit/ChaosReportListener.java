package io.natgwchaos.junit;

/**
 * The hook a report integration implements (the Allure module: categories such as "known issue reproduced",
 * attachments, the timeline). Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.natgwchaos.junit.ChaosReportListener}); called on the test's thread, after the
 * run and before {@code @AfterEach}, once per judged experiment run, whatever the verdict.
 */
public interface ChaosReportListener {
  void experimentJudged(ChaosOutcome outcome);
}

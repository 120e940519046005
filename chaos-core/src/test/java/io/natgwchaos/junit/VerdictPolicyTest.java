package io.natgwchaos.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.check.CheckReport;
import io.natgwchaos.check.Interval;
import io.natgwchaos.check.Invariant;
import io.natgwchaos.check.ResourceRef;
import io.natgwchaos.check.Verdict;
import io.natgwchaos.check.Violation;
import io.natgwchaos.junit.ExperimentVerdict.Category;
import io.natgwchaos.testing.Corpus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every branch of DESIGN.md §8, on reports of the recorded corpus and canned ones. */
class VerdictPolicyTest {
  static final String ISSUE_5114 = "kubeovn/kube-ovn#5114";
  static final String ISSUE_5115 = "kubeovn/kube-ovn#5115";
  static final CheckReport REPRODUCES_5114 = Corpus.report(Corpus.BUG_5114);
  static final CheckReport CLEAN = Corpus.report(Corpus.GOOD);
  static final CheckReport UNEXPLAINED = new CheckReport(List.of(new Verdict(Invariant.S2, List.of(
      new Violation(Invariant.S2, new ResourceRef("fip", "fip-3"), new Interval(1_000_000_000L, 4_000_000_000L),
          "fip/fip-3 is ready but EXCLUSIVE_DNAT has no rule for 172.19.0.13", List.of(), null)))),
      List.of(), List.of());

  static KnownIssueDeclaration declared(String issue, String... versions) {
    return new KnownIssueDeclaration(issue, List.of(versions), true);
  }

  static ExperimentVerdict judge(CheckReport report, String version, boolean twin, KnownIssueDeclaration... declared) {
    return VerdictPolicy.judge(report, List.of(declared), version, twin, "run");
  }

  @Test
  void theCorpusReportsAreWhatTheseTestsAssume() {
    assertThat(REPRODUCES_5114.violations()).isNotEmpty().allMatch(v -> ISSUE_5114.equals(v.knownIssue()));
    assertThat(CLEAN.violations()).isEmpty();
  }

  @Test
  void cleanWithNothingDeclaredPasses() {
    assertThat(judge(CLEAN, "v1.13.4", true).category()).isEqualTo(Category.PASSED);
  }

  @Test
  void violationsAllExplainedByADeclaredIssueOnAnAffectedVersionAreAReproduction() {
    ExperimentVerdict verdict = judge(REPRODUCES_5114, "v1.13.4", true, declared(ISSUE_5114));
    assertThat(verdict.category()).isEqualTo(Category.KNOWN_ISSUE_REPRODUCED);
    assertThat(verdict.fails()).isFalse();
    assertThat(verdict.reproduced()).containsExactly(ISSUE_5114);
    assertThat(verdict.message()).contains("known issue(s) [kubeovn/kube-ovn#5114] reproduced");
  }

  @Test
  void aMatchedIssueThatWasNotDeclaredFails() {
    ExperimentVerdict verdict = judge(REPRODUCES_5114, "v1.13.4", false, declared(ISSUE_5115));
    assertThat(verdict.category()).isEqualTo(Category.VIOLATED);
    assertThat(verdict.fails()).isTrue();
    assertThat(verdict.message()).contains("not explained").contains("S1");
  }

  @Test
  void aDeclaredIssueMatchingOnAVersionDeclaredUnaffectedFailsAsARegression() {
    ExperimentVerdict verdict = judge(REPRODUCES_5114, "1.13.4", true, declared(ISSUE_5114, "v1.14.*"));
    assertThat(verdict.category()).isEqualTo(Category.VIOLATED);
    assertThat(verdict.message()).contains("declares unaffected");
  }

  @Test
  void anUnexplainedViolationFailsEvenWithDeclaredIssues() {
    ExperimentVerdict verdict = judge(UNEXPLAINED, "v1.13.4", false, declared(ISSUE_5114));
    assertThat(verdict.category()).isEqualTo(Category.VIOLATED);
    assertThat(verdict.message()).contains("fip/fip-3").contains("1.000s..4.000s");
  }

  @Test
  void notReproducingADeclaredIssueOnTheTwinMeansTheCheckerLostItsTeeth() {
    ExperimentVerdict verdict = judge(CLEAN, "v1.13.4", true, declared(ISSUE_5114));
    assertThat(verdict.category()).isEqualTo(Category.CHECKER_LOST_TEETH);
    assertThat(verdict.fails()).isTrue();
    assertThat(verdict.notReproduced()).containsExactly(ISSUE_5114);
    assertThat(verdict.message()).contains("lost its teeth");
  }

  @Test
  void notReproducingOnARealClusterIsOnlyReported() {
    ExperimentVerdict verdict = judge(CLEAN, "v1.13.4", false, declared(ISSUE_5114));
    assertThat(verdict.category()).isEqualTo(Category.KNOWN_ISSUE_NOT_REPRODUCED);
    assertThat(verdict.fails()).isFalse();
  }

  @Test
  void oneOfTwoDeclaredIssuesReproducingOnARealClusterIsAReproductionNamingTheOther() {
    ExperimentVerdict verdict = judge(REPRODUCES_5114, "v1.13.4", false, declared(ISSUE_5114), declared(ISSUE_5115));
    assertThat(verdict.category()).isEqualTo(Category.KNOWN_ISSUE_REPRODUCED);
    assertThat(verdict.notReproduced()).containsExactly(ISSUE_5115);
    assertThat(judge(REPRODUCES_5114, "v1.13.4", true, declared(ISSUE_5114), declared(ISSUE_5115)).category())
        .isEqualTo(Category.CHECKER_LOST_TEETH);
  }

  @Test
  void anIssueThatNeedNotReproduceOrDoesNotAffectTheVersionPasses() {
    assertThat(judge(CLEAN, "v1.13.4", true, new KnownIssueDeclaration(ISSUE_5114, List.of(), false)).category())
        .isEqualTo(Category.PASSED);
    assertThat(judge(CLEAN, "v1.14.2", true, declared(ISSUE_5115, "v1.13.*")).category()).isEqualTo(Category.PASSED);
    assertThat(judge(CLEAN, "fixed", true, declared(ISSUE_5114)).category()).isEqualTo(Category.PASSED);
  }

  @Test
  void versionPatternsAreExactOrPrefixesWithOrWithoutTheLeadingV() {
    KnownIssueDeclaration declaration = declared(ISSUE_5115, "v1.13.*", "1.14.0");
    assertThat(declaration.affects("v1.13.4")).isTrue();
    assertThat(declaration.affects("1.13.9")).isTrue();
    assertThat(declaration.affects("v1.14.0")).isTrue();
    assertThat(declaration.affects("v1.14.1")).isFalse();
    assertThat(declaration.affects("master")).isFalse();
    assertThat(declared(ISSUE_5114).affects("master")).isTrue();
    assertThat(declared(ISSUE_5114).affects("fixed")).isFalse();
  }
}

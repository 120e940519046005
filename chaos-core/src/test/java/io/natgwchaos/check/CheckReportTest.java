package io.natgwchaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckReportTest {

  private static Violation violation(Invariant invariant, String name, String issue) {
    return new Violation(invariant, new ResourceRef("eip", name), new Interval(0, 1_000_000_000L), name + " is wrong",
        List.of(new Witness(3, 500_000_000L, "a snapshot")), issue);
  }

  @Test
  void helpersSplitViolationsByKnownIssue() {
    CheckReport report = new CheckReport(List.of(
        new Verdict(Invariant.S1, List.of(violation(Invariant.S1, "eip-1", KnownIssues.REDO_RESET_READY),
            violation(Invariant.S1, "eip-2", null))),
        new Verdict(Invariant.LIVENESS, List.of(violation(Invariant.LIVENESS, "eip-1", KnownIssues.REDO_RESET_READY)))),
        List.of("a note"), List.of());

    assertThat(report.isClean()).isFalse();
    assertThat(report.violations()).hasSize(3);
    assertThat(report.unexplained()).extracting(v -> v.resource().name()).containsExactly("eip-2");
    assertThat(report.knownIssues()).containsExactly(KnownIssues.REDO_RESET_READY);
    assertThat(report.verdict(Invariant.S3).isHolding()).isTrue();
    assertThat(report.summary()).startsWith("3 violation(s), 1 unexplained; known issues [kubeovn/kube-ovn#5114]")
        .contains("eip/eip-2 0.000s..1.000s UNEXPLAINED", "#3 @0.500s a snapshot", "note: a note");
  }

  @Test
  void theSummaryCountsWhatItDoesNotSpellOut() {
    List<Violation> many = new ArrayList<>();
    for (int i = 0; i < CheckReport.SUMMARY_LIMIT + 5; i++) {
      many.add(violation(Invariant.S3, "eip-" + i, null));
    }

    String summary = new CheckReport(List.of(new Verdict(Invariant.S3, many)), List.of(), List.of()).summary();

    assertThat(summary).contains("S3 VIOLATED (25)", "eip/eip-19 ", "  ... and 5 more").doesNotContain("eip/eip-20 ");
  }
}

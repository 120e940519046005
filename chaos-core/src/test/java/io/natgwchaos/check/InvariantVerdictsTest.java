package io.natgwchaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.history.History;
import org.junit.jupiter.api.Test;

/** Each invariant fails on a bad corpus history and holds on a good one. */
class InvariantVerdictsTest {

  private static Verdict verdict(Invariant invariant, String file) {
    History history = CorpusTest.read(file);
    return Checker.verdict(invariant, history, CorpusTest.settings(history));
  }

  @Test
  void s1FailsWhenAResetMarksAnEipReadyMidRedoAndHoldsWhenThePodMoveIsRepaired() {
    assertThat(verdict(Invariant.S1, "bad/5114-reset-marks-eip-ready-mid-redo.jsonl").violations())
        .extracting(v -> v.resource().toString()).containsExactly("eip/eip-4");
    assertThat(verdict(Invariant.S1, "good/pod-moved-and-reprogrammed.jsonl").isHolding()).isTrue();
  }

  @Test
  void s2FailsOnAFipBoundToALeakedRuleAndHoldsWhenAFipsRulesAreBrieflyReAdded() {
    assertThat(verdict(Invariant.S2, "bad/5115-fip-bound-to-leaked-rule.jsonl").violations())
        .extracting(v -> v.resource().toString()).containsOnly("fip/fip-10");
    assertThat(verdict(Invariant.S2, "good/fip-rules-readded-after-create.jsonl").isHolding()).isTrue();
  }

  @Test
  void s3FailsOnRulesLeakedByAQuickAddDeleteAndHoldsWhileANewEipsAddressIsBeingClaimed() {
    assertThat(verdict(Invariant.S3, "bad/5115-quick-fip-add-delete-leaks-rules.jsonl").violations()).hasSize(2);
    assertThat(verdict(Invariant.S3, "bad/5799-snat-without-finalizer-leaks-rule.jsonl").violations()).hasSize(1);
    assertThat(verdict(Invariant.S3, "good/resources-created-then-ready.jsonl").isHolding()).isTrue();
  }

  @Test
  void s4FailsOnAStaleStatusNatAndHoldsAcrossTheDelayedResetOfAProperDelete() {
    assertThat(verdict(Invariant.S4, "bad/5115-stale-eip-nat-after-quick-fip-delete.jsonl").violations())
        .extracting(v -> v.resource().toString()).containsExactly("eip/eip-2");
    assertThat(verdict(Invariant.S4, "good/fip-rules-readded-after-create.jsonl").isHolding()).isTrue();
  }

  @Test
  void livenessFailsOnAStuckTerminatingFipAndHoldsOnTheSteadyState() {
    assertThat(verdict(Invariant.LIVENESS, "bad/7210-terminating-fip-after-controller-restart.jsonl").violations())
        .extracting(v -> v.resource().toString()).containsExactly("fip/fip-3");
    assertThat(verdict(Invariant.LIVENESS, "good/steady-state.jsonl").isHolding()).isTrue();
    assertThat(verdict(Invariant.LIVENESS, "good/pod-moved-and-reprogrammed.jsonl").isHolding()).isTrue();
  }
}

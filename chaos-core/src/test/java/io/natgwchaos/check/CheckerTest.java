package io.natgwchaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.check.Scenario.Gateway;
import io.natgwchaos.check.Scenario.Res;
import io.natgwchaos.history.ChangeType;
import io.natgwchaos.history.FaultPhase;
import io.natgwchaos.history.History;
import io.natgwchaos.history.RunPhase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** History-level behaviour: the grace window, faults, checkability, liveness, signatures that must not match. */
class CheckerTest {
  private static final CheckSettings SETTINGS = new CheckSettings(Duration.ofMillis(1000), Duration.ofMillis(3000));

  private Scenario s;
  private Gateway gw;
  private Res eip1;
  private Res fip1;

  /** gw1 with eip-1 (172.19.0.11) and fip-1, consistent; snapshots only where a test takes them. */
  @BeforeEach
  void consistentGateway() {
    s = new Scenario("unit", "v1.13.4", 1, Map.of());
    gw = s.gateway("gw1", "kube-ovn-worker", -60_000);
    gw.probing = false;
    gw.init();
    gw.eipAdd("172.19.0.11");
    gw.fipAdd("172.19.0.11", "10.0.1.11");
    eip1 = s.readyEip("eip-1", "gw1", "172.19.0.11", "fip", null);
    fip1 = Scenario.programmed(s.fip("fip-1", "eip-1", "10.0.1.11"), "172.19.0.11", "gw1", null).finalizer(true);
    s.podObserved(ChangeType.ADDED, gw).added(eip1).added(fip1).phase(RunPhase.PROVISIONED);
  }

  /** Snapshots at each of {@code ms}. */
  private void snapshotsAt(long... ms) {
    for (long t : ms) {
      s.at(t).probeNow(gw);
    }
  }

  private CheckReport check() {
    return Checker.check(s.history(), SETTINGS);
  }

  @Test
  void aViolationJustShorterThanGraceIsNotReported() {
    snapshotsAt(100, 200);
    gw.eipDel("172.19.0.11");
    snapshotsAt(300, 1299);
    gw.eipAdd("172.19.0.11");
    snapshotsAt(1400);

    assertThat(check().violations()).isEmpty();
  }

  @Test
  void aViolationJustLongerThanGraceIsReportedWithItsIntervalAndWitnesses() {
    snapshotsAt(100, 200);
    gw.eipDel("172.19.0.11");
    snapshotsAt(300, 800, 1301);
    gw.eipAdd("172.19.0.11");
    snapshotsAt(1400);

    CheckReport report = check();

    assertThat(report.verdict(Invariant.S1).violations()).singleElement().satisfies(v -> {
      assertThat(v.resource()).hasToString("eip/eip-1");
      assertThat(v.interval()).isEqualTo(new Interval(300_000_000L, 1_301_000_000L));
      assertThat(v.knownIssue()).isNull();
      assertThat(v.witnesses()).extracting(Witness::shows).containsExactly(
          "eip/eip-1 ADDED rv=41001 ready=true finalizers=[kubeovn.io/kube-ovn-controller] ip=172.19.0.11 nat=fip"
              + " redo=null: latest observation",
          "snapshot of vpc-nat-gw-gw1-0 uid=" + gw.uid + " restartCount=0 lacks 172.19.0.11 on net1",
          "snapshot of vpc-nat-gw-gw1-0 uid=" + gw.uid + " restartCount=0 lacks 172.19.0.11 on net1");
    });
    assertThat(report.unexplained()).hasSize(1);
    assertThat(report.knownIssues()).isEmpty();
    assertThat(report.isClean()).isFalse();
  }

  @Test
  void aViolationLastingExactlyTheGraceCounts() {
    gw.eipDel("172.19.0.11");
    snapshotsAt(300, 1300);

    assertThat(check().verdict(Invariant.S1).violations()).hasSize(1);
  }

  @Test
  void aCheckableSnapshotWithoutTheDiscrepancyEndsItsStreak() {
    gw.eipDel("172.19.0.11");
    snapshotsAt(100, 700);
    gw.eipAdd("172.19.0.11");
    snapshotsAt(750);
    gw.eipDel("172.19.0.11");
    snapshotsAt(800, 1400);

    assertThat(check().violations()).isEmpty();
  }

  @Test
  void nothingIsReportedWhileAFaultIsActive() {
    snapshotsAt(100);
    s.at(150).fault("f1", "delete-gateway-pod", FaultPhase.START, "test");
    gw.wipe();
    snapshotsAt(200, 1000, 2000, 3000);
    gw.init();
    gw.eipAdd("172.19.0.11");
    gw.fipAdd("172.19.0.11", "10.0.1.11");
    s.at(3100).fault("f1", "delete-gateway-pod", FaultPhase.END, "test");
    snapshotsAt(3200);

    assertThat(check().violations()).isEmpty();
  }

  @Test
  void aFaultStartCutsStreaksThatHaveNotReachedGrace() {
    gw.eipDel("172.19.0.11");
    snapshotsAt(100, 900);
    s.at(950).fault("f1", "partition", FaultPhase.START, "test");
    snapshotsAt(1000);
    s.at(1050).fault("f1", "partition", FaultPhase.END, "test");
    snapshotsAt(1100, 1900);

    assertThat(check().violations()).isEmpty();
  }

  @Test
  void aStreakThatReachedGraceBeforeAFaultIsReportedUpToTheFault() {
    gw.eipDel("172.19.0.11");
    snapshotsAt(100, 1200);
    s.at(1250).fault("f1", "partition", FaultPhase.START, "test");
    snapshotsAt(1300, 5000);

    assertThat(check().verdict(Invariant.S1).violations()).singleElement()
        .satisfies(v -> assertThat(v.interval()).isEqualTo(new Interval(100_000_000L, 1_200_000_000L)));
  }

  @Test
  void aHealFailedEndsTheFaultToo() {
    s.at(50).fault("f1", "partition", FaultPhase.START, "test");
    s.at(60).fault("f1", "partition", FaultPhase.HEAL_FAILED, "iptables -D failed");
    gw.eipDel("172.19.0.11");
    snapshotsAt(100, 1200);

    assertThat(check().verdict(Invariant.S1).violations()).hasSize(1);
  }

  @Test
  void aSnapshotOfAnUninitialisedPodCutsStreaks() {
    gw.eipDel("172.19.0.11");
    snapshotsAt(100, 900);
    gw.initialised = false;
    snapshotsAt(950);
    gw.initialised = true;
    snapshotsAt(1000, 1800);

    assertThat(check().violations()).isEmpty();
  }

  @Test
  void aSnapshotOfAPodTheInformerNoLongerHasIsNotChecked() {
    String oldUid = gw.uid;
    gw.replacePod(s.newUid("pod"), "kube-ovn-worker2", Scenario.rfc3339(50));
    gw.phase = "Running";
    gw.initialised = true;
    s.at(50).podObserved(ChangeType.MODIFIED, gw);
    gw.uid = oldUid;
    snapshotsAt(100, 1500);

    assertThat(check().violations()).isEmpty();
  }

  @Test
  void nothingBeforeProvisionedIsChecked() {
    s = new Scenario("unit", "v1.13.4", 1, Map.of());
    gw = s.gateway("gw1", "kube-ovn-worker", -60_000);
    gw.probing = false;
    gw.init();
    s.added(s.readyEip("eip-1", "gw1", "172.19.0.11", null, null));
    snapshotsAt(100, 1500);
    s.at(1600).phase(RunPhase.PROVISIONED);

    assertThat(check().violations()).isEmpty();
  }

  @Test
  void livenessHoldsWhenEverythingIsRightWithinTheSettleTime() {
    s.at(100).phase(RunPhase.QUIESCED);
    snapshotsAt(150, 1000, 3200);

    CheckReport report = check();

    assertThat(report.isClean()).isTrue();
    assertThat(report.inconclusive()).isEmpty();
  }

  @Test
  void livenessReportsAGatewayThatConvergedLaterThanTheSettleTime() {
    gw.eipDel("172.19.0.11");
    s.at(100).phase(RunPhase.QUIESCED);
    snapshotsAt(150, 300);
    // a redo marks eip-1 not ready: S1 no longer applies, but the gateway is not converged either
    s.at(400);
    eip1.ready = false;
    s.modified(eip1);
    snapshotsAt(500, 3000);
    gw.eipAdd("172.19.0.11");
    s.at(3300);
    eip1.ready = true;
    s.modified(eip1);
    snapshotsAt(3400, 3500, 4000);

    CheckReport report = check();

    assertThat(report.verdict(Invariant.LIVENESS).violations()).singleElement().satisfies(v -> {
      assertThat(v.resource()).hasToString("gateway/gw1");
      assertThat(v.message()).contains("converged 3.300s after QUIESCED", "later than the settle time 3.000s");
      assertThat(v.interval()).isEqualTo(new Interval(100_000_000L, 3_400_000_000L));
    });
    assertThat(report.verdict(Invariant.S1).violations()).isEmpty();
  }

  @Test
  void livenessIsInconclusiveWhenTheHistoryEndsBeforeTheSettleTimeWhileStillWrong() {
    s.at(100).phase(RunPhase.QUIESCED);
    s.at(200);
    fip1.terminating = true;
    s.modified(fip1);
    snapshotsAt(300, 2000);

    CheckReport report = check();

    assertThat(report.verdict(Invariant.LIVENESS).isHolding()).isTrue();
    assertThat(report.inconclusive()).singleElement().asString()
        .contains("fip/fip-1", "stuck terminating", "before the settle time");
    assertThat(report.isClean()).isTrue();
  }

  @Test
  void livenessReportsWhatIsStillWrongAfterTheSettleTimeAndLeavesItUnexplainedWithoutAMechanism() {
    s.at(100).phase(RunPhase.QUIESCED);
    s.at(200);
    fip1.terminating = true;
    s.modified(fip1);
    s.at(300);
    eip1.ready = false;
    s.modified(eip1);
    snapshotsAt(400, 3500);

    CheckReport report = check();

    assertThat(report.verdict(Invariant.LIVENESS).violations())
        .extracting(v -> v.resource() + ": " + v.message().substring(0, v.message().indexOf(" - ")))
        .containsExactly(
            "fip/fip-1: fip/fip-1 is stuck terminating (finalizers [kubeovn.io/kube-ovn-controller])",
            "eip/eip-1: eip/eip-1 is not ready");
    assertThat(report.unexplained()).hasSize(2);
  }

  @Test
  void withoutQuiescedLivenessIsNotEvaluated() {
    gw.eipDel("172.19.0.11");
    snapshotsAt(100, 200);

    CheckReport report = check();

    assertThat(report.verdict(Invariant.LIVENESS).isHolding()).isTrue();
    assertThat(report.notes()).contains("no QUIESCED marker: liveness not evaluated");
  }

  @Test
  void aLeakFromAFipThatHadItsFinalizerAndWasReadyIsNotBlamedOnQuickAddDelete() {
    snapshotsAt(100);
    // a normal deletion whose floating-ip-del did not remove the rules (not #5115's mechanism)
    s.at(200);
    fip1.terminating = true;
    s.modified(fip1);
    s.at(220).modified(fip1.finalizer(false));
    s.at(221).deleted(fip1);
    s.at(500);
    eip1.nat = null;
    s.modified(eip1);
    snapshotsAt(600, 1700);

    CheckReport report = check();

    assertThat(report.verdict(Invariant.S3).violations()).hasSize(2).allSatisfy(v ->
        assertThat(v.knownIssue()).isNull());
  }

  @Test
  void anEipThatLostItsAddressAfterAProperRedoIsNotBlamedOnTheReset() {
    s.at(100);
    eip1.ready = false;
    eip1.redo = "2026-11-26T06:00:00";
    s.modified(eip1);
    snapshotsAt(150);
    s.at(300);
    eip1.ready = true;
    s.modified(eip1);
    gw.eipDel("172.19.0.11");
    snapshotsAt(400, 1500);

    assertThat(check().verdict(Invariant.S1).violations()).singleElement()
        .satisfies(v -> assertThat(v.knownIssue()).isNull());
  }

  @Test
  void checkingIsDeterministicAndVerdictAgreesWithCheck() {
    gw.eipDel("172.19.0.11");
    snapshotsAt(100, 1200);
    s.at(1300).phase(RunPhase.QUIESCED);
    snapshotsAt(1400, 4500);
    History history = s.history();

    CheckReport first = Checker.check(history, SETTINGS);

    assertThat(Checker.check(history, SETTINGS)).isEqualTo(first);
    for (Invariant invariant : Invariant.values()) {
      assertThat(Checker.verdict(invariant, history, SETTINGS)).isEqualTo(first.verdict(invariant));
    }
  }

  @Test
  void theSummaryNamesVerdictsViolationsWitnessesAndNotes() {
    gw.eipDel("172.19.0.11");
    snapshotsAt(100, 1200);

    String summary = check().summary();

    assertThat(summary).startsWith("1 violation(s), 1 unexplained")
        .contains("S1 VIOLATED (1)", "S2 holds", "eip/eip-1 0.100s..1.200s UNEXPLAINED",
            "eip/eip-1 is ready but its address 172.19.0.11 is not on net1",
            "@1.200s snapshot of vpc-nat-gw-gw1-0", "note: no QUIESCED marker: liveness not evaluated");
  }
}

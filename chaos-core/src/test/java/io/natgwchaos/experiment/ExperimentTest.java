package io.natgwchaos.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natgwchaos.fault.FaultSchedule;
import io.natgwchaos.fault.Faults;
import io.natgwchaos.history.FaultEvent;
import io.natgwchaos.history.FaultPhase;
import io.natgwchaos.history.OperationEvent;
import io.natgwchaos.history.OperationPhase;
import io.natgwchaos.history.PhaseMarker;
import io.natgwchaos.history.RunPhase;
import io.natgwchaos.history.RunStarted;
import io.natgwchaos.history.SnapshotTaken;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.VpcNatGateway;
import io.natgwchaos.testing.FakeTarget;
import io.natgwchaos.workload.Workload;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExperimentTest {
  FakeTarget target;

  @BeforeEach
  void start() {
    target = FakeTarget.start();
  }

  @AfterEach
  void stop() {
    target.close();
  }

  Experiment experiment() {
    return Experiment.on(target, FakeTarget.fastSettings()).named("engine-test");
  }

  @Test
  void scalePropertiesStretchTheScheduleAndGrowTheTopologyAndWorkers() {
    Experiment experiment = Experiment.on(target, FakeTarget.fastSettings().with(Experiment.SCALE_DURATION, "3")
            .with(Experiment.SCALE_SIZE, "2.5").with(Experiment.SCALE_WORKERS, "2"))
        .topology(t -> t.withRules(2, 1, 0))
        .workload(Workload.fipChurn().workers(3).rate(6).duration(Duration.ofSeconds(20)))
        .faults(FaultSchedule.builder().at(Duration.ofSeconds(4), Faults.deleteGatewayPod(), Duration.ofSeconds(2)))
        .quiesceAfter(Duration.ofSeconds(10));

    assertThat(experiment.resolveTopology()).satisfies(t -> {
      assertThat(t.fips()).isEqualTo(5);
      assertThat(t.snats()).isEqualTo(3);
      assertThat(t.dnats()).isZero();
    });
    Workload workload = experiment.resolveWorkload();
    assertThat(workload.workers()).isEqualTo(6);
    assertThat(workload.rate()).isEqualTo(12.0);
    assertThat(workload.duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(experiment.faults().entries()).singleElement().satisfies(e -> {
      assertThat(e.from()).isEqualTo(Duration.ofSeconds(12));
      assertThat(e.holdFor()).isEqualTo(Duration.ofSeconds(6));
    });
    assertThat(experiment.quiesceAfter()).isEqualTo(Duration.ofSeconds(30));

    Experiment unscaled = experiment().topology(t -> t.withRules(2, 1, 0))
        .workload(Workload.fipChurn().workers(3).rate(6).duration(Duration.ofSeconds(20)));
    assertThat(unscaled.resolveTopology().fips()).isEqualTo(2);
    assertThat(unscaled.resolveWorkload().workers()).isEqualTo(3);

    Experiment bad = Experiment.on(target, FakeTarget.fastSettings().with(Experiment.SCALE_SIZE, "-1"))
        .topology(t -> t.withRules(2, 1, 0));
    org.assertj.core.api.Assertions.assertThatThrownBy(bad::resolveTopology)
        .hasMessageContaining("chaos.scale.size").hasMessageContaining("positive");
  }

  @Test
  void faultsStartOnlyOnceEveryGatewayHasABaselineSnapshot() {
    ExperimentResult result = experiment().seed(7).gateways(2)
        .topology(t -> t.withRules(1, 0, 0))
        .faults(FaultSchedule.builder().at(Duration.ZERO, Faults.cordonAndDeleteGatewayPod()))
        .settle(Duration.ofSeconds(60))
        .run();

    long provisioned = result.history().entries(PhaseMarker.class)
        .filter(p -> p.phase() == RunPhase.PROVISIONED).findFirst().orElseThrow().time();
    assertThat(result.history().entries(SnapshotTaken.class).filter(s -> s.time() <= provisioned)
        .map(s -> s.snapshot().gateway()).distinct()).hasSize(2);
  }

  @Test
  void aCorrectKubeOvnPassesFipChurnWhileTheGatewayIsRescheduled() {
    ExperimentResult result = experiment()
        .seed(42)
        .topology(t -> t.withRules(4, 0, 0))
        .workload(Workload.fipChurn().workers(2).rate(20).duration(Duration.ofSeconds(40)))
        .faults(FaultSchedule.builder().at(Duration.ofSeconds(10), Faults.rescheduleGateway(), Duration.ofSeconds(20)))
        .settle(Duration.ofSeconds(60))
        .run();

    result.assertInvariantsHold();
    assertThat(result.seed()).isEqualTo(42);
    assertThat(result.settled()).isTrue();
    assertThat(result.history().runStarted()).get().extracting(RunStarted::seed).isEqualTo(42L);
    assertThat(result.history().entries(PhaseMarker.class).map(PhaseMarker::phase)).containsExactly(
        RunPhase.PROVISIONED, RunPhase.WORKLOAD_STARTED, RunPhase.WORKLOAD_STOPPED, RunPhase.QUIESCED, RunPhase.SETTLED);
    assertThat(result.history().entries(FaultEvent.class).map(FaultEvent::phase))
        .containsExactly(FaultPhase.START, FaultPhase.END);
    assertThat(result.history().entries(OperationEvent.class).filter(o -> o.phase() == OperationPhase.OK)).isNotEmpty();
    assertThat(result.history().entries(SnapshotTaken.class).map(s -> s.snapshot().node()).distinct())
        .contains("kind-worker", "kind-worker2");
    assertThat(result.workload().operations()).isGreaterThan(10);
    assertThat(target.client().resources(VpcNatGateway.class).list().getItems()).isEmpty();
    assertThat(target.client().resources(IptablesFipRule.class).list().getItems()).isEmpty();
  }

  @Test
  void aRunThatDidNotSettleIsJudgedOnReadsThatWentOnToTheEnd() {
    target.kubeOvn().dropRules(true);

    ExperimentResult result = unsettling().run();

    assertThat(result.settled()).isFalse();
    assertThat(result.isClean()).as("S2: the FIP's rules are missing").isFalse();
  }

  @Test
  void aRunThatDidNotSettleIsAbortedWhenAGatewaysReadsHungBeforeTheEnd() {
    target.kubeOvn().dropRules(true);
    // the baseline read and a few more answer, then every exec hangs past the settle window
    target.kubeOvn().hangExecsAfter(6);

    assertThatThrownBy(() -> unsettling().run()).isInstanceOf(ExperimentAbortedException.class)
        .hasMessageContaining("latest read of gateway chaos-gw ended")
        .hasMessageContaining("more than the limit of 500 ms")
        .satisfies(e -> assertThat(((ExperimentAbortedException) e).result()).as("the history is kept").isPresent());
  }

  private Experiment unsettling() {
    // 500 ms of grace and 3 s to settle, real, at the fake's time scale of 0.05
    return experiment().seed(5).topology(t -> t.withRules(1, 0, 0)).grace(Duration.ofSeconds(10))
        .settle(Duration.ofSeconds(60));
  }

  @Test
  void aDeferredTeardownLeavesTheTopologyUntilTheNextRunTearsItDownFirst() {
    DeferredTeardown holder = new DeferredTeardown();
    Experiment experiment = experiment().seed(3).topology(t -> t.withRules(2, 0, 0)).settle(Duration.ofSeconds(10))
        .deferTeardownTo(holder);

    experiment.run().assertInvariantsHold();

    assertThat(holder.leftTopologies()).containsExactly("chaos");
    assertThat(target.client().resources(VpcNatGateway.class).list().getItems()).hasSize(1);
    assertThat(target.client().resources(IptablesFipRule.class).list().getItems()).hasSize(2);
    String firstGateway = target.client().resources(VpcNatGateway.class).list().getItems().get(0).getMetadata()
        .getUid();

    ExperimentResult[] second = new ExperimentResult[1];
    // an abort (the first topology still in place) would be a skip in JUnit: it must fail this test
    assertThatCode(() -> second[0] = experiment.run()).doesNotThrowAnyException();

    second[0].assertInvariantsHold();
    assertThat(holder.leftTopologies()).containsExactly("chaos");
    assertThat(target.client().resources(VpcNatGateway.class).list().getItems()).singleElement()
        .satisfies(g -> assertThat(g.getMetadata().getUid()).as("the second run's own gateway").isNotEqualTo(firstGateway));
    assertThat(target.client().resources(IptablesFipRule.class).list().getItems()).hasSize(2);
  }
}

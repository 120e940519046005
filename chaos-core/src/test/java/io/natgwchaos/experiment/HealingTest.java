package io.natgwchaos.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.natgwchaos.fault.Fault;
import io.natgwchaos.fault.FaultContext;
import io.natgwchaos.fault.FaultHandle;
import io.natgwchaos.fault.FaultSchedule;
import io.natgwchaos.fault.Faults;
import io.natgwchaos.history.FaultEvent;
import io.natgwchaos.history.FaultPhase;
import io.natgwchaos.kubeovn.VpcNatGateway;
import io.natgwchaos.targets.TargetCapability;
import io.natgwchaos.testing.FakeTarget;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Whatever happens to a run, it leaves nothing cordoned, no selector changed and nothing paused. */
class HealingTest {
  FakeTarget target;
  AtomicReference<ExperimentRun> running = new AtomicReference<>();

  @BeforeEach
  void start() {
    target = FakeTarget.start();
  }

  @AfterEach
  void stop() {
    target.close();
  }

  /** Three faults held far beyond the test, then {@code extra}. */
  Experiment heldFaults(FaultSchedule.Builder extra) {
    Duration forever = Duration.ofHours(1);
    FaultSchedule.Builder schedule = extra
        .at(Duration.ofSeconds(2), Faults.rescheduleGateway(), forever)
        .at(Duration.ofSeconds(4), Faults.cordonAndDeleteGatewayPod(), forever)
        .at(Duration.ofSeconds(6), Faults.pauseGatewayNode(), forever);
    return Experiment.on(target, FakeTarget.fastSettings()).named("healing").seed(1)
        .topology(t -> t.withRules(1, 0, 0))
        .faults(schedule)
        .listener(new ExperimentListener() {
          @Override
          public void started(ExperimentRun run) {
            running.set(run);
          }
        });
  }

  @Test
  void anInterruptedRunHealsEverythingAndAborts() throws Exception {
    Experiment experiment = heldFaults(FaultSchedule.builder());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread runner = new Thread(() -> {
      try {
        experiment.run();
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    runner.start();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .until(() -> running.get() != null && starts() == 3);
    assertThat(target.nodes().paused()).isNotEmpty();

    runner.interrupt();
    // generous: healing and teardown take about a second here, far longer on a loaded CI machine; a lost
    // interrupt would leave the run asleep for the faults' hold (3 minutes in real time)
    runner.join(90_000);
    if (runner.isAlive()) {
      fail("the run did not end within 90 s of the interrupt; it is at:\n" + stackOf(runner) + "\nlast entries: "
          + lastEntries());
    }

    assertThat(thrown.get()).isInstanceOf(ExperimentAbortedException.class).hasMessageContaining("interrupted");
    assertThat(((ExperimentAbortedException) thrown.get()).result()).isPresent();
    assertNothingLeft();
  }

  @Test
  void aRunThatFailsMidwayHealsEverythingAndAborts() {
    Fault broken = new Fault() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public Set<TargetCapability> requires() {
        return Set.of();
      }

      @Override
      public FaultHandle inject(FaultContext context) {
        throw new IllegalStateException("the node went away");
      }
    };
    Experiment experiment = heldFaults(FaultSchedule.builder().at(Duration.ofSeconds(8), broken));

    assertThatThrownBy(experiment::run).isInstanceOf(ExperimentAbortedException.class)
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("could not inject fault broken").hasMessageContaining("the node went away");
    assertThat(starts()).isEqualTo(3);
    assertNothingLeft();
  }

  @Test
  void aRunThatBreaksInvariantsIsHealedAndItsAssertionNamesInvariantResourceAndInterval() {
    target.kubeOvn().dropRules(true);
    ExperimentResult result = Experiment.on(target, FakeTarget.fastSettings()).named("broken-dataplane").seed(3)
        .topology(t -> t.withRules(1, 0, 0))
        .faults(FaultSchedule.builder().at(Duration.ZERO, Faults.cordonAndDeleteGatewayPod(), Duration.ofHours(1))
            .at(Duration.ZERO, Faults.pauseGatewayNode(), Duration.ofHours(1)))
        .quiesceAfter(Duration.ofSeconds(10))
        .grace(Duration.ofSeconds(2))
        .settle(Duration.ofSeconds(10))
        .run();

    assertThat(result.isClean()).isFalse();
    assertThat(result.settled()).isFalse();
    assertThatThrownBy(result::assertInvariantsHold).isInstanceOf(InvariantViolationError.class)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("broken-dataplane on fake v1.13.4 (seed 3")
        .hasMessageContaining("S2 VIOLATED")
        .hasMessageContaining("fip/chaos-fip-0")
        .hasMessageMatching("(?s).*\\d+\\.\\d{3}s\\.\\.\\d+\\.\\d{3}s.*")
        .satisfies(e -> assertThat(((InvariantViolationError) e).report()).isSameAs(result.report()));
    assertNothingLeft(result.history());
  }

  private long starts() {
    ExperimentRun run = running.get();
    return run == null ? 0 : run.history().entries(FaultEvent.class).filter(f -> f.phase() == FaultPhase.START).count();
  }

  private static String stackOf(Thread thread) {
    StringBuilder text = new StringBuilder();
    for (StackTraceElement frame : thread.getStackTrace()) {
      text.append("  at ").append(frame).append('\n');
    }
    return text.toString();
  }

  private List<?> lastEntries() {
    List<?> entries = running.get().history().entries();
    return entries.subList(Math.max(0, entries.size() - 5), entries.size());
  }

  private void assertNothingLeft() {
    assertNothingLeft(running.get().history());
  }

  private void assertNothingLeft(io.natgwchaos.history.History history) {
    assertThat(target.client().nodes().list().getItems())
        .allSatisfy(n -> assertThat(n.getSpec().getUnschedulable()).as(n.getMetadata().getName()).isNotEqualTo(true));
    assertThat(target.nodes().paused()).isEmpty();
    assertThat(target.nodes().stopped()).isEmpty();
    // the topology is torn down too; while it lived, the selector was restored before teardown
    assertThat(target.client().resources(VpcNatGateway.class).list().getItems()).isEmpty();
    List<FaultEvent> faults = history.entries(FaultEvent.class).toList();
    long started = faults.stream().filter(f -> f.phase() == FaultPhase.START).count();
    assertThat(faults.stream().filter(f -> f.phase() == FaultPhase.END).count()).isEqualTo(started);
    assertThat(faults).filteredOn(f -> f.fault().equals("reschedule-gateway") && f.phase() == FaultPhase.END)
        .allSatisfy(f -> assertThat(f.detail()).contains("natgw-chaos.io/gateway-chaos: candidate"));
  }
}

package io.natgwchaos.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.natgwchaos.experiment.Experiment;
import io.natgwchaos.experiment.InvariantViolationError;
import io.natgwchaos.fault.FaultSchedule;
import io.natgwchaos.fault.Faults;
import io.natgwchaos.gateway.PodExecException;
import io.natgwchaos.junit.ExperimentVerdict.Category;
import io.natgwchaos.kubeovn.VpcNatGateway;
import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.TargetCapability;
import io.natgwchaos.targets.TargetUnavailableException;
import io.natgwchaos.testing.Corpus;
import io.natgwchaos.testing.FakeTarget;
import io.natgwchaos.testing.FakeTargetProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.TestAbortedException;

/**
 * The extension run by the JUnit engine on small experiment classes against {@code chaos.target=fake}: one
 * invocation per version, targets shared and closed, parameters, the verdict policy end to end, aborts, diagnostics
 * and healing before a {@code @Timeout} interrupt.
 */
class ChaosExtensionTest {
  static final String KI_5114 = "kubeovn/kube-ovn#5114";

  @TempDir
  Path runs;

  @BeforeEach
  void selectFakeTarget() {
    System.setProperty("chaos.target", "fake");
    System.setProperty("chaos.runsDir", runs.toString());
    System.setProperty("chaos.topology.pollInterval", "50ms");
    System.clearProperty("kubeovn.version");
    FakeTargetProvider.configure(List.of("v1.13.4"), settings -> FakeTarget.builder().lingering()
        .version(settings.kubeOvnVersion().orElse("v1.13.4")).build());
    outcomesBefore = ChaosOutcomes.all().size();
  }

  int outcomesBefore;

  @AfterEach
  void restore() {
    System.clearProperty("chaos.target");
    System.clearProperty("chaos.runsDir");
    System.clearProperty("chaos.topology.pollInterval");
    System.clearProperty("kubeovn.version");
    FakeTargetProvider.opened().forEach(t -> ((FakeTarget) t).destroy());
  }

  static Events run(Class<?> experiments) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(experiments)).execute().testEvents();
  }

  static Throwable thrown(Event event) {
    return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
  }

  /** Outcomes of {@code experiments} recorded by this test. */
  List<ChaosOutcome> outcomes(Class<?> experiments) {
    List<ChaosOutcome> all = ChaosOutcomes.all();
    return all.subList(outcomesBefore, all.size()).stream().filter(o -> o.testId().contains(experiments.getName()))
        .toList();
  }

  static void use(String name, Function<FakeTarget.Builder, FakeTarget.Builder> shape) {
    FakeTargetProvider.configure(List.of("v1.13.4"), settings -> shape.apply(FakeTarget.builder().lingering().name(name)
        .version(settings.kubeOvnVersion().orElse("v1.13.4"))).build());
  }

  // ---- invocations, targets, parameters ----

  static class TwoVersions {
    @ChaosExperiment
    void first(ChaosTarget target, Experiment experiment) {
      assertThat(experiment).isNotNull();
      assertThat(target.name()).isEqualTo("fake");
    }

    @ChaosExperiment
    void second(ChaosTarget target) {
      assertThat(target.kubeOvnVersion()).startsWith("v1.1");
    }
  }

  @Test
  void oneInvocationPerVersionOneTargetPerVersionClosedWhenTheRunEnds() {
    FakeTargetProvider.configure(List.of("v1.13.4", "v1.14.2"), settings -> FakeTarget.builder().lingering()
        .version(settings.kubeOvnVersion().orElseThrow()).build());

    Events events = run(TwoVersions.class);

    events.assertStatistics(s -> s.started(4).succeeded(4));
    assertThat(events.succeeded().map(e -> e.getTestDescriptor().getDisplayName()).toList())
        .containsExactlyInAnyOrder("[fake v1.13.4]", "[fake v1.14.2]", "[fake v1.13.4]", "[fake v1.14.2]");
    assertThat(FakeTargetProvider.opened()).extracting(ChaosTarget::kubeOvnVersion)
        .containsExactlyInAnyOrder("v1.13.4", "v1.14.2");
    assertThat(FakeTargetProvider.opened()).allSatisfy(t -> assertThat(((FakeTarget) t).closeCount()).isEqualTo(1));
  }

  static class SeesOnlyItsOwnTarget {
    @ChaosExperiment
    void first(ChaosTarget target) {
      assertEveryEarlierTargetClosed(target);
    }

    @ChaosExperiment
    void second(ChaosTarget target) {
      assertEveryEarlierTargetClosed(target);
    }

    private static void assertEveryEarlierTargetClosed(ChaosTarget mine) {
      assertThat(((FakeTarget) mine).closeCount()).isZero();
      assertThat(FakeTargetProvider.opened()).filteredOn(t -> t != mine)
          .allSatisfy(t -> assertThat(((FakeTarget) t).closeCount()).isEqualTo(1));
    }
  }

  @Test
  void aProviderThatDoesNotShareItsTargetsOpensOneForEveryInvocationAndClosesItAfterIt() {
    FakeTargetProvider.configure(List.of("v1.13.4", "v1.14.2"), settings -> FakeTarget.builder().lingering()
        .version(settings.kubeOvnVersion().orElseThrow()).build());
    FakeTargetProvider.sharedByExperiments(false);

    Events events = run(SeesOnlyItsOwnTarget.class);

    events.assertStatistics(s -> s.started(4).succeeded(4));
    assertThat(FakeTargetProvider.opened()).hasSize(4)
        .allSatisfy(t -> assertThat(((FakeTarget) t).closeCount()).isEqualTo(1));
  }

  static class CountsGatewaysAfterItsRun {
    static final List<Integer> GATEWAYS_AFTER_RUN = new java.util.concurrent.CopyOnWriteArrayList<>();

    @ChaosExperiment
    void runs(Experiment experiment, ChaosTarget target) {
      experiment.topology(t -> t.withRules(1, 0, 0)).settle(Duration.ofSeconds(10)).run().assertInvariantsHold();
      GATEWAYS_AFTER_RUN.add(target.client().resources(VpcNatGateway.class).list().getItems().size());
    }
  }

  @Test
  void runsOnAnInvocationsOwnTargetLeaveTheirTopologyToItsCloseAndOnASharedTargetRemoveIt() {
    CountsGatewaysAfterItsRun.GATEWAYS_AFTER_RUN.clear();
    run(CountsGatewaysAfterItsRun.class).assertStatistics(s -> s.succeeded(1));
    assertThat(CountsGatewaysAfterItsRun.GATEWAYS_AFTER_RUN).as("shared target").containsExactly(0);

    CountsGatewaysAfterItsRun.GATEWAYS_AFTER_RUN.clear();
    FakeTargetProvider.sharedByExperiments(false);
    run(CountsGatewaysAfterItsRun.class).assertStatistics(s -> s.succeeded(1));
    assertThat(CountsGatewaysAfterItsRun.GATEWAYS_AFTER_RUN).as("the invocation's own target").containsExactly(1);
    assertThat(FakeTargetProvider.opened()).last().satisfies(t -> assertThat(((FakeTarget) t).closeCount()).isOne());
  }

  @Test
  void eachInvocationOfAnUnsharedTargetNamesTheNextOnesVersionAndTheLastNamesTheFirst() {
    FakeTargetProvider.configure(List.of("v1.13.4", "v1.14.2", "v1.16.2"), settings -> FakeTarget.builder().lingering()
        .version(settings.kubeOvnVersion().orElseThrow()).build());
    FakeTargetProvider.sharedByExperiments(false);

    run(TwoVersions.class).assertStatistics(s -> s.succeeded(6));

    assertThat(FakeTargetProvider.opened()).extracting(ChaosTarget::kubeOvnVersion)
        .containsExactly("v1.13.4", "v1.14.2", "v1.16.2", "v1.13.4", "v1.14.2", "v1.16.2");
    assertThat(FakeTargetProvider.expected())
        .containsExactly("v1.14.2", "v1.16.2", "v1.13.4", "v1.14.2", "v1.16.2", "v1.13.4");
  }

  @Test
  void everyTargetIsHandedBackToItsProviderOnceItsInvocationsAreDone() {
    FakeTargetProvider.configure(List.of("v1.13.4", "v1.14.2"), settings -> FakeTarget.builder().lingering()
        .version(settings.kubeOvnVersion().orElseThrow()).build());
    FakeTargetProvider.sharedByExperiments(false);

    run(TwoVersions.class).assertStatistics(s -> s.succeeded(4));

    assertThat(FakeTargetProvider.released()).as("one per invocation, in order")
        .containsExactlyElementsOf(FakeTargetProvider.opened()).hasSize(4);
  }

  @Test
  void aSharedTargetIsHandedBackOnceAtTheEnd() {
    FakeTargetProvider.configure(List.of("v1.13.4", "v1.14.2"), settings -> FakeTarget.builder().lingering()
        .version(settings.kubeOvnVersion().orElseThrow()).build());

    run(TwoVersions.class).assertStatistics(s -> s.succeeded(4));

    assertThat(FakeTargetProvider.opened()).hasSize(2);
    assertThat(FakeTargetProvider.released()).containsExactlyInAnyOrderElementsOf(FakeTargetProvider.opened());
  }

  @Test
  void aSharedTargetIsToldOfNoNextInvocation() {
    FakeTargetProvider.configure(List.of("v1.13.4", "v1.14.2"), settings -> FakeTarget.builder().lingering()
        .version(settings.kubeOvnVersion().orElseThrow()).build());

    run(TwoVersions.class).assertStatistics(s -> s.succeeded(4));

    assertThat(FakeTargetProvider.expected()).isEmpty();
  }

  @Test
  void kubeovnVersionSelectsOneVersion() {
    FakeTargetProvider.configure(List.of("v1.13.4", "v1.14.2"), settings -> FakeTarget.builder().lingering()
        .version(settings.kubeOvnVersion().orElseThrow()).build());
    System.setProperty("kubeovn.version", "v1.14.2");

    Events events = run(TwoVersions.class);

    events.assertStatistics(s -> s.succeeded(2));
    assertThat(FakeTargetProvider.opened()).extracting(ChaosTarget::kubeOvnVersion).containsExactly("v1.14.2");
  }

  // ---- the verdict policy, end to end ----

  static class DeclaredReproduction {
    @ChaosExperiment
    @KnownIssue(KI_5114)
    void reproduces(ChaosTarget target) {
      Corpus.result(Corpus.BUG_5114, "fake", target.kubeOvnVersion()).assertInvariantsHold();
    }
  }

  @Test
  void violationsAllExplainedByTheDeclaredIssuePassAsAReproductionWithDiagnostics() throws Exception {
    Events events = run(DeclaredReproduction.class);

    events.assertStatistics(s -> s.succeeded(1).failed(0));
    ChaosOutcome outcome = outcomes(DeclaredReproduction.class).get(0);
    assertThat(outcome.verdict().category()).isEqualTo(Category.KNOWN_ISSUE_REPRODUCED);
    assertThat(outcome.verdict().reproduced()).containsExactly(KI_5114);
    Path artifacts = outcome.artifactsIfAny().orElseThrow();
    assertThat(artifacts).startsWith(runs);
    assertThat(artifacts.resolve("history.jsonl")).isNotEmptyFile();
    assertThat(Files.readString(artifacts.resolve("check-report.txt"))).contains(KI_5114);
    assertThat(Files.readString(artifacts.resolve("run.txt"))).contains("seed: 11");
    assertThat(artifacts.resolve("target/fake-target.txt")).exists();
    assertThat(Files.list(artifacts.resolve("snapshots")).map(p -> p.getFileName().toString()))
        .anyMatch(n -> n.endsWith("-parsed.json"));
  }

  @KnownIssue(value = "kubeovn/kube-ovn#5115", mustReproduce = false)
  static class UndeclaredReproduction {
    @ChaosExperiment
    void reproduces(ChaosTarget target) {
      Corpus.result(Corpus.BUG_5114, "fake", target.kubeOvnVersion()).assertInvariantsHold();
    }
  }

  @Test
  void aViolationNoDeclaredIssueExplainsFailsAndMarksTheRunFailed() {
    Events events = run(UndeclaredReproduction.class);

    events.assertStatistics(s -> s.failed(1));
    assertThat(thrown(events.failed().list().get(0))).isInstanceOf(org.opentest4j.AssertionFailedError.class)
        .hasMessageStartingWith("Product defect: ").hasMessageContaining("S1")
        .hasCauseInstanceOf(InvariantViolationError.class);
    assertThat(outcomes(UndeclaredReproduction.class)).singleElement()
        .satisfies(o -> assertThat(o.verdict().category()).isEqualTo(Category.VIOLATED));
    assertThat(((FakeTarget) FakeTargetProvider.opened().get(0)).failures()).singleElement()
        .satisfies(f -> assertThat(f).startsWith("VIOLATED"));
  }

  static class CleanRunExpecting5114 {
    @ChaosExperiment
    @KnownIssue(KI_5114)
    void clean(Experiment experiment) {
      experiment.topology(t -> t.withRules(1, 0, 0)).settle(Duration.ofSeconds(10)).run();
    }
  }

  @Test
  void aDeclaredIssueThatDoesNotReproduceFailsOnTheTwin() {
    use("twin", b -> b);

    Events events = run(CleanRunExpecting5114.class);

    events.assertStatistics(s -> s.failed(1));
    assertThat(thrown(events.failed().list().get(0))).hasMessageContaining("lost its teeth")
        .hasMessageContaining(KI_5114);
    assertThat(outcomes(CleanRunExpecting5114.class)).singleElement()
        .satisfies(o -> assertThat(o.verdict().category()).isEqualTo(Category.CHECKER_LOST_TEETH));
  }

  @Test
  void aDeclaredIssueThatDoesNotReproduceIsOnlyReportedOnKind() {
    use("kind", b -> b);

    Events events = run(CleanRunExpecting5114.class);

    events.assertStatistics(s -> s.succeeded(1));
    assertThat(outcomes(CleanRunExpecting5114.class)).singleElement().satisfies(o -> {
      assertThat(o.verdict().category()).isEqualTo(Category.KNOWN_ISSUE_NOT_REPRODUCED);
      assertThat(o.resultIfAny()).get().satisfies(r -> assertThat(r.experiment())
          .isEqualTo("CleanRunExpecting5114.clean"));
    });
  }

  static class BrokenGatewayWithoutAssertion {
    @ChaosExperiment
    void broken(Experiment experiment, ChaosTarget target) {
      ((FakeTarget) target).kubeOvn().dropRules(true);
      experiment.topology(t -> t.withRules(1, 0, 0)).grace(Duration.ofSeconds(2)).settle(Duration.ofSeconds(5)).run();
    }
  }

  @Test
  void everyRunIsJudgedEvenWithoutAnAssertion() {
    Events events = run(BrokenGatewayWithoutAssertion.class);

    events.assertStatistics(s -> s.failed(1));
    assertThat(thrown(events.failed().list().get(0))).hasMessageContaining("not explained by a known issue")
        .hasMessageContaining("S2 VIOLATED").hasMessageContaining("fip/chaos-fip-0");
    assertThat(outcomes(BrokenGatewayWithoutAssertion.class).get(0).artifactsIfAny()).isPresent();
  }

  @Test
  void aTroubledRunsTargetDiagnosticsShowTheTargetBeforeTheTeardown() throws Exception {
    Events events = run(BrokenGatewayWithoutAssertion.class);

    events.assertStatistics(s -> s.failed(1));
    Path artifacts = outcomes(BrokenGatewayWithoutAssertion.class).get(0).artifactsIfAny().orElseThrow();
    assertThat(Files.readString(artifacts.resolve("target/fake-target.txt")))
        .contains("iptables-fip-rules: chaos-fip-0");
    assertThat(artifacts.resolve("run.txt")).isNotEmptyFile();
    FakeTarget target = (FakeTarget) FakeTargetProvider.opened().get(0);
    assertThat(target.client().resources(io.natgwchaos.kubeovn.IptablesFipRule.class).list().getItems())
        .as("torn down afterwards").isEmpty();
  }

  // ---- infrastructure errors abort ----

  static class InfrastructureTrouble {
    @ChaosExperiment
    void targetGone() {
      throw new TargetUnavailableException("docker daemon is not running");
    }

    @ChaosExperiment
    void execBroken() {
      throw new IllegalStateException("probe failed", new PodExecException("exec into vpc-nat-gw-gw1-0: timeout"));
    }
  }

  @Test
  void infrastructureErrorsAbortAndNeverPassOrFail() {
    Events events = run(InfrastructureTrouble.class);

    events.assertStatistics(s -> s.aborted(2).failed(0).succeeded(0));
    assertThat(events.aborted().map(ChaosExtensionTest::thrown).map(Throwable::getMessage))
        .anyMatch(m -> m.contains("docker daemon is not running"))
        .anyMatch(m -> m.contains("exec into vpc-nat-gw-gw1-0: timeout"));
    assertThat(outcomes(InfrastructureTrouble.class)).hasSize(2)
        .allSatisfy(o -> assertThat(o.verdict().category()).isEqualTo(Category.ABORTED));
  }

  @Test
  void aTargetThatCannotBeOpenedAbortsEveryExperimentAndIsTriedOnce() {
    FakeTargetProvider.unavailable("kind is not on PATH");

    Events events = run(TwoVersions.class);

    events.assertStatistics(s -> s.aborted(2));
    assertThat(events.aborted().map(ChaosExtensionTest::thrown)).allSatisfy(t -> assertThat(t)
        .isInstanceOf(TestAbortedException.class).hasMessageContaining("kind is not on PATH"));
    assertThat(FakeTargetProvider.opened()).isEmpty();
  }

  static class PausesANode {
    @ChaosExperiment
    void pause(Experiment experiment) {
      experiment.faults(FaultSchedule.builder().at(Duration.ofSeconds(1), Faults.pauseGatewayNode())).run();
    }
  }

  @Test
  void aFaultTheTargetCannotDoAbortsWithTheReasonBeforeProvisioning() {
    use("fake", b -> b.capabilities(TargetCapability.DESTRUCTIVE_FAULTS));

    Events events = run(PausesANode.class);

    events.assertStatistics(s -> s.aborted(1));
    assertThat(thrown(events.aborted().list().get(0))).hasMessageContaining("pause-gateway-node")
        .hasMessageContaining("does not support PAUSE_NODE");
    assertThat(((FakeTarget) FakeTargetProvider.opened().get(0)).client().resources(VpcNatGateway.class).list()
        .getItems()).isEmpty();
  }

  // ---- @Timeout ----

  static class TimesOut {
    @ChaosExperiment
    @Timeout(value = 4, unit = TimeUnit.SECONDS)
    void hangs(Experiment experiment) {
      Duration forever = Duration.ofHours(1);
      experiment.topology(t -> t.withRules(1, 0, 0)).faults(FaultSchedule.builder()
          .at(Duration.ZERO, Faults.rescheduleGateway(), forever)
          .at(Duration.ofSeconds(1), Faults.cordonAndDeleteGatewayPod(), forever)
          .at(Duration.ofSeconds(2), Faults.pauseGatewayNode(), forever)).run();
    }
  }

  @Test
  void aTimedOutExperimentIsHealedBeforeItIsInterruptedAndFails() throws Exception {
    Events events = run(TimesOut.class);

    events.assertStatistics(s -> s.failed(1));
    assertThat(thrown(events.failed().list().get(0))).hasMessageContaining("timed out");
    FakeTarget target = (FakeTarget) FakeTargetProvider.opened().get(0);
    assertThat(target.nodes().calls()).hasSize(2).satisfies(calls -> {
      assertThat(calls.get(0)).startsWith("pause ");
      assertThat(calls.get(1)).startsWith("unpause ");
    });
    assertThat(target.nodes().paused()).isEmpty();
    assertThat(target.client().nodes().list().getItems())
        .allSatisfy(n -> assertThat(n.getSpec().getUnschedulable()).isNotEqualTo(true));
    assertThat(target.client().resources(VpcNatGateway.class).list().getItems()).isEmpty();
    assertThat(target.failures()).isNotEmpty();
    try (var dirs = Files.walk(runs)) {
      assertThat(dirs.filter(p -> p.getFileName().toString().equals("history.jsonl"))).hasSize(1);
    }
  }
}

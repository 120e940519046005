package io.natgwchaos.experiment;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.natgwchaos.check.CheckReport;
import io.natgwchaos.check.CheckSettings;
import io.natgwchaos.check.Checker;
import io.natgwchaos.check.NatResources;
import io.natgwchaos.check.SafetyCheck;
import io.natgwchaos.fault.ActiveFault;
import io.natgwchaos.fault.FaultContext;
import io.natgwchaos.fault.FaultHealException;
import io.natgwchaos.fault.FaultInjector;
import io.natgwchaos.fault.HealRegistry;
import io.natgwchaos.fault.PlannedFault;
import io.natgwchaos.gateway.GatewayProbe;
import io.natgwchaos.history.GatewayPodState;
import io.natgwchaos.history.History;
import io.natgwchaos.history.HistoryLog;
import io.natgwchaos.history.NatResourceState;
import io.natgwchaos.history.PhaseMarker;
import io.natgwchaos.history.Recorder;
import io.natgwchaos.history.RecorderException;
import io.natgwchaos.history.RunPhase;
import io.natgwchaos.history.RunStarted;
import io.natgwchaos.history.SnapshotTaken;
import io.natgwchaos.kubeovn.NatResourceKind;
import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.ProvisionedTopology;
import io.natgwchaos.targets.TopologyNotReadyException;
import io.natgwchaos.targets.TopologyProvisioner;
import io.natgwchaos.targets.TopologySpec;
import io.natgwchaos.targets.TopologyTimeouts;
import io.natgwchaos.workload.Slots;
import io.natgwchaos.workload.Workload;
import io.natgwchaos.workload.WorkloadPlan;
import io.natgwchaos.workload.WorkloadRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of an {@link Experiment}, visible to listeners while it runs: its live history and a way to heal
 * its faults from another thread.
 */
public final class ExperimentRun {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRun.class);
  private static final Duration RECORDER_SYNC_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration BASELINE_TIMEOUT = Duration.ofSeconds(10);

  private final Experiment experiment;
  private final ChaosTarget target;
  private final String name;
  private final long seed;
  private final TimeScale scale;
  private final HistoryLog log = new HistoryLog();
  private volatile FaultInjector injector;
  private volatile boolean closing;
  private volatile ExperimentResult result;

  ExperimentRun(Experiment experiment) {
    this.experiment = experiment;
    this.target = experiment.target();
    this.name = experiment.name();
    this.seed = experiment.resolveSeed();
    this.scale = new TimeScale(target.timeScale());
  }

  public String name() {
    return name;
  }

  public long seed() {
    return seed;
  }

  public ChaosTarget target() {
    return target;
  }

  /** Everything recorded so far. */
  public History history() {
    return log.snapshot();
  }

  public Optional<ExperimentResult> result() {
    return Optional.ofNullable(result);
  }

  /**
   * Heals every fault injected so far and stops the run from injecting more; safe from any thread (the JUnit
   * extension calls it before a {@code @Timeout} interrupt). The run's own cleanup heals too.
   *
   * @return the heal failures
   */
  public List<FaultHealException> healAllFaults() {
    closing = true;
    FaultInjector current = injector;
    return current == null ? List.of() : current.healAll();
  }

  // ---- the run ----------------------------------------------------------------------------------------

  /** Tears down what earlier runs left in place, newest first, before this run provisions. */
  private static void tearDown(TopologyProvisioner provisioner, List<ProvisionedTopology> left) {
    for (int i = left.size() - 1; i >= 0; i--) {
      ProvisionedTopology topology = left.get(i);
      try {
        provisioner.teardown(topology);
      } catch (RuntimeException e) {
        throw new StageFailure("teardown of topology " + topology.spec().name() + ", left by an earlier run, failed: "
            + e.getMessage(), e);
      }
    }
  }

  /** An infrastructure failure at a named stage. */
  /** A gateway unread for this many snapshot intervals (and the grace) at the end of the settle window is stale. */
  static final int STALE_READ_INTERVALS = 5;

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static final class StageFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StageFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  ExperimentResult execute() {
    List<TopologySpec> specs = experiment.resolveTopologies();
    TopologySpec spec = specs.get(0);
    Workload workload = experiment.resolveWorkload();
    SplittableRandom seeds = new SplittableRandom(seed);
    long faultSeed = seeds.nextLong();
    long workloadSeed = seeds.nextLong();
    List<PlannedFault> faultPlan = experiment.faults().plan(faultSeed);
    Duration settle = experiment.resolveSettle();
    Duration grace = experiment.resolveGrace();
    CheckSettings realCheck = new CheckSettings(realGrace(grace), scale.real(settle));

    FaultInjector.requireSupported(target, faultPlan.stream().map(PlannedFault::fault).distinct().toList());
    if (workload != null && workload.kinds().stream().allMatch(k -> churnable(spec, k) == 0)) {
      throw new IllegalArgumentException(name + ": workload " + workload + " has nothing to churn in topology "
          + spec.name() + " (" + spec.fips() + " FIPs, " + spec.snats() + " SNATs, " + spec.dnats() + " DNATs, "
          + spec.spareEips() + " spare EIPs; EIP churn needs topology(t -> t.withSpareEips(n)))");
    }

    System.out.println("natgw-chaos: " + name + " on " + target.name() + " " + target.kubeOvnVersion() + ", seed "
        + seed + " (-D" + Seeds.SEED + "=" + seed + " repeats this plan)");
    log.append((s, t) -> new RunStarted(s, t, name, target.name(), target.kubeOvnVersion(), seed, Instant.now(),
        parameters(specs, workload, faultPlan, grace, settle, realCheck)));
    experiment.listeners().forEach(l -> l.started(this));

    TopologyProvisioner provisioner = new TopologyProvisioner(target.client(), target.gatewayNamespace(),
        TopologyTimeouts.from(experiment.settings()).scaledBy(target.timeScale()));
    long start = System.nanoTime();
    long provisioned = start;
    long quiesced = start;
    long settledAt = start;
    List<ProvisionedTopology> topologies = new java.util.ArrayList<>();
    Recorder recorder = null;
    WorkloadRunner runner = null;
    KubernetesClient workloadClient = null;
    boolean settled = false;
    Throwable abort = null;
    String abortMessage = null;
    Throwable unexpected = null;
    String stage = "provisioning";
    Optional<DeferredTeardown> deferred = experiment.deferredTeardown();
    try {
      if (deferred.isPresent()) {
        tearDown(provisioner, deferred.get().takeAll());
      }
      for (TopologySpec each : specs) {
        try {
          topologies.add(provisioner.provision(each, target.externalNetwork()));
        } catch (TopologyNotReadyException e) {
          if (e.partial() != null) {
            topologies.add(e.partial());
          }
          throw new StageFailure("topology " + each.name() + " not ready: " + e.getMessage(), e);
        } catch (RuntimeException e) {
          throw new StageFailure("provisioning topology " + each.name() + " failed: " + e.getMessage(), e);
        }
      }
      provisioned = System.nanoTime();
      List<String> gateways = topologies.stream().map(ProvisionedTopology::gateway).toList();
      Map<String, String> observed = topologies.size() == 1 ? Map.of(TopologySpec.TOPOLOGY_LABEL, spec.name())
          : Map.of(TopologySpec.MANAGED_BY_LABEL, TopologySpec.MANAGED_BY);

      stage = "recorder start";
      recorder = new Recorder(log, target.client(), new GatewayProbe(target.client(), target.podExecutor(),
          target.gatewayNamespace(), experiment.resolveProbeTimeout()), new Recorder.Settings(
          target.gatewayNamespace(), gateways, observed, experiment.resolveSnapshotInterval(), RECORDER_SYNC_TIMEOUT));
      try {
        recorder.start();
      } catch (RuntimeException e) {
        throw new StageFailure("the recorder could not start: " + e.getMessage(), e);
      }
      awaitBaselineSnapshots(recorder, gateways);
      mark(RunPhase.PROVISIONED);

      stage = "chaos";
      injector = new FaultInjector(new FaultContext(target, topologies.get(0), topologies), log, HealRegistry.jvm());
      if (workload != null) {
        List<io.natgwchaos.workload.Slot> slots = new java.util.ArrayList<>();
        topologies.forEach(t -> slots.addAll(Slots.of(t, target.externalNetwork())));
        WorkloadPlan plan = workload.plan(slots, workloadSeed);
        if (plan.activeWorkers() < workload.workers()) {
          LOG.warn("{}: {} of {} workers own no slot (the topology has fewer objects to churn than workers)", name,
              workload.workers() - plan.activeWorkers(), workload.workers());
        }
        workloadClient = WorkloadRunner.withoutRetries(target.client());
        runner = new WorkloadRunner(workloadClient, log, plan, scale.realRate(workload.rate()),
            scale.real(workload.duration()));
      }
      mark(RunPhase.WORKLOAD_STARTED);
      if (runner != null) {
        runner.start();
      }
      chaos(faultPlan, workload);
      if (runner != null) {
        runner.stop();
      }
      mark(RunPhase.WORKLOAD_STOPPED);
      List<FaultHealException> healFailures = injector.healAll();
      if (!healFailures.isEmpty()) {
        abort = healFailures.get(0);
        abortMessage = healFailures.get(0).getMessage();
      }
      mark(RunPhase.QUIESCED);
      quiesced = System.nanoTime();

      stage = "settle";
      settled = settle(recorder, gateways, scale.real(settle), experiment.resolveSnapshotInterval());
      mark(RunPhase.SETTLED);
      settledAt = System.nanoTime();
      if (!settled) {
        requireRecentReads(recorder, gateways,
            max(realCheck.grace(), experiment.resolveSnapshotInterval().multipliedBy(STALE_READ_INTERVALS)));
      }
    } catch (StageFailure e) {
      abort = e.getCause();
      abortMessage = e.getMessage();
    } catch (InterruptedException e) {
      abort = e;
      abortMessage = name + " interrupted during " + stage + " (a @Timeout, or the JVM is stopping)";
    } catch (RuntimeException | Error e) {
      unexpected = e;
    } finally {
      boolean interrupted = Thread.interrupted() || abort instanceof InterruptedException;
      try {
        closing = true;
        if (runner != null) {
          runner.stop();
        }
        if (injector != null) {
          List<FaultHealException> failures = injector.healAll();
          if (!failures.isEmpty() && abort == null) {
            abort = failures.get(0);
            abortMessage = failures.get(0).getMessage();
          }
        }
        if (recorder != null) {
          recorder.stop();
        }
        if (workloadClient != null) {
          workloadClient.close();
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    // the check, the teardown and the listeners run with the interrupt flag cleared: they must finish
    boolean interrupted = Thread.interrupted();
    try {
      long checkStart = System.nanoTime();
      History history = log.snapshot();
      CheckReport report = Checker.check(history, realCheck);
      long checked = System.nanoTime();
      boolean troubled = !report.isClean() || abort != null || unexpected != null || !settled;
      for (ExperimentListener listener : experiment.listeners()) {
        try {
          listener.beforeTeardown(this, troubled);
        } catch (RuntimeException e) {
          LOG.warn("{}: a listener failed before the teardown: {}", name, e.toString());
        }
      }
      if (deferred.isPresent()) {
        deferred.get().leave(topologies);
        LOG.info("{}: topologies {} left in place: the target is closed after the run", name,
            topologies.stream().map(t -> t.spec().name()).toList());
      } else {
        for (int i = topologies.size() - 1; i >= 0; i--) {
          ProvisionedTopology topology = topologies.get(i);
          try {
            provisioner.teardown(topology);
          } catch (RuntimeException e) {
            if (abort == null) {
              abort = e;
              abortMessage = "teardown of topology " + topology.spec().name() + " failed: " + e.getMessage();
            } else {
              abort.addSuppressed(e);
            }
          }
        }
      }
      long end = System.nanoTime();
      result = new ExperimentResult(name, seed, new ExperimentResult.TargetFacts(target.name(), target.kubeOvnVersion(),
          scale.factor(), environment()), history, report,
          new ExperimentResult.Timings(nanos(provisioned - start), nanos(quiesced - provisioned),
              nanos(settledAt - quiesced), nanos(checked - checkStart), nanos(end - checked), nanos(end - start)),
          faultPlan, runner == null ? new WorkloadRunner.Stats(0, 0, 0, Duration.ZERO) : runner.stats(),
          recorder == null ? List.of() : recorder.cadence(), settled);
      LOG.info("{}: {} in {} s; workload {}; {}; {}", name, report.isClean() ? "clean" : report.violations().size()
          + " violation(s)", String.format("%.1f", (end - start) / 1e9), result.workload(), result.cadence(),
          settled ? "settled" : "did not settle");
      for (ExperimentListener listener : experiment.listeners()) {
        listener.finished(this, result);
      }
    } catch (RuntimeException e) {
      if (unexpected == null) {
        unexpected = e;
      } else {
        unexpected.addSuppressed(e);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (unexpected != null) {
      if (abort != null) {
        unexpected.addSuppressed(abort);
      }
      if (unexpected instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) unexpected;
    }
    if (abort != null) {
      throw new ExperimentAbortedException(abortMessage, abort, result);
    }
    return result;
  }

  /**
   * Injects and heals faults at their offsets from now, then waits until the chaos ends. Offsets are Kube-OVN
   * time; a fault still held when the chaos ends is healed with the others.
   */
  private void chaos(List<PlannedFault> plan, Workload workload) throws InterruptedException {
    Duration end = experiment.quiesceAfter();
    if (end == null) {
      end = workload == null ? Duration.ZERO : workload.duration();
      for (PlannedFault fault : plan) {
        Duration faultEnd = fault.at().plus(fault.holdFor());
        end = faultEnd.compareTo(end) > 0 ? faultEnd : end;
      }
    }
    // heals are due holdFor after the actual injection, so a late injection still holds for its full time
    record Step(long atNanos, int order, boolean inject, PlannedFault fault, ActiveFault active) {}
    PriorityQueue<Step> steps = new PriorityQueue<>(Comparator.comparingLong(Step::atNanos)
        .thenComparingInt(Step::order));
    int order = 0;
    for (PlannedFault fault : plan) {
      if (fault.at().compareTo(end) > 0) {
        LOG.warn("{}: fault {} is scheduled after the chaos ends at {}; skipped", name, fault, end);
        continue;
      }
      steps.add(new Step(scale.real(fault.at()).toNanos(), order++, true, fault, null));
    }
    long origin = System.nanoTime();
    long endNanos = scale.real(end).toNanos();
    while (!steps.isEmpty() && steps.peek().atNanos() <= endNanos) {
      Step step = steps.poll();
      sleepUntil(origin + step.atNanos());
      if (!step.inject()) {
        heal(step.active());
        continue;
      }
      if (closing) {
        throw new InterruptedException("the run is closing");
      }
      ActiveFault fault;
      try {
        fault = injector.inject(step.fault().fault());
      } catch (RuntimeException e) {
        throw new StageFailure("could not inject fault " + step.fault() + ": " + e.getMessage(), e);
      }
      if (step.fault().holdFor().isZero()) {
        heal(fault);
      } else {
        steps.add(new Step(System.nanoTime() - origin + scale.real(step.fault().holdFor()).toNanos(), order++, false,
            step.fault(), fault));
      }
    }
    sleepUntil(origin + endNanos);
  }

  private void heal(ActiveFault fault) {
    try {
      fault.heal();
    } catch (FaultHealException e) {
      // recorded as HEAL_FAILED; reported when the run ends
      LOG.error("{}: {}", name, e.getMessage());
    }
  }

  /**
   * Waits until every resource of the topology is ready and the latest snapshot of the gateway, taken after
   * quiesce from its current initialised pod, satisfies S1-S4; or until the settle time is over.
   */
  private boolean settle(Recorder recorder, List<String> gateways, Duration limit, Duration poll)
      throws InterruptedException {
    long quiescedAt = log.now();
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      if (gateways.stream().allMatch(gateway -> converged(recorder, gateway, quiescedAt))) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(left, poll.toNanos()));
    }
  }

  private static boolean converged(Recorder recorder, String gateway, long after) {
    List<NatResourceState> states = recorder.currentResources();
    if (states.stream().anyMatch(s -> !s.ready() || s.terminating())) {
      return false;
    }
    Optional<GatewayPodState> pod = recorder.currentPod(gateway);
    Optional<SnapshotTaken> latest = recorder.latestSnapshot(gateway);
    if (pod.isEmpty() || !pod.get().isRunning() || !pod.get().initialised() || latest.isEmpty()) {
      return false;
    }
    SnapshotTaken taken = latest.get();
    if (taken.time() < after || !taken.snapshot().initialised() || !taken.snapshot().podUid().equals(pod.get().uid())) {
      return false;
    }
    return SafetyCheck.evaluate(taken.snapshot(), NatResources.of(states)).isEmpty();
  }

  /**
   * A run that did not settle is judged on each gateway's latest snapshot; when a gateway's reads stopped (an exec
   * that hangs) for longer than the grace before the settle window closed, that snapshot is stale and the verdict
   * would be about a gateway state that may be long gone: the run is aborted instead of judged. The limit is the
   * grace, but never under {@link #STALE_READ_INTERVALS} snapshot intervals.
   */
  private void requireRecentReads(Recorder recorder, List<String> gateways, Duration limit) {
    long now = log.now();
    for (String gateway : gateways) {
      Optional<Duration> since = recorder.sinceLastRead(gateway, now);
      if (since.isPresent() && since.get().compareTo(limit) > 0) {
        String message = "the recorder's latest read of gateway " + gateway + " ended " + since.get().toMillis()
            + " ms before the settle window closed (more than the limit of " + limit.toMillis() + " ms): a read"
            + " hangs, so the check would judge a stale view of the gateway; not judged";
        LOG.warn("{}: {}; the reader: {}", name, message, recorder.readerStack(gateway));
        throw new StageFailure(message, new RecorderException(message, null));
      }
    }
  }

  /**
   * Waits until the recorder has read each gateway once, so faults start after a baseline: without one, a
   * container restarted before the first read leaves no snapshot of what the pod had (kube-ovn#5029's witness).
   * Goes on without it, with a warning, after {@link #BASELINE_TIMEOUT}.
   */
  private void awaitBaselineSnapshots(Recorder recorder, List<String> gateways) throws InterruptedException {
    long deadline = System.nanoTime() + BASELINE_TIMEOUT.toNanos();
    while (!gateways.stream().allMatch(g -> recorder.latestSnapshot(g).isPresent())) {
      if (System.nanoTime() > deadline) {
        LOG.warn("{}: no snapshot of {} within {} s of the recorder's start; the faults start without a baseline",
            name, gateways.stream().filter(g -> recorder.latestSnapshot(g).isEmpty()).toList(),
            BASELINE_TIMEOUT.toSeconds());
        return;
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  private static int churnable(TopologySpec spec, NatResourceKind kind) {
    return switch (kind) {
      case FIP -> spec.fips();
      case SNAT -> spec.snats();
      case DNAT -> spec.dnats();
      case EIP -> spec.spareEips();
    };
  }

  private void mark(RunPhase phase) {
    log.append((s, t) -> new PhaseMarker(s, t, phase));
  }

  private Map<String, String> parameters(List<TopologySpec> specs, Workload workload, List<PlannedFault> faults,
      Duration grace, Duration settle, CheckSettings real) {
    TopologySpec spec = specs.get(0);
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("timeScale", String.valueOf(scale.factor()));
    parameters.put("grace", grace + " (real " + real.grace().toMillis() + " ms)");
    parameters.put("settle", settle + " (real " + real.settle().toMillis() + " ms)");
    parameters.put("topology", specs.stream().map(TopologySpec::name).toList() + ", each " + spec.fips() + " FIPs, "
        + spec.snats() + " SNATs, " + spec.dnats() + " DNATs, " + spec.spareEips() + " spare EIPs on "
        + spec.candidateNodes());
    parameters.put("workload", workload == null ? "none" : workload.toString());
    parameters.put("faults", faults.toString());
    parameters.put("snapshotInterval", experiment.resolveSnapshotInterval().toMillis() + " ms");
    return parameters;
  }

  private Map<String, String> environment() {
    try {
      return target.environment();
    } catch (RuntimeException e) {
      return Map.of("environment", "unavailable: " + e.getMessage());
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private static Duration nanos(long value) {
    return Duration.ofNanos(Math.max(0, value));
  }

  /** The grace in real time, never under the target's {@link ChaosTarget#minimumGrace()}. */
  Duration realGrace(Duration grace) {
    Duration real = scale.real(grace);
    Duration floor = target.minimumGrace();
    return real.compareTo(floor) < 0 ? floor : real;
  }
}

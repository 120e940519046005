package io.natgwchaos.experiment;

import io.natgwchaos.check.CheckSettings;
import io.natgwchaos.fault.Fault;
import io.natgwchaos.fault.FaultSchedule;
import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.TargetSettings;
import io.natgwchaos.targets.TopologySpec;
import io.natgwchaos.workload.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An experiment, written in a few lines: the topology, a workload, faults on a schedule, and how long the
 * gateway may take to settle; {@link #run()} provisions, records, churns, injects, heals, settles, checks and
 * tears down, and returns the {@link ExperimentResult}.
 *
 * <pre>{@code
 * experiment
 *     .topology(t -> t.withRules(4, 0, 0))
 *     .workload(Workload.fipChurn().workers(4).rate(5).duration(Duration.ofSeconds(60)))
 *     .faults(FaultSchedule.builder().at(Duration.ofSeconds(10), Faults.rescheduleGateway(), Duration.ofSeconds(20)))
 *     .run()
 *     .assertInvariantsHold();
 * }</pre>
 *
 * <p>Durations are Kube-OVN time: the target's {@link ChaosTarget#timeScale()} turns them into real time. Unset
 * values come from properties: the topology from {@code chaos.topology.*}, the workload's workers, rate and
 * duration from {@code chaos.workload.*}, {@code chaos.settle}, {@code chaos.grace} and {@code chaos.seed}.
 *
 * <p>A builder: each method changes this experiment and returns it; {@link #run()} may be called more than once.
 */
public final class Experiment {
  public static final String SETTLE = "chaos.settle";
  public static final String GRACE = "chaos.grace";
  public static final String SNAPSHOT_INTERVAL = "chaos.snapshotInterval";
  public static final String PROBE_TIMEOUT = "chaos.probe.timeout";
  public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(60);
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(10);
  /** Multiplies every experiment's workload duration, fault offsets and holds, and quiesce time (nightly runs). */
  public static final String SCALE_DURATION = "chaos.scale.duration";
  /** Multiplies every experiment's rule and spare-EIP counts. */
  public static final String SCALE_SIZE = "chaos.scale.size";
  /** Multiplies every experiment's workers, and its total rate with them. */
  public static final String SCALE_WORKERS = "chaos.scale.workers";

  private final ChaosTarget target;
  private final TargetSettings settings;
  private final List<ExperimentListener> listeners = new ArrayList<>();
  private String name = "experiment";
  private Long seed;
  private TopologySpec topology;
  private UnaryOperator<TopologySpec> topologyShape = UnaryOperator.identity();
  private Workload workload;
  private FaultSchedule faults = FaultSchedule.none();
  private int gateways = 1;
  private Duration quiesceAfter;
  private Duration settle;
  private Duration grace;
  private DeferredTeardown deferredTeardown;

  private Experiment(ChaosTarget target, TargetSettings settings) {
    this.target = Objects.requireNonNull(target, "target");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** An experiment on {@code target}, with defaults from the {@code chaos.*} system properties. */
  public static Experiment on(ChaosTarget target) {
    return new Experiment(target, TargetSettings.fromSystemProperties());
  }

  public static Experiment on(ChaosTarget target, TargetSettings settings) {
    return new Experiment(target, settings);
  }

  /** Names the experiment in histories, logs and the diagnostics directory. */
  public Experiment named(String experimentName) {
    this.name = Objects.requireNonNull(experimentName, "name");
    return this;
  }

  /** Fixes the seed (otherwise {@code -Dchaos.seed}, otherwise random). */
  public Experiment seed(long value) {
    this.seed = value;
    return this;
  }

  /** The topology to provision, instead of the default from {@code chaos.topology.*}. */
  public Experiment topology(TopologySpec spec) {
    this.topology = Objects.requireNonNull(spec, "spec");
    return this;
  }

  /** Shapes the default topology, e.g. {@code t -> t.withRules(4, 0, 0).withSpareEips(2)}. */
  public Experiment topology(UnaryOperator<TopologySpec> shape) {
    this.topologyShape = Objects.requireNonNull(shape, "shape");
    return this;
  }

  /**
   * Runs {@code count} gateways, each with the same topology shape in its own VPC: the first is the topology,
   * the others are named after it with {@code -g2}, {@code -g3}. Aim a fault at one with
   * {@code Faults.onGateway(index, fault)}; workloads churn every gateway's objects.
   */
  public Experiment gateways(int count) {
    if (count < 1 || count > 4) {
      throw new IllegalArgumentException("gateways(" + count + "): expected 1 to 4");
    }
    this.gateways = count;
    return this;
  }

  public Experiment workload(Workload value) {
    this.workload = Objects.requireNonNull(value, "workload");
    return this;
  }

  public Experiment faults(FaultSchedule schedule) {
    this.faults = Objects.requireNonNull(schedule, "schedule");
    return this;
  }

  public Experiment faults(FaultSchedule.Builder schedule) {
    return faults(schedule.build());
  }

  /** One fault at {@code at} after the workload starts, held for {@code holdFor} (Kube-OVN time). */
  public Experiment fault(Duration at, Fault fault, Duration holdFor) {
    FaultSchedule.Builder builder = FaultSchedule.builder();
    for (FaultSchedule.Entry entry : faults.entries()) {
      builder.between(entry.from(), entry.to(), entry.fault(), entry.holdFor());
    }
    return faults(builder.at(at, fault, holdFor));
  }

  /**
   * When the chaos ends (workload stopped, faults healed), counted from the workload's start. Default: when the
   * workload's duration is over or the last fault's hold ends, whichever is later.
   */
  public Experiment quiesceAfter(Duration kubeOvnTime) {
    this.quiesceAfter = Objects.requireNonNull(kubeOvnTime, "quiesceAfter");
    return this;
  }

  /** How long after quiesce the gateway may take to converge (liveness); default {@code chaos.settle}, 60 s. */
  public Experiment settle(Duration kubeOvnTime) {
    this.settle = Objects.requireNonNull(kubeOvnTime, "settle");
    return this;
  }

  /** How long a safety discrepancy may last before it counts; default {@code chaos.grace}, 10 s. */
  public Experiment grace(Duration kubeOvnTime) {
    this.grace = Objects.requireNonNull(kubeOvnTime, "grace");
    return this;
  }

  /** Grace and settle together, in Kube-OVN time. */
  public Experiment check(CheckSettings kubeOvnTime) {
    return grace(kubeOvnTime.grace()).settle(kubeOvnTime.settle());
  }

  /** For integrations (the JUnit extension, reports). */
  public Experiment listener(ExperimentListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * For integrations that close the target right after the experiment (the JUnit extension, for targets not
   * shared between experiments): runs leave their topologies in {@code holder} instead of tearing them down, and
   * a run first tears down what earlier runs left there.
   */
  public Experiment deferTeardownTo(DeferredTeardown holder) {
    this.deferredTeardown = Objects.requireNonNull(holder, "holder");
    return this;
  }

  /**
   * Runs the experiment. Faults are always healed and the topology always torn down, whatever happens (unless
   * {@link #deferTeardownTo deferred} to the target's close).
   *
   * @throws io.natgwchaos.fault.FaultUnsupportedException (an abort) before anything is provisioned, when the
   *     target cannot do a scheduled fault
   * @throws ExperimentAbortedException (an abort) on infrastructure trouble, with the result when there is one
   */
  public ExperimentResult run() {
    return new ExperimentRun(this).execute();
  }

  // ---- resolved configuration, for ExperimentRun ----

  ChaosTarget target() {
    return target;
  }

  TargetSettings settings() {
    return settings;
  }

  Optional<DeferredTeardown> deferredTeardown() {
    return Optional.ofNullable(deferredTeardown);
  }

  List<ExperimentListener> listeners() {
    return List.copyOf(listeners);
  }

  String name() {
    return name;
  }

  long resolveSeed() {
    return seed != null ? seed : Seeds.resolve(settings);
  }

  TopologySpec resolveTopology() {
    TopologySpec base = topology != null ? topology : TopologySpec.fromSettings(settings, target.gatewayNodes());
    return topologyShape.apply(base).scaledBy(factor(SCALE_SIZE));
  }

  /** One topology per gateway, the first being {@link #resolveTopology()}. */
  List<TopologySpec> resolveTopologies() {
    TopologySpec first = resolveTopology();
    List<TopologySpec> all = new ArrayList<>();
    all.add(first);
    for (int i = 2; i <= gateways; i++) {
      all.add(first.named(first.name() + "-g" + i));
    }
    return all;
  }

  Workload resolveWorkload() {
    return workload == null ? null
        : workload.resolve(settings).scaled(factor(SCALE_DURATION), factor(SCALE_WORKERS));
  }

  FaultSchedule faults() {
    return faults.stretchedBy(factor(SCALE_DURATION));
  }

  Duration quiesceAfter() {
    return quiesceAfter == null ? null
        : Duration.ofNanos(Math.round(quiesceAfter.toNanos() * factor(SCALE_DURATION)));
  }

  private double factor(String property) {
    double factor = settings.getDouble(property, 1.0);
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException(property + ": expected a positive number, got " + factor);
    }
    return factor;
  }

  Duration resolveSettle() {
    return settle != null ? settle : settings.getDuration(SETTLE, DEFAULT_SETTLE);
  }

  Duration resolveGrace() {
    return grace != null ? grace : settings.getDuration(GRACE, DEFAULT_GRACE);
  }

  Duration resolveSnapshotInterval() {
    return settings.getDuration(SNAPSHOT_INTERVAL, target.snapshotInterval());
  }

  Duration resolveProbeTimeout() {
    return settings.getDuration(PROBE_TIMEOUT, DEFAULT_PROBE_TIMEOUT);
  }
}

package io.natgwchaos.junit;

import io.natgwchaos.experiment.DeferredTeardown;
import io.natgwchaos.experiment.Experiment;
import io.natgwchaos.experiment.ExperimentAbortedException;
import io.natgwchaos.experiment.ExperimentListener;
import io.natgwchaos.experiment.ExperimentResult;
import io.natgwchaos.experiment.ExperimentRun;
import io.natgwchaos.experiment.InvariantViolationError;
import io.natgwchaos.experiment.RunArtifacts;
import io.natgwchaos.fault.FaultHealException;
import io.natgwchaos.gateway.GatewayProbeException;
import io.natgwchaos.gateway.PodExecException;
import io.natgwchaos.history.RecorderException;
import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.ChaosTargetProvider;
import io.natgwchaos.targets.TargetSettings;
import io.natgwchaos.targets.TargetUnavailableException;
import io.natgwchaos.targets.Targets;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.PreInterruptCallback;
import org.junit.jupiter.api.extension.PreInterruptContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extension behind {@link ChaosExperiment}.
 * <ul>
 *   <li>Invocations: one per Kube-OVN version — {@code -Dkubeovn.version}, or else the provider's
 *       {@link ChaosTargetProvider#versions versions} (the twin: its profiles).</li>
 *   <li>Targets: one per (target, version) for the whole run, opened on first use and kept in the root store,
 *       which closes it when the run ends. A target that cannot be opened aborts every invocation that needs it
 *       (opened once, the failure remembered). A provider whose targets are not
 *       {@link ChaosTargetProvider#sharedByExperiments() shared} gets a target per invocation instead, closed with
 *       it; its runs leave their topologies to that close ({@link Experiment#deferTeardownTo}).</li>
 *   <li>Parameters: {@link ChaosTarget} and {@link Experiment} (named after the test, listening for runs).</li>
 *   <li>Verdicts: every experiment run in the test is judged by {@link VerdictPolicy} with the declared
 *       {@link KnownIssue}s; infrastructure errors abort; {@link ChaosOutcomes} records each outcome for reports;
 *       failures call {@link ChaosTarget#markRunFailed}.</li>
 *   <li>Diagnostics: for failures, aborts and known-issue reproductions, {@link RunArtifacts} under
 *       {@code target/chaos-runs/}, written before {@code @AfterEach}.</li>
 *   <li>Healing: before a {@code @Timeout} interrupts the test, every fault of its runs is healed.</li>
 * </ul>
 */
public final class ChaosExtension implements TestTemplateInvocationContextProvider, BeforeEachCallback,
    ParameterResolver, TestExecutionExceptionHandler, AfterTestExecutionCallback, PreInterruptCallback {
  private static final Logger LOG = LoggerFactory.getLogger(ChaosExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChaosExtension.class);
  private static final String STATE = "invocation";

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, ChaosExperiment.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    TargetSettings settings = TargetSettings.fromSystemProperties();
    ChaosTargetProvider provider = Targets.provider(settings.target());
    List<String> versions = settings.kubeOvnVersion().map(List::of).orElseGet(() -> provider.versions(settings));
    if (versions.isEmpty()) {
      throw new IllegalStateException("target " + settings.target() + " offers no Kube-OVN version to run against"
          + " (set -D" + TargetSettings.KUBE_OVN_VERSION + ")");
    }
    // each invocation names the next one's version (the last names the first: the next experiment's first)
    return IntStream.range(0, versions.size()).mapToObj(i -> new Invocation(settings, provider, versions.get(i),
        versions.get((i + 1) % versions.size())));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    InvocationState state = state(context);
    if (state == null) {
      return;
    }
    ExtensionContext owner = state.provider.sharedByExperiments() ? context.getRoot() : context;
    TargetHandle handle = owner.getStore(NAMESPACE).computeIfAbsent(state.targetKey(),
        k -> TargetHandle.open(state.provider, state.settings), TargetHandle.class);
    state.target = handle.target();
    if (!state.provider.sharedByExperiments()) {
      try {
        state.provider.expectNext(state.nextSettings);
      } catch (RuntimeException e) {
        LOG.warn("target {}: hint about the next invocation failed: {}", state.provider.name(), e.toString());
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return state(context) != null && (type == ChaosTarget.class || type == Experiment.class);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    InvocationState state = state(context);
    if (parameter.getParameter().getType() == ChaosTarget.class) {
      return state.target;
    }
    Experiment experiment = Experiment.on(state.target, state.settings).named(experimentName(context)).listener(state);
    return state.provider.sharedByExperiments() ? experiment : experiment.deferTeardownTo(state.deferredTeardown);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
    InvocationState state = state(context);
    if (state == null) {
      throw throwable;
    }
    if (throwable instanceof InvariantViolationError violation && violation.result() != null) {
      Judged judged = state.judge(violation.result(), context);
      if (!judged.verdict().fails()) {
        return;
      }
      throw new AssertionFailedError(judged.verdict().titledMessage(), throwable);
    }
    Optional<Throwable> infrastructure = infrastructureCause(throwable);
    if (infrastructure.isPresent()) {
      TestAbortedException abort = throwable instanceof TestAbortedException t ? t
          : new TestAbortedException(ExperimentVerdict.Category.ABORTED.title()
              + ": infrastructure error, experiment aborted: " + infrastructure.get().getMessage(), throwable);
      state.abort(abort, context);
      throw abort;
    }
    state.error(throwable, context);
    throw throwable;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    InvocationState state = state(context);
    if (state == null) {
      return;
    }
    Optional<Throwable> thrown = context.getExecutionException();
    if (thrown.isPresent()) {
      // already handled (failed, aborted) by the exception handler; judge nothing else
      state.writeUnwrittenArtifacts(context);
      return;
    }
    List<String> failures = new ArrayList<>();
    for (ExperimentRun run : state.runs()) {
      Optional<ExperimentResult> result = run.result();
      if (result.isPresent() && !state.judged.containsKey(result.get())) {
        Judged judged = state.judge(result.get(), context);
        if (judged.verdict().fails()) {
          failures.add(judged.verdict().titledMessage());
        }
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionFailedError(String.join("\n\n", failures));
    }
  }

  @Override
  public void beforeThreadInterrupt(PreInterruptContext preInterrupt, ExtensionContext context) {
    InvocationState state = state(context);
    if (state == null) {
      return;
    }
    for (ExperimentRun run : state.runs()) {
      LOG.warn("{}: @Timeout is about to interrupt {}; healing its faults first", context.getDisplayName(),
          run.name());
      for (FaultHealException failure : run.healAllFaults()) {
        LOG.error("{}: {}", run.name(), failure.getMessage());
      }
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------------

  /** The infrastructure error in {@code throwable}'s cause chain, if any (itself when it is an abort). */
  static Optional<Throwable> infrastructureCause(Throwable throwable) {
    for (Throwable t = throwable; t != null; t = t.getCause()) {
      if (t instanceof TestAbortedException || t instanceof TargetUnavailableException
          || t instanceof PodExecException || t instanceof GatewayProbeException || t instanceof RecorderException
          || t instanceof FaultHealException) {
        return Optional.of(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  private static InvocationState state(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(STATE, InvocationState.class);
  }

  private static String experimentName(ExtensionContext context) {
    String method = context.getTestMethod().map(Method::getName).orElse("experiment");
    return context.getTestClass().map(Class::getSimpleName).map(c -> c + "." + method).orElse(method);
  }

  private static List<KnownIssueDeclaration> declarations(ExtensionContext context) {
    List<KnownIssueDeclaration> declared = new ArrayList<>();
    context.getTestMethod().ifPresent(m -> AnnotationSupport.findRepeatableAnnotations(m, KnownIssue.class)
        .forEach(a -> declared.add(KnownIssueDeclaration.of(a))));
    context.getTestClass().ifPresent(c -> AnnotationSupport.findRepeatableAnnotations(c, KnownIssue.class)
        .forEach(a -> declared.add(KnownIssueDeclaration.of(a))));
    return declared;
  }

  /** One invocation of the template: a (target, version). */
  private static final class Invocation implements TestTemplateInvocationContext {
    private final TargetSettings settings;
    private final TargetSettings nextSettings;
    private final ChaosTargetProvider provider;
    private final String version;

    Invocation(TargetSettings settings, ChaosTargetProvider provider, String version, String nextVersion) {
      this.settings = withVersion(settings, version);
      this.nextSettings = withVersion(settings, nextVersion);
      this.provider = provider;
      this.version = version;
    }

    private static TargetSettings withVersion(TargetSettings settings, String version) {
      return version.isEmpty() ? settings : settings.with(TargetSettings.KUBE_OVN_VERSION, version);
    }

    @Override
    public String getDisplayName(int invocationIndex) {
      return "[" + provider.name() + (version.isEmpty() ? "" : " " + version) + "]";
    }

    @Override
    public void prepareInvocation(ExtensionContext context) {
      context.getStore(NAMESPACE).put(STATE, new InvocationState(settings, nextSettings, provider, version));
    }
  }

  /** The result a verdict was given to, and where its artifacts went. */
  record Judged(ExperimentVerdict verdict, Path artifacts) {}

  /** Per invocation: the target, the runs the test made, which results were judged. */
  static final class InvocationState implements ExperimentListener {
    final TargetSettings settings;
    /** What the next invocation will probably open a target with. */
    final TargetSettings nextSettings;
    final ChaosTargetProvider provider;
    final String version;
    volatile ChaosTarget target;
    private final List<ExperimentRun> runs = new ArrayList<>();
    final Map<ExperimentResult, Judged> judged = new IdentityHashMap<>();
    private final List<ExperimentRun> written = new ArrayList<>();
    /** Runs whose target diagnostics were taken before their teardown, and where. */
    private final Map<ExperimentRun, Path> diagnosedBeforeTeardown = new IdentityHashMap<>();
    /** Topologies left for the target's close, when the target is this invocation's own. */
    final DeferredTeardown deferredTeardown = new DeferredTeardown();

    InvocationState(TargetSettings settings, TargetSettings nextSettings, ChaosTargetProvider provider,
        String version) {
      this.settings = settings;
      this.nextSettings = nextSettings;
      this.provider = provider;
      this.version = version;
    }

    String targetKey() {
      return provider.name() + "|" + version;
    }

    @Override
    public synchronized void started(ExperimentRun run) {
      runs.add(run);
    }

    /** A troubled run's target is described while it still shows what the run left (teardown deletes it). */
    @Override
    public void beforeTeardown(ExperimentRun run, boolean troubled) {
      ChaosTarget current = target;
      if (!troubled || current == null) {
        return;
      }
      Path directory = runDirectory(run.name(), run.seed());
      try {
        current.collectDiagnostics(directory.resolve("target"));
      } catch (RuntimeException e) {
        LOG.warn("{}: target diagnostics before the teardown failed: {}", run.name(), e.toString());
      }
      synchronized (this) {
        diagnosedBeforeTeardown.put(run, directory);
      }
    }

    /** A new directory for a run's artifacts, named after it and the target's version. */
    private Path runDirectory(String experiment, long seed) {
      ChaosTarget current = target;
      return RunArtifacts.directory(settings, experiment, provider.name(),
          current == null ? version : current.kubeOvnVersion(), seed, Instant.now());
    }

    private synchronized Path diagnosedBeforeTeardown(ExperimentRun run) {
      return run == null ? null : diagnosedBeforeTeardown.get(run);
    }

    synchronized List<ExperimentRun> runs() {
      return List.copyOf(runs);
    }

    Judged judge(ExperimentResult result, ExtensionContext context) {
      Judged existing = judged.get(result);
      if (existing != null) {
        return existing;
      }
      ExperimentVerdict verdict = VerdictPolicy.judge(result, declarations(context));
      Path artifacts = null;
      ExperimentRun run = run(result);
      if (verdict.category() != ExperimentVerdict.Category.PASSED || diagnosedBeforeTeardown(run) != null) {
        artifacts = writeArtifacts(run, result, context);
      }
      if (verdict.fails()) {
        markFailed(verdict.category() + ": " + result.describe());
      }
      Judged done = new Judged(verdict, artifacts);
      judged.put(result, done);
      LOG.info("{}: {}", context.getDisplayName(), verdict.category());
      ChaosOutcomes.record(new ChaosOutcome(context.getUniqueId(), context.getDisplayName(), result.target().name(),
          result.target().kubeOvnVersion(), verdict, result, artifacts));
      return done;
    }

    void abort(TestAbortedException abort, ExtensionContext context) {
      ExperimentResult result = abort instanceof ExperimentAbortedException e ? e.result().orElse(null) : null;
      ExperimentRun run = result != null ? run(result) : lastRun();
      Path artifacts = run == null ? null : writeArtifacts(run, result, context);
      // an unsupported fault or a plain assumption is not trouble on the target: nothing to keep evidence of
      if (abort instanceof ExperimentAbortedException || infrastructureCause(abort.getCause()).isPresent()) {
        markFailed("aborted: " + abort.getMessage());
      }
      ChaosOutcomes.record(new ChaosOutcome(context.getUniqueId(), context.getDisplayName(), provider.name(),
          target == null ? version : target.kubeOvnVersion(), ExperimentVerdict.aborted(abort.getMessage()), result,
          artifacts));
    }

    void error(Throwable error, ExtensionContext context) {
      markFailed("error: " + error);
      writeUnwrittenArtifacts(context);
    }

    /** Runs with nothing on disk yet (e.g. one cut short by a timeout) get their live history written. */
    void writeUnwrittenArtifacts(ExtensionContext context) {
      for (ExperimentRun run : runs()) {
        if (!written.contains(run)) {
          writeArtifacts(run, run.result().orElse(null), context);
        }
      }
    }

    private ExperimentRun run(ExperimentResult result) {
      return runs().stream().filter(r -> r.result().orElse(null) == result).findFirst().orElse(null);
    }

    private ExperimentRun lastRun() {
      List<ExperimentRun> all = runs();
      return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private Path writeArtifacts(ExperimentRun run, ExperimentResult result, ExtensionContext context) {
      if (run == null && result == null) {
        return null;
      }
      try {
        String name = result != null ? result.experiment() : run.name();
        long seed = result != null ? result.seed() : run.seed();
        Path early = diagnosedBeforeTeardown(run);
        Path directory = early != null ? early : runDirectory(name, seed);
        Map<String, String> facts = result != null ? RunArtifacts.facts(result) : Map.of("experiment", name,
            "seed", String.valueOf(seed), "state", "cut short before a result (timeout or error)");
        RunArtifacts.write(directory, result != null ? result.history() : run.history(),
            result == null ? null : result.report(), early != null ? null : target, facts);
        if (run != null) {
          written.add(run);
        }
        System.out.println("natgw-chaos: diagnostics of " + context.getDisplayName() + " in "
            + directory.toAbsolutePath());
        return directory;
      } catch (RuntimeException e) {
        LOG.warn("{}: could not write diagnostics: {}", context.getDisplayName(), e.toString());
        return null;
      }
    }

    private void markFailed(String reason) {
      ChaosTarget current = target;
      if (current != null) {
        try {
          current.markRunFailed(reason);
        } catch (RuntimeException e) {
          LOG.warn("markRunFailed failed: {}", e.toString());
        }
      }
    }
  }

  /**
   * A target shared by the whole run through the root store, which closes it at the end. Opening is attempted
   * once; its failure is kept and aborts every invocation that needs the target.
   */
  static final class TargetHandle implements AutoCloseable {
    private final ChaosTargetProvider provider;
    private final ChaosTarget target;
    private final RuntimeException failure;
    private final String description;

    private TargetHandle(ChaosTargetProvider provider, ChaosTarget target, RuntimeException failure,
        String description) {
      this.provider = provider;
      this.target = target;
      this.failure = failure;
      this.description = description;
    }

    static TargetHandle open(ChaosTargetProvider provider, TargetSettings settings) {
      String description = provider.name() + settings.kubeOvnVersion().map(v -> " " + v).orElse("");
      try {
        LOG.info("opening target {}", description);
        return new TargetHandle(provider, provider.open(settings), null, description);
      } catch (RuntimeException e) {
        LOG.warn("target {} unavailable: {}", description, e.getMessage());
        return new TargetHandle(provider, null, e, description);
      }
    }

    /**
     * @throws TestAbortedException when the target is unavailable (infrastructure)
     * @throws IllegalStateException when it could not be opened for another reason (a bad property)
     */
    ChaosTarget target() {
      if (failure instanceof TargetUnavailableException) {
        throw new TestAbortedException("target " + description + " is unavailable: " + failure.getMessage(), failure);
      }
      if (failure != null) {
        throw new IllegalStateException("target " + description + " could not be opened: " + failure.getMessage(),
            failure);
      }
      return target;
    }

    @Override
    public void close() {
      if (target != null) {
        LOG.info("handing target {} back to its provider", description);
        provider.release(target);
      }
    }
  }
}

package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.natgwchaos.gateway.ExecResult;
import io.natgwchaos.gateway.KubernetesPodExecutor;
import io.natgwchaos.twin.TimeScale;
import io.natgwchaos.twin.TwinClock;
import io.natgwchaos.twin.controller.ControllerConfig;
import io.natgwchaos.twin.profile.VersionProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container of the kube-ovn-controller pod (label {@code app=kube-ovn-controller}): each start of
 * the container starts, after the controller's start-up time, a new {@link ControllerProcess} with its
 * own API client; killing the container or deleting the pod stops that process at once. A crash
 * reported through {@link ControllerConfig#crash()} goes to the kubelet, which restarts the container.
 */
public final class KubeOvnControllerWorkload implements Workload, AutoCloseable {
  public static final String APP = "kube-ovn-controller";
  private static final Logger LOG = LoggerFactory.getLogger(KubeOvnControllerWorkload.class);

  private final TwinApiServer api;
  private final ControllerFactory factory;
  private final VersionProfile profile;
  private final TimeScale scale;
  private final TwinClock clock;
  private final Duration startup;
  private final String serviceCidr;
  private final EventLog events;
  private final ScheduledExecutorService timer;
  private final ExecutorService process = Executors.newSingleThreadExecutor(DaemonThreads.named("twin-controller-process"));
  private final AtomicInteger generation = new AtomicInteger();
  private final AtomicInteger instancesStarted = new AtomicInteger();
  private Running running;
  private volatile Running published;
  private final java.util.List<String> pastLogs = new java.util.ArrayList<>();

  private record Running(ControllerProcess process, KubernetesClient client, String pod, int number) {}

  public KubeOvnControllerWorkload(TwinApiServer api, ControllerFactory factory, VersionProfile profile,
      TimeScale scale, TwinClock clock, Duration startup, String serviceCidr, EventLog events,
      ScheduledExecutorService timer) {
    this.clock = clock;
    this.api = api;
    this.factory = factory;
    this.profile = profile;
    this.scale = scale;
    this.startup = startup;
    this.serviceCidr = serviceCidr;
    this.events = events;
    this.timer = timer;
  }

  @Override
  public boolean runs(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels != null && APP.equals(labels.get("app"));
  }

  @Override
  public void started(Pod pod, String container, int restartCount, Runnable died) {
    int mine = generation.incrementAndGet();
    String name = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    try {
      timer.schedule(() -> submit(() -> startInstance(mine, name, died)), scale.of(startup).toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  private void startInstance(int mine, String pod, Runnable died) {
    if (generation.get() != mine) {
      return;
    }
    stopInstance("replaced");
    int number = instancesStarted.incrementAndGet();
    KubernetesClient client = api.newClient("kube-ovn-controller-" + number);
    ControllerConfig config = new ControllerConfig(client, new KubernetesPodExecutor(client), profile, scale, clock,
        pod.substring(0, pod.indexOf('/')), serviceCidr, died);
    ControllerProcess instance = factory.create(config);
    running = new Running(instance, client, pod, number);
    try {
      instance.start();
    } catch (RuntimeException e) {
      LOG.warn("controller instance {} of {} failed to start; the container dies", number, pod, e);
      events.record("kube-ovn-controller", "instance " + number + " failed to start: " + e);
      died.run();
      return;
    }
    published = running;
    events.record("kube-ovn-controller", "instance " + number + " started in " + pod);
  }

  @Override
  public void killed(Pod pod, String container) {
    stop("container killed");
  }

  @Override
  public void removed(Pod pod) {
    stop("pod deleted");
  }

  private void stop(String why) {
    generation.incrementAndGet();
    published = null;
    submit(() -> stopInstance(why));
  }

  private void stopInstance(String why) {
    Running current = running;
    running = null;
    if (current == null) {
      return;
    }
    try {
      current.process().stop();
    } catch (RuntimeException e) {
      LOG.warn("stopping controller instance {} failed", current.number(), e);
    } finally {
      current.client().close();
      synchronized (pastLogs) {
        pastLogs.add("--- controller instance " + current.number() + " in " + current.pod() + " (" + why + ")");
        pastLogs.addAll(current.process().log());
      }
    }
    events.record("kube-ovn-controller", "instance " + current.number() + " stopped: " + why);
  }

  /** The log of every controller instance so far, the running one last. */
  public java.util.List<String> controllerLog() {
    java.util.List<String> all;
    synchronized (pastLogs) {
      all = new java.util.ArrayList<>(pastLogs);
    }
    Running current = published;
    if (current != null) {
      all.add("--- controller instance " + current.number() + " in " + current.pod() + " (running)");
      all.addAll(current.process().log());
    }
    return all;
  }

  /** The running instance's {@link ControllerProcess#state()}, or a line saying none runs. */
  public String controllerState() {
    Running current = published;
    if (current == null) {
      return "no controller instance is running\n";
    }
    return "controller instance " + current.number() + " in " + current.pod() + "\n" + current.process().state();
  }

  private void submit(Runnable task) {
    try {
      process.execute(task);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  @Override
  public ExecResult exec(Pod pod, String container, List<String> command) {
    String program = command.isEmpty() ? "" : command.get(0);
    return new ExecResult(127, "", program + ": command not found\n");
  }

  /** How many instances have started so far (the current one included). */
  public int instancesStarted() {
    return instancesStarted.get();
  }

  /** The running instance's number (1 for the first), or empty while none runs. */
  public Optional<Integer> runningInstance() {
    Running current = published;
    return current == null ? Optional.empty() : Optional.of(current.number());
  }

  /** Waits until an instance numbered at least {@code number} runs. */
  public boolean awaitInstance(int number, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Running current = published;
      if (current != null && current.number() >= number) {
        return true;
      }
      Thread.sleep(5);
    }
    return false;
  }

  /** Stops the running instance and the process thread. */
  @Override
  public void close() {
    generation.incrementAndGet();
    published = null;
    submit(() -> stopInstance("twin closed"));
    process.shutdown();
    try {
      if (!process.awaitTermination(10, TimeUnit.SECONDS)) {
        process.shutdownNow();
        process.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twin's Kubernetes: the API server plus the components a cluster runs, each acting only through
 * the API with its own client: nodes, scheduler, StatefulSet and Deployment controllers, and the kubelet
 * with the workloads that model what runs in pods. It does nothing Kube-OVN's controller does.
 */
public final class TwinCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TwinCluster.class);

  private final ClusterSpec spec;
  private final TwinApiServer api;
  private final EventLog events;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("twin-timer"));
  private final List<AutoCloseable> parts = new ArrayList<>();
  private final Kubelet kubelet;
  private volatile boolean closed;

  private TwinCluster(ClusterSpec spec, Function<ClusterContext, List<Workload>> workloads,
      Consumer<KubernetesClient> afterApiUp) {
    this.spec = spec;
    Clock clock = spec.clock();
    this.events = new EventLog(clock, 20_000);
    Random random = new Random(spec.seed());
    ExecHandlerSlot exec = new ExecHandlerSlot();
    events.record("twin", "start");
    try {
      this.api = TwinApiServer.start(exec, clock);
    } catch (RuntimeException e) {
      timer.shutdownNow();
      throw e;
    }
    events.record("twin", "api server up");
    try {
      TwinNodes.create(api.adminClient(), spec.nodes());
      events.record("twin", "nodes");
      KubernetesClient kubeletClient = api.newClient("kubelet");
      List<Workload> running = workloads.apply(new ClusterContext(api, kubeletClient, events, timer, spec));
      kubelet = new Kubelet(kubeletClient, running, spec.timings(), spec.scale(), clock, events,
          new Random(random.nextLong()), timer);
      exec.set(kubelet);
      Scheduler scheduler = new Scheduler(api.newClient("scheduler"), events, new Random(random.nextLong()), timer);
      StatefulSetController statefulSets = new StatefulSetController(api.newClient("statefulset-controller"), events,
          timer);
      DeploymentController deployments = new DeploymentController(api.newClient("deployment-controller"), events,
          new Random(random.nextLong()), timer);
      // closed in reverse: controllers first, then the kubelet, then what runs in pods
      running.stream().filter(AutoCloseable.class::isInstance).map(AutoCloseable.class::cast).forEach(parts::add);
      parts.add(kubelet);
      parts.add(scheduler);
      parts.add(statefulSets);
      parts.add(deployments);
      // independent informers sync side by side
      inParallel(List.of(kubelet::start, scheduler::start, statefulSets::start, deployments::start,
          () -> afterApiUp.accept(api.adminClient())));
      events.record("twin", "components running");
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Starts a cluster.
   *
   * @param workloads what runs in pods
   */
  public static TwinCluster start(ClusterSpec spec, Function<ClusterContext, List<Workload>> workloads) {
    return new TwinCluster(spec, workloads, client -> { });
  }

  /**
   * Starts a cluster and, while its components start, runs {@code afterApiUp} with the admin client (to
   * create what the cluster should hold from the start).
   */
  public static TwinCluster start(ClusterSpec spec, Function<ClusterContext, List<Workload>> workloads,
      Consumer<KubernetesClient> afterApiUp) {
    return new TwinCluster(spec, workloads, afterApiUp);
  }

  private static void inParallel(List<Runnable> tasks) {
    ExecutorService starters = Executors.newFixedThreadPool(tasks.size(), DaemonThreads.named("twin-start"));
    try {
      List<Future<?>> started = tasks.stream().<Future<?>>map(starters::submit).toList();
      for (Future<?> future : started) {
        future.get(60, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the twin started", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("twin components did not start within 60 s", e);
    } finally {
      starters.shutdownNow();
    }
  }

  public TwinApiServer api() {
    return api;
  }

  public EventLog events() {
    return events;
  }

  public ClusterSpec spec() {
    return spec;
  }

  /** Node names in creation order. */
  public List<String> nodeNames() {
    return spec.nodes().stream().map(NodeSpec::name).toList();
  }

  /** Worker nodes labelled for gateways, in order. */
  public List<String> gatewayNodes() {
    return spec.nodes().stream().filter(n -> "true".equals(n.labels().get(NodeSpec.GATEWAY_NODE_LABEL)))
        .map(NodeSpec::name).toList();
  }

  /** Restarts a container in place (same pod and uid, restart count + 1); returns once it is dead. */
  public void restartContainer(String namespace, String pod, String container) {
    kubelet.restartContainer(namespace, pod, container);
  }

  /** Stops every component and the API server; no thread of the twin is left. Safe to call twice. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        LOG.debug("closing {} failed", parts.get(i), e);
      }
    }
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (api != null) {
      api.close();
    }
  }
}

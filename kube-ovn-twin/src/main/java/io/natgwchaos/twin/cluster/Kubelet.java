package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.natgwchaos.gateway.ExecResult;
import io.natgwchaos.twin.TimeScale;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet of every twin node: starts the containers of pods bound to a Ready node after a short
 * (scaled) start delay, once the pod's {@link Workload} says its sandbox can be set up, and reports them
 * in the pod's status (phase, conditions, podIP, containerStatuses with restartCount and
 * state.running.startedAt); kills and restarts containers in place; tells workloads when pods go. It is
 * also the exec endpoint behind the API server: execs reach a container only while it runs.
 *
 * <p>Everything that changes a pod's containers runs on one thread, in the order it happens.
 */
public final class Kubelet implements ExecHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);

  private enum PodState { WAITING_FOR_NETWORK, STARTING, RUNNING }

  /** One container of a pod the kubelet runs. */
  private static final class ContainerRecord {
    final String name;
    final String image;
    int restartCount;
    volatile boolean running;
    String id;
    Instant startedAt;
    Instant restartDue;
    Instant lastStartedAt;
    Instant lastFinishedAt;
    int lastExitCode;
    String lastReason;

    ContainerRecord(String name, String image) {
      this.name = name;
      this.image = image;
    }
  }

  /** A pod (one uid) the kubelet has taken on. */
  private static final class PodRecord {
    final String uid;
    final String key;
    final Workload workload;
    final Map<String, ContainerRecord> containers = new LinkedHashMap<>();
    volatile Pod pod;
    volatile PodState state = PodState.WAITING_FOR_NETWORK;
    String waitingReason;
    Instant startDue;
    Instant startTime;
    String podIp;
    String hostIp;

    PodRecord(Pod pod, Workload workload) {
      this.uid = pod.getMetadata().getUid();
      this.key = Informers.key(pod);
      this.workload = workload;
      this.pod = pod;
      for (Container container : pod.getSpec().getContainers()) {
        containers.put(container.getName(), new ContainerRecord(container.getName(), container.getImage()));
      }
    }

    boolean runs(String container) {
      ContainerRecord record = containers.get(container);
      return state == PodState.RUNNING && record != null && record.running;
    }
  }

  private final KubernetesClient client;
  private final List<Workload> workloads;
  private final Workload idle = new IdleWorkload();
  private final ClusterTimings timings;
  private final TimeScale scale;
  private final Clock clock;
  private final EventLog events;
  private final Random random;
  private final ScheduledExecutorService timer;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(DaemonThreads.named("twin-kubelet"));
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final Map<String, PodRecord> byUid = new ConcurrentHashMap<>();
  private final Map<String, Integer> addressesHanded = new ConcurrentHashMap<>();
  private SharedIndexInformer<Pod> pods;
  private SharedIndexInformer<Node> nodes;
  private volatile boolean closed;

  public Kubelet(KubernetesClient client, List<Workload> workloads, ClusterTimings timings, TimeScale scale,
      Clock clock, EventLog events, Random random, ScheduledExecutorService timer) {
    this.client = client;
    this.workloads = List.copyOf(workloads);
    this.timings = timings;
    this.scale = scale;
    this.clock = clock;
    this.events = events;
    this.random = random;
    this.timer = timer;
  }

  public void start() {
    nodes = client.nodes().runnableInformer(0);
    nodes.addEventHandler(Informers.onAnyChange(node -> {
      if (pods != null) {
        pods.getStore().list().stream()
            .filter(p -> node.getMetadata().getName().equals(p.getSpec().getNodeName()))
            .forEach(p -> enqueue(Informers.key(p)));
      }
    }));
    pods = client.pods().inAnyNamespace().runnableInformer(0);
    pods.addEventHandler(Informers.onAnyChange(pod -> enqueue(Informers.key(pod))));
    Informers.startAndSync(nodes);
    Informers.startAndSync(pods);
    pods.getStore().list().forEach(pod -> enqueue(Informers.key(pod)));
  }

  private void enqueue(String key) {
    if (closed || !queued.add(key)) {
      return;
    }
    try {
      worker.execute(() -> {
        queued.remove(key);
        try {
          sync(key);
        } catch (RuntimeException e) {
          if (!closed) {
            LOG.debug("kubelet: syncing {} failed, retrying: {}", key, e.toString());
            enqueueAfter(key, Duration.ofMillis(50));
          }
        }
      });
    } catch (RejectedExecutionException e) {
      queued.remove(key);
    }
  }

  private void enqueueAfter(String key, Duration delay) {
    try {
      timer.schedule(() -> enqueue(key), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }

  private void sync(String key) {
    Pod pod = pods.getStore().getByKey(key);
    for (PodRecord record : new ArrayList<>(byUid.values())) {
      if (record.key.equals(key) && (pod == null || !record.uid.equals(pod.getMetadata().getUid()))) {
        remove(record, "pod deleted");
      }
    }
    if (pod == null || pod.getSpec().getNodeName() == null) {
      return;
    }
    PodRecord record = byUid.get(pod.getMetadata().getUid());
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      if (record != null) {
        remove(record, "pod terminating");
      }
      return;
    }
    Node node = nodes.getStore().getByKey(pod.getSpec().getNodeName());
    if (node == null || !TwinNodes.isReady(node)) {
      return;
    }
    if (record == null) {
      record = new PodRecord(pod, workloads.stream().filter(w -> w.runs(pod)).findFirst().orElse(idle));
      record.hostIp = TwinNodes.internalIp(node);
      byUid.put(record.uid, record);
    }
    record.pod = pod;
    Instant now = clock.instant();
    switch (record.state) {
      case WAITING_FOR_NETWORK -> {
        Optional<String> notReady = record.workload.notReady(pod);
        if (notReady.isPresent()) {
          if (!notReady.get().equals(record.waitingReason)) {
            record.waitingReason = notReady.get();
            if (record.startTime == null) {
              record.startTime = now;
            }
            patchStatus(record, pendingStatus(record));
            events.record("kubelet", key + " (" + record.uid + ") waits: " + notReady.get());
          }
          return;
        }
        record.state = PodState.STARTING;
        record.startDue = now.plus(scale.of(timings.podStart()));
        enqueueAfter(key, scale.of(timings.podStart()));
      }
      case STARTING -> {
        if (now.isBefore(record.startDue)) {
          enqueueAfter(key, Duration.between(now, record.startDue));
          return;
        }
        startContainers(record, pod, now);
      }
      case RUNNING -> restartDueContainers(record, pod, now);
      default -> throw new IllegalStateException("unknown state " + record.state);
    }
  }

  private void startContainers(PodRecord record, Pod pod, Instant now) {
    if (record.startTime == null) {
      record.startTime = now;
    }
    record.podIp = podIp(pod, record);
    record.state = PodState.RUNNING;
    for (ContainerRecord container : record.containers.values()) {
      runContainer(record, pod, container, now);
    }
    patchStatus(record, runningStatus(record));
    events.record("kubelet", record.key + " (" + record.uid + ") running on " + pod.getSpec().getNodeName());
  }

  private void runContainer(PodRecord record, Pod pod, ContainerRecord container, Instant now) {
    container.running = true;
    container.startedAt = now;
    container.restartDue = null;
    container.id = "containerd://" + randomHex(32);
    String uid = record.uid;
    String name = container.name;
    // a Go panic exits with status 2; the report may come from any thread, even after the twin closed
    record.workload.started(pod, name, container.restartCount, () -> {
      try {
        submit(() -> {
          containerDied(uid, name, 2, "Error");
          return null;
        });
      } catch (RejectedExecutionException e) {
        LOG.debug("{} of {} died after the kubelet stopped", name, uid);
      }
    });
  }

  private void restartDueContainers(PodRecord record, Pod pod, Instant now) {
    boolean restarted = false;
    for (ContainerRecord container : record.containers.values()) {
      if (!container.running && container.restartDue != null) {
        if (now.isBefore(container.restartDue)) {
          enqueueAfter(record.key, Duration.between(now, container.restartDue));
        } else {
          container.restartCount++;
          runContainer(record, pod, container, now);
          restarted = true;
          events.record("kubelet", record.key + " (" + record.uid + ") container " + container.name
              + " restarted, restartCount " + container.restartCount);
        }
      }
    }
    if (restarted) {
      patchStatus(record, runningStatus(record));
    }
  }

  /**
   * Kills container {@code container} of a running pod in place; it starts again after the restart delay,
   * with restart count + 1. Returns once it is dead.
   *
   * @throws IllegalStateException when the pod or container is not running
   */
  public void restartContainer(String namespace, String pod, String container) {
    await(submit(() -> {
      PodRecord record = recordFor(namespace, pod)
          .orElseThrow(() -> new IllegalStateException("pod " + namespace + "/" + pod + " is not running"));
      if (!record.runs(container)) {
        throw new IllegalStateException("container " + container + " of " + namespace + "/" + pod
            + " is not running");
      }
      containerDied(record.uid, container, 137, "Error");
      return null;
    }));
  }

  private void containerDied(String uid, String container, int exitCode, String reason) {
    PodRecord record = byUid.get(uid);
    if (record == null || !record.runs(container)) {
      return;
    }
    ContainerRecord dead = record.containers.get(container);
    Instant now = clock.instant();
    dead.running = false;
    dead.lastStartedAt = dead.startedAt;
    dead.lastFinishedAt = now;
    dead.lastExitCode = exitCode;
    dead.lastReason = reason;
    dead.restartDue = now.plus(scale.of(timings.containerRestart()));
    record.workload.killed(record.pod, container);
    patchStatus(record, runningStatus(record));
    events.record("kubelet", record.key + " (" + uid + ") container " + container + " died, exit code " + exitCode);
    enqueueAfter(record.key, scale.of(timings.containerRestart()));
  }

  private void remove(PodRecord record, String why) {
    byUid.remove(record.uid);
    record.state = PodState.WAITING_FOR_NETWORK;
    record.containers.values().forEach(container -> container.running = false);
    record.workload.removed(record.pod);
    events.record("kubelet", record.key + " (" + record.uid + ") stopped: " + why);
  }

  private Optional<PodRecord> recordFor(String namespace, String name) {
    Pod pod = pods.getStore().getByKey(Informers.key(namespace, name));
    return pod == null ? Optional.empty() : Optional.ofNullable(byUid.get(pod.getMetadata().getUid()));
  }

  // ---- exec endpoint ------------------------------------------------------------------------------

  @Override
  public Optional<ExecRejection> admit(ExecRequest request) {
    Pod pod = pods == null ? null : pods.getStore().getByKey(Informers.key(request.namespace(), request.pod()));
    if (pod == null) {
      return Optional.of(ExecRejection.podNotFound(request.pod()));
    }
    String container = request.container();
    if (pod.getSpec().getContainers().stream().noneMatch(c -> c.getName().equals(container))) {
      return Optional.of(ExecRejection.badRequest("container " + container + " is not valid for pod "
          + request.pod()));
    }
    if (pod.getSpec().getNodeName() == null) {
      return Optional.of(ExecRejection.badRequest("pod " + request.pod() + " does not have a host assigned"));
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      return Optional.of(ExecRejection.badRequest(
          "cannot exec into a container in a completed pod; current phase is " + phase));
    }
    PodRecord record = byUid.get(pod.getMetadata().getUid());
    if (record == null || !record.runs(container)) {
      return Optional.of(ExecRejection.badRequest("unable to upgrade connection: container not found (\""
          + container + "\")"));
    }
    return Optional.empty();
  }

  @Override
  public ExecResult run(ExecRequest request) throws InterruptedException {
    PodRecord record = recordFor(request.namespace(), request.pod())
        .filter(r -> r.runs(request.container()))
        .orElseThrow(() -> new IllegalStateException("container " + request.container() + " of "
            + request.namespace() + "/" + request.pod() + " is not running"));
    return record.workload.exec(record.pod, request.container(), request.command());
  }

  // ---- status -------------------------------------------------------------------------------------

  private Map<String, Object> pendingStatus(PodRecord record) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", "Pending");
    status.put("conditions", List.of(
        condition("PodReadyToStartContainers", "False", null, record.waitingReason),
        condition("Initialized", "True", null, null),
        condition("Ready", "False", "ContainersNotReady", "containers with unready status: " + names(record)),
        condition("ContainersReady", "False", "ContainersNotReady", "containers with unready status: " + names(record)),
        condition("PodScheduled", "True", null, null)));
    status.put("hostIP", record.hostIp);
    status.put("hostIPs", List.of(Map.of("ip", record.hostIp)));
    status.put("startTime", time(record.startTime));
    List<Map<String, Object>> containers = new ArrayList<>();
    for (ContainerRecord container : record.containers.values()) {
      Map<String, Object> state = Map.of("waiting", Map.of("reason", "ContainerCreating"));
      containers.add(containerStatus(container, false, state));
    }
    status.put("containerStatuses", containers);
    status.put("qosClass", "BestEffort");
    return status;
  }

  private Map<String, Object> runningStatus(PodRecord record) {
    boolean allRunning = record.containers.values().stream().allMatch(c -> c.running);
    String ready = allRunning ? "True" : "False";
    String reason = allRunning ? null : "ContainersNotReady";
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", "Running");
    status.put("conditions", List.of(
        condition("PodReadyToStartContainers", "True", null, null),
        condition("Initialized", "True", null, null),
        condition("Ready", ready, reason, null),
        condition("ContainersReady", ready, reason, null),
        condition("PodScheduled", "True", null, null)));
    status.put("hostIP", record.hostIp);
    status.put("hostIPs", List.of(Map.of("ip", record.hostIp)));
    status.put("podIP", record.podIp);
    status.put("podIPs", List.of(Map.of("ip", record.podIp)));
    status.put("startTime", time(record.startTime));
    List<Map<String, Object>> containers = new ArrayList<>();
    for (ContainerRecord container : record.containers.values()) {
      Map<String, Object> state = container.running
          ? Map.of("running", Map.of("startedAt", time(container.startedAt)))
          : Map.of("terminated", terminated(container));
      Map<String, Object> entry = containerStatus(container, container.running, state);
      if (container.lastFinishedAt != null && container.running) {
        entry.put("lastState", Map.of("terminated", terminated(container)));
      }
      containers.add(entry);
    }
    status.put("containerStatuses", containers);
    status.put("qosClass", "BestEffort");
    return status;
  }

  private static Map<String, Object> terminated(ContainerRecord container) {
    return Map.of("exitCode", container.lastExitCode, "reason", container.lastReason,
        "startedAt", time(container.lastStartedAt), "finishedAt", time(container.lastFinishedAt),
        "containerID", container.id);
  }

  private static Map<String, Object> containerStatus(ContainerRecord container, boolean ready,
      Map<String, Object> state) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", container.name);
    entry.put("image", container.image);
    entry.put("imageID", container.image.contains("@") ? container.image
        : container.image.replaceFirst(":[^:/]*$", "") + "@sha256:" + sha256Hex(container.image));
    if (container.id != null) {
      entry.put("containerID", container.id);
    }
    entry.put("ready", ready);
    entry.put("started", ready);
    entry.put("restartCount", container.restartCount);
    entry.put("state", state);
    return entry;
  }

  private static Map<String, Object> condition(String type, String status, String reason, String message) {
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("type", type);
    condition.put("status", status);
    if (reason != null) {
      condition.put("reason", reason);
    }
    if (message != null) {
      condition.put("message", message);
    }
    condition.put("lastTransitionTime", Scheduler.now());
    return condition;
  }

  private static String names(PodRecord record) {
    return "[" + String.join(" ", record.containers.keySet()) + "]";
  }

  /** Kubernetes timestamps have second resolution. */
  private static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private void patchStatus(PodRecord record, Map<String, Object> status) {
    Pod pod = record.pod;
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
              client.getKubernetesSerialization().asJson(Map.of("status", status)));
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  /** The pod's IP: a fixed one from Kube-OVN's annotation, the node's for host networking, else the next free. */
  private String podIp(Pod pod, PodRecord record) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String fixed = annotations == null ? null : annotations.get("ovn.kubernetes.io/ip_address");
    if (fixed != null && !fixed.isBlank()) {
      return fixed.split("[/,]")[0].strip();
    }
    if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
      return record.hostIp;
    }
    Node node = nodes.getStore().getByKey(pod.getSpec().getNodeName());
    String cidr = node.getSpec().getPodCIDR() == null ? "10.16.0.0/24" : node.getSpec().getPodCIDR();
    int host = addressesHanded.merge(cidr, 1, Integer::sum) % 250 + 2;
    String network = cidr.substring(0, cidr.indexOf('/'));
    return network.substring(0, network.lastIndexOf('.') + 1) + host;
  }

  private String randomHex(int bytes) {
    byte[] value = new byte[bytes];
    synchronized (random) {
      random.nextBytes(value);
    }
    return HexFormat.of().formatHex(value);
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- plumbing -----------------------------------------------------------------------------------

  private <T> Future<T> submit(Callable<T> task) {
    return worker.submit(task);
  }

  private static void await(Future<?> future) {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("kubelet did not act within 30 s", e);
    }
  }

  /** Stops every container (pods stay as they are in the API) and the kubelet's threads. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (pods != null) {
      pods.close();
    }
    if (nodes != null) {
      nodes.close();
    }
    Future<?> stopAll = worker.submit(() -> new ArrayList<>(byUid.values()).forEach(r -> remove(r, "twin closed")));
    try {
      stopAll.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("stopping containers on close failed", e);
    }
    worker.shutdownNow();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Containers nothing models: they run, and every command is not found. */
  private static final class IdleWorkload implements Workload {
    @Override
    public boolean runs(Pod pod) {
      return true;
    }

    @Override
    public void started(Pod pod, String container, int restartCount, Runnable died) {}

    @Override
    public void killed(Pod pod, String container) {}

    @Override
    public void removed(Pod pod) {}

    @Override
    public ExecResult exec(Pod pod, String container, List<String> command) {
      String program = command.isEmpty() ? "" : command.get(0);
      return new ExecResult(127, "", program + ": command not found\n");
    }
  }
}

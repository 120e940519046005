package io.natgwchaos.history;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.natgwchaos.gateway.GatewayProbe;
import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.NatResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what the cluster and the gateways do into a {@link HistoryLog}, on its own threads: informers on
 * EIPs, FIPs, SNATs and DNATs ({@link ResourceObserved}) and on the gateway pods ({@link GatewayPodObserved}),
 * and one thread per gateway that reads the pod with the {@link GatewayProbe} every snapshot interval
 * ({@link SnapshotTaken}; a read that fails is a {@link ProbeFailed}, never an exception). Faults, operations
 * and phase markers are appended to the same log by their owners.
 */
public final class Recorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);

  /**
   * @param gatewayNamespace where the gateway pods run
   * @param gateways the VpcNatGateways to read; pod events of other gateways are ignored
   * @param resourceLabels only NAT resources carrying these labels are observed (e.g. the topology label)
   * @param snapshotInterval the time between the starts of two reads of one gateway (real time)
   * @param syncTimeout how long the informers may take to list what exists
   */
  public record Settings(String gatewayNamespace, List<String> gateways, Map<String, String> resourceLabels,
      Duration snapshotInterval, Duration syncTimeout) {
    public Settings {
      Objects.requireNonNull(gatewayNamespace, "gatewayNamespace");
      gateways = List.copyOf(gateways);
      resourceLabels = Map.copyOf(resourceLabels);
      if (snapshotInterval.isNegative() || snapshotInterval.isZero()) {
        throw new IllegalArgumentException("snapshot interval must be positive: " + snapshotInterval);
      }
    }
  }

  /**
   * How regularly one gateway was read.
   *
   * @param snapshots reads that produced a snapshot
   * @param failures reads that produced none (no running pod, exec or parse failure)
   * @param meanInterval mean time between two consecutive snapshots (zero with fewer than two)
   */
  public record Cadence(String gateway, long snapshots, long failures, Duration meanInterval) {
    @Override
    public String toString() {
      return String.format("%s: %d snapshots every %.1f ms on average, %d reads without one", gateway, snapshots,
          meanInterval.toNanos() / 1e6, failures);
    }
  }

  private final HistoryLog log;
  private final KubernetesClient client;
  private final GatewayProbe probe;
  private final Settings settings;
  private final List<SharedIndexInformer<? extends HasMetadata>> resourceInformers = new ArrayList<>();
  private SharedIndexInformer<Pod> podInformer;
  private final Map<String, GatewayReader> readers = new LinkedHashMap<>();
  private final AtomicLong handledAdds = new AtomicLong();
  private volatile boolean started;
  private volatile boolean stopped;

  public Recorder(HistoryLog log, KubernetesClient client, GatewayProbe probe, Settings settings) {
    this.log = Objects.requireNonNull(log, "log");
    this.client = Objects.requireNonNull(client, "client");
    this.probe = Objects.requireNonNull(probe, "probe");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public HistoryLog log() {
    return log;
  }

  /**
   * Starts the informers, waits until they have listed (and recorded) what exists, then starts reading the
   * gateways.
   *
   * @throws RecorderException when an informer cannot list within the sync timeout
   */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("recorder already started");
    }
    started = true;
    long deadline = System.nanoTime() + settings.syncTimeout().toNanos();
    for (NatResourceKind kind : NatResourceKind.values()) {
      resourceInformers.add(resourceInformer(kind.type()));
    }
    podInformer = client.pods().inNamespace(settings.gatewayNamespace())
        .withLabel(KubeOvn.Labels.GATEWAY_POD, "true").runnableInformer(0);
    podInformer.addEventHandler(new PodHandler(Set.copyOf(settings.gateways())));
    List<SharedIndexInformer<?>> all = new ArrayList<>(resourceInformers);
    all.add(podInformer);
    for (SharedIndexInformer<?> informer : all) {
      awaitStart(informer, deadline);
    }
    long listed = resourceInformers.stream().mapToLong(i -> i.getStore().list().size()).sum()
        + podInformer.getStore().list().stream().filter(this::isOurs).count();
    // start() completes once the list is in the store; the handlers may still be recording it
    while (handledAdds.get() < listed && System.nanoTime() < deadline) {
      sleepQuietly(5);
    }
    for (String gateway : settings.gateways()) {
      GatewayReader reader = new GatewayReader(gateway);
      readers.put(gateway, reader);
      reader.thread.start();
    }
    LOG.info("recorder: observing NAT resources labelled {} and gateway pods of {} in {}; reading each gateway every"
        + " {} ms", settings.resourceLabels(), settings.gateways(), settings.gatewayNamespace(),
        settings.snapshotInterval().toMillis());
  }

  /** Stops reading and observing; idempotent. Entries appended before it returns are kept. */
  public synchronized void stop() {
    if (!started || stopped) {
      return;
    }
    stopped = true;
    readers.values().forEach(r -> r.running = false);
    readers.values().forEach(r -> r.thread.interrupt());
    for (GatewayReader reader : readers.values()) {
      try {
        reader.thread.join(Math.max(1000, settings.snapshotInterval().toMillis() * 4));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    resourceInformers.forEach(SharedIndexInformer::stop);
    if (podInformer != null) {
      podInformer.stop();
    }
    LOG.info("recorder: stopped; {}", cadence());
  }

  @Override
  public void close() {
    stop();
  }

  /** The NAT resources as the informers hold them now. */
  public List<NatResourceState> currentResources() {
    List<NatResourceState> states = new ArrayList<>();
    for (SharedIndexInformer<? extends HasMetadata> informer : resourceInformers) {
      informer.getStore().list().forEach(r -> states.add(NatResourceState.of(r)));
    }
    return states;
  }

  /** The gateway's pod as the informer holds it now. */
  public Optional<GatewayPodState> currentPod(String gateway) {
    if (podInformer == null) {
      return Optional.empty();
    }
    return podInformer.getStore().list().stream().map(GatewayPodState::of)
        .filter(p -> gateway.equals(p.gateway())).findFirst();
  }

  /** The latest snapshot recorded for {@code gateway}. */
  public Optional<SnapshotTaken> latestSnapshot(String gateway) {
    GatewayReader reader = readers.get(gateway);
    return reader == null ? Optional.empty() : Optional.ofNullable(reader.latest);
  }

  /**
   * How long before {@code now} (the history's clock) the latest read of {@code gateway} ended, in a snapshot or a
   * failure; counted from the reader's start while its first read is still running. A read that hangs makes this
   * grow: whatever the gateway did meanwhile is not in the history. Empty for a gateway this recorder does not read.
   */
  public Optional<Duration> sinceLastRead(String gateway, long now) {
    GatewayReader reader = readers.get(gateway);
    return reader == null ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(0, now - reader.lastReadEnded)));
  }

  /** Where {@code gateway}'s reader thread is now, one frame a line: for a read that hangs, where it hangs. */
  public String readerStack(String gateway) {
    GatewayReader reader = readers.get(gateway);
    if (reader == null) {
      return "";
    }
    StringBuilder stack = new StringBuilder(reader.thread.getName()).append(' ').append(reader.thread.getState());
    for (StackTraceElement frame : reader.thread.getStackTrace()) {
      stack.append("\n  at ").append(frame);
    }
    return stack.toString();
  }

  /** The snapshot cadence achieved so far, per gateway. */
  public List<Cadence> cadence() {
    List<Cadence> cadence = new ArrayList<>();
    for (GatewayReader reader : readers.values()) {
      long n = reader.snapshots.get();
      Duration mean = n < 2 ? Duration.ZERO : Duration.ofNanos((reader.lastTime - reader.firstTime) / (n - 1));
      cadence.add(new Cadence(reader.gateway, n, reader.failures.get(), mean));
    }
    return cadence;
  }

  private <T extends HasMetadata> SharedIndexInformer<T> resourceInformer(Class<T> type) {
    SharedIndexInformer<T> informer = client.resources(type).withLabels(settings.resourceLabels()).runnableInformer(0);
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(T resource) {
        record(ChangeType.ADDED, resource);
        handledAdds.incrementAndGet();
      }

      @Override
      public void onUpdate(T oldResource, T newResource) {
        record(ChangeType.MODIFIED, newResource);
      }

      @Override
      public void onDelete(T resource, boolean deletedFinalStateUnknown) {
        record(ChangeType.DELETED, resource);
      }
    });
    return informer;
  }

  private void record(ChangeType change, HasMetadata resource) {
    NatResourceState state = NatResourceState.of(resource);
    log.append((seq, time) -> new ResourceObserved(seq, time, change, state));
  }

  private boolean isOurs(Pod pod) {
    return settings.gateways().contains(GatewayPodState.of(pod).gateway());
  }

  private void awaitStart(SharedIndexInformer<?> informer, long deadline) {
    try {
      informer.start().toCompletableFuture().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new RecorderException("recorder: an informer did not list within " + settings.syncTimeout().toMillis()
          + " ms", e);
    } catch (ExecutionException e) {
      throw new RecorderException("recorder: an informer cannot list: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RecorderException("recorder: interrupted while the informers listed", e);
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Records gateway pods; an update is recorded only when something the oracle reads changed. */
  private final class PodHandler implements ResourceEventHandler<Pod> {
    private final Set<String> gateways;

    PodHandler(Set<String> gateways) {
      this.gateways = gateways;
    }

    @Override
    public void onAdd(Pod pod) {
      if (record(ChangeType.ADDED, pod)) {
        handledAdds.incrementAndGet();
      }
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
      if (!GatewayPodState.of(oldPod).equals(GatewayPodState.of(newPod))) {
        record(ChangeType.MODIFIED, newPod);
      }
    }

    @Override
    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
      record(ChangeType.DELETED, pod);
    }

    private boolean record(ChangeType change, Pod pod) {
      GatewayPodState state = GatewayPodState.of(pod);
      if (!gateways.contains(state.gateway())) {
        return false;
      }
      log.append((seq, time) -> new GatewayPodObserved(seq, time, change, state));
      return true;
    }
  }

  /** One gateway's read loop, at a fixed rate that skips ticks rather than bursting after a slow read. */
  private final class GatewayReader implements Runnable {
    final String gateway;
    final Thread thread;
    final AtomicLong snapshots = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    volatile boolean running = true;
    volatile SnapshotTaken latest;
    volatile long firstTime;
    volatile long lastTime;
    volatile long lastReadEnded;
    private String lastFailure;

    GatewayReader(String gateway) {
      this.gateway = gateway;
      this.thread = new Thread(this, "recorder-" + gateway);
      this.thread.setDaemon(true);
    }

    @Override
    public void run() {
      long interval = settings.snapshotInterval().toNanos();
      long next = System.nanoTime();
      lastReadEnded = log.now();
      while (running) {
        read();
        lastReadEnded = log.now();
        next += interval;
        long now = System.nanoTime();
        if (next < now) {
          next = now;
        } else {
          try {
            TimeUnit.NANOSECONDS.sleep(next - now);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }

    private void read() {
      try {
        Optional<GatewaySnapshot> snapshot = probe.snapshot(gateway);
        if (!running) {
          return;
        }
        if (snapshot.isPresent()) {
          GatewaySnapshot value = snapshot.get();
          SnapshotTaken taken = log.append((seq, time) -> new SnapshotTaken(seq, time, value));
          if (snapshots.getAndIncrement() == 0) {
            firstTime = taken.time();
          }
          lastTime = taken.time();
          latest = taken;
          lastFailure = null;
        } else {
          failed("pod " + KubeOvn.gatewayPodName(gateway) + " is not running (absent, pending or terminating)");
        }
      } catch (RuntimeException e) {
        if (running) {
          failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
      }
    }

    /** Repeats of the same failure are counted, not recorded again. */
    private void failed(String message) {
      failures.incrementAndGet();
      if (!message.equals(lastFailure)) {
        lastFailure = message;
        log.append((seq, time) -> new ProbeFailed(seq, time, gateway, message));
      }
    }
  }
}

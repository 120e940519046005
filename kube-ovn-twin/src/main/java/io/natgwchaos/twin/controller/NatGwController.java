package io.natgwchaos.twin.controller;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.kubeovn.Vpc;
import io.natgwchaos.kubeovn.VpcNatGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The modelled kube-ovn-controller process, NAT-gateway part. One instance is one process lifetime:
 * {@link #stop()} is the process dying (queues, pending delayed resets, the redo stamp and the IPAM in
 * memory are lost); a restart is a new instance, which rebuilds from the API server as upstream does.
 * The instance owns the client in its config and closes it when it stops.
 */
public final class NatGwController implements AutoCloseable {
  private static final Duration RESYNC_PERIOD = Duration.ofSeconds(1);
  /** Real time between two {@link WatchGapRepair} passes; not scaled, as the mock server's gaps are not. */
  private static final Duration WATCH_REPAIR_PERIOD = Duration.ofSeconds(1);
  private static final int LOG_LINES = 2000;

  private final ControllerConfig config;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicBoolean crashed = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final Deque<String> log = new ArrayDeque<>();
  private final AtomicInteger handled = new AtomicInteger();
  private ScheduledExecutorService timers;
  private ControllerContext ctx;

  public NatGwController(ControllerConfig config) {
    this.config = config;
  }

  public ControllerConfig config() {
    return config;
  }

  /** Starts informers and workers; returns once the informer caches are synced. */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("a controller process starts once; create a new instance to restart");
    }
    AtomicInteger timerThreads = new AtomicInteger();
    timers = Executors.newScheduledThreadPool(1, r -> daemon(r, "natgw-ctl-timer-" + timerThreads.incrementAndGet()));
    Queues queues = new Queues(config.timeScale(), timers);
    ctx = new ControllerContext(config, queues);
    StatusPatches patches = new StatusPatches(ctx);
    GatewayExec exec = new GatewayExec(ctx);
    EipHandlers eips = new EipHandlers(ctx, patches, exec);
    RuleHandlers rules = new RuleHandlers(ctx, patches, exec);
    GatewayHandlers gateways = new GatewayHandlers(ctx, patches, exec);
    PodHandlers pods = new PodHandlers(ctx);
    NetworkHandlers networks = new NetworkHandlers(ctx);

    startInformers(eips, rules);
    rebuildIpam();
    // upstream launches the config resync (read from a lister) before the NAT workers: they start knowing
    // whether the feature is on
    resyncOnce(gateways, new String[] {""});

    Map<QueueName, Handler> handlers = new EnumMap<>(QueueName.class);
    handlers.put(QueueName.ADD_OR_UPDATE_GATEWAY, gateways::addOrUpdate);
    handlers.put(QueueName.INIT_GATEWAY, gateways::init);
    handlers.put(QueueName.DELETE_GATEWAY, gateways::delete);
    handlers.put(QueueName.MARK_FIPS, k -> gateways.markRules(RuleKind.FIP, k));
    handlers.put(QueueName.MARK_DNATS, k -> gateways.markRules(RuleKind.DNAT, k));
    handlers.put(QueueName.MARK_SNATS, k -> gateways.markRules(RuleKind.SNAT, k));
    handlers.put(QueueName.MARK_SUBNET_ROUTES, gateways::markSubnetRoutes);
    handlers.put(QueueName.MARK_EIPS, gateways::markEips);
    handlers.put(QueueName.ADD_EIP, eips::add);
    handlers.put(QueueName.UPDATE_EIP, eips::update);
    handlers.put(QueueName.RESET_EIP, eips::reset);
    handlers.put(QueueName.ADD_FIP, k -> rules.add(RuleKind.FIP, k));
    handlers.put(QueueName.UPDATE_FIP, k -> rules.update(RuleKind.FIP, k));
    handlers.put(QueueName.ADD_DNAT, k -> rules.add(RuleKind.DNAT, k));
    handlers.put(QueueName.UPDATE_DNAT, k -> rules.update(RuleKind.DNAT, k));
    handlers.put(QueueName.ADD_SNAT, k -> rules.add(RuleKind.SNAT, k));
    handlers.put(QueueName.UPDATE_SNAT, k -> rules.update(RuleKind.SNAT, k));
    handlers.put(QueueName.GATEWAY_POD, pods::handle);
    handlers.put(QueueName.SUBNET, networks::subnet);
    handlers.put(QueueName.VPC, networks::vpc);
    handlers.forEach((name, handler) -> startThread("natgw-ctl-" + name.name().toLowerCase(),
        () -> work(queues.get(name), handler)));

    startThread("natgw-ctl-resync", () -> resync(gateways));
    startThread("natgw-ctl-watch-repair", this::repairWatchGaps);
    startThread("natgw-ctl-startup", () -> {
      try {
        gateways.startupScan();
        if (!ctx.on(io.natgwchaos.twin.profile.Switch.RESETS_LOST_ON_RESTART)) {
          ctx.eips.list().forEach(e -> queues.get(QueueName.RESET_EIP).add(e.getMetadata().getName()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        record("startup scan failed: " + e.getMessage());
      }
    });
    record("controller started with profile " + config.profile().name());
  }

  /** Runs {@link WatchGapRepair} passes while the process lives: the first once every watch is up. */
  private void repairWatchGaps() {
    String ns = config.namespace();
    KubernetesClient client = config.client();
    WatchGapRepair repair = new WatchGapRepair(List.of(
        watched(IptablesEip.class, ctx.eips),
        watched(IptablesFipRule.class, ctx.fips),
        watched(IptablesDnatRule.class, ctx.dnats),
        watched(IptablesSnatRule.class, ctx.snats),
        watched(VpcNatGateway.class, ctx.gateways),
        new WatchGapRepair.Watched<>("Pod", () -> client.pods().inNamespace(ns)
            .withLabel(KubeOvn.Labels.GATEWAY_POD, "true").list().getItems(), ctx.pods,
            name -> client.pods().inNamespace(ns).withName(name))), this::record);
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (informers.stream().anyMatch(i -> !i.isWatching()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      boolean first = true;
      while (!stopped.get()) {
        try {
          repair.pass(first);
          first = false;
        } catch (KubernetesClientException e) {
          if (!stopped.get()) {
            record("watch gap repair failed: " + e.getMessage());
          }
        }
        Thread.sleep(WATCH_REPAIR_PERIOD.toMillis());
      }
    } catch (InterruptedException e) {
      // the process is stopping
    }
  }

  private <T extends HasMetadata> WatchGapRepair.Watched<T> watched(Class<T> type, Cache<T> cache) {
    KubernetesClient client = config.client();
    return new WatchGapRepair.Watched<>(HasMetadata.getKind(type), () -> client.resources(type).list().getItems(), cache,
        name -> client.resources(type).withName(name));
  }

  @FunctionalInterface
  private interface Handler {
    void handle(String key) throws RetryableError, InterruptedException;
  }

  private void startInformers(EipHandlers eips, RuleHandlers rules) {
    KubernetesClient client = config.client();
    ctx.eips = cache(client.resources(IptablesEip.class).runnableInformer(0), null, handler(
        eips::onAddEvent, eips::onUpdateEvent));
    ctx.fips = cache(client.resources(IptablesFipRule.class).runnableInformer(0), null, handler(
        o -> rules.onAddEvent(RuleKind.FIP, o), (o, n) -> rules.onUpdateEvent(RuleKind.FIP, o, n),
        rules::onDeleteEvent));
    ctx.dnats = cache(client.resources(IptablesDnatRule.class).runnableInformer(0), null, handler(
        o -> rules.onAddEvent(RuleKind.DNAT, o), (o, n) -> rules.onUpdateEvent(RuleKind.DNAT, o, n),
        rules::onDeleteEvent));
    ctx.snats = cache(client.resources(IptablesSnatRule.class).runnableInformer(0), null, handler(
        o -> rules.onAddEvent(RuleKind.SNAT, o), (o, n) -> rules.onUpdateEvent(RuleKind.SNAT, o, n),
        rules::onDeleteEvent));
    ctx.gateways = cache(client.resources(VpcNatGateway.class).runnableInformer(0), null,
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(VpcNatGateway gw) {
            ctx.queues.get(QueueName.ADD_OR_UPDATE_GATEWAY).add(gw.getMetadata().getName());
          }

          @Override
          public void onUpdate(VpcNatGateway old, VpcNatGateway now) {
            if (!Objects.equals(old.getSpec(), now.getSpec()) || !Objects.equals(
                old.getMetadata().getGeneration(), now.getMetadata().getGeneration())) {
              ctx.queues.get(QueueName.ADD_OR_UPDATE_GATEWAY).add(now.getMetadata().getName());
            }
          }

          @Override
          public void onDelete(VpcNatGateway gw, boolean unknown) {
            ctx.queues.get(QueueName.DELETE_GATEWAY).add(gw.getMetadata().getName());
          }
        });
    ctx.subnets = cache(client.resources(Subnet.class).runnableInformer(0), null, handler(
        s -> ctx.queues.get(QueueName.SUBNET).add(s.getMetadata().getName()),
        (o, n) -> ctx.queues.get(QueueName.SUBNET).add(n.getMetadata().getName())));
    ctx.vpcs = cache(client.resources(Vpc.class).runnableInformer(0), null, handler(
        v -> ctx.queues.get(QueueName.VPC).add(v.getMetadata().getName()),
        (o, n) -> ctx.queues.get(QueueName.VPC).add(n.getMetadata().getName())));
    ctx.statefulSets = cache(client.apps().statefulSets().inNamespace(config.namespace()).runnableInformer(0),
        config.namespace(), null);
    ctx.configMaps = cache(client.configMaps().inNamespace(config.namespace()).runnableInformer(0),
        config.namespace(), null);
    ctx.pods = cache(client.pods().inNamespace(config.namespace()).withLabel(KubeOvn.Labels.GATEWAY_POD, "true")
        .runnableInformer(0), config.namespace(), handler(
            p -> enqueuePod(p), (o, n) -> enqueuePod(n)));
    List<CompletableFuture<?>> syncs = new ArrayList<>();
    for (SharedIndexInformer<?> informer : informers) {
      syncs.add(informer.start().toCompletableFuture());
    }
    try {
      CompletableFuture<Void> all = CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new));
      try {
        all.get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException slow) {
        ControllerContext.LOG.warn("controller informers not synced after 5 s: {}", unsynced());
        all.get(25, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the controller's informers synced", e);
    } catch (Exception e) {
      throw new IllegalStateException("the controller's informers did not sync within 30 s: " + unsynced(), e);
    }
  }

  private List<String> unsynced() {
    return informers.stream().filter(i -> !i.hasSynced() || !i.isWatching())
        .map(i -> i.getApiTypeClass().getSimpleName() + (i.hasSynced() ? " synced" : " not synced")
            + (i.isWatching() ? ", watching" : ", not watching")).toList();
  }

  private void enqueuePod(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() == null) {
      ctx.queues.get(QueueName.GATEWAY_POD).add(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
    }
  }

  private <T extends HasMetadata> Cache<T> cache(SharedIndexInformer<T> informer, String namespace,
      ResourceEventHandler<T> handler) {
    if (handler != null) {
      informer.addEventHandler(handler);
    }
    informers.add(informer);
    return new Cache<>(informer, namespace);
  }

  /** Upstream's delete handlers only log. */
  private static <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> onAdd,
      java.util.function.BiConsumer<T, T> onUpdate) {
    return handler(onAdd, onUpdate, deleted -> {});
  }

  private static <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> onAdd,
      java.util.function.BiConsumer<T, T> onUpdate, java.util.function.Consumer<T> onDelete) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onAdd.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onUpdate.accept(oldObj, newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        onDelete.accept(obj);
      }
    };
  }

  /** The IPAM is rebuilt from what the cluster records, as kube-ovn-controller does at start-up. */
  private void rebuildIpam() {
    for (IptablesEip eip : ctx.eips.list()) {
      String ip = eip.getStatus() == null ? null : eip.getStatus().getIp();
      if (ip == null || ip.isEmpty()) {
        ip = eip.getSpec() == null ? null : eip.getSpec().getV4ip();
      }
      if (ip != null && !ip.isEmpty()) {
        ctx.ipam.reserve(StatusPatches.externalNetworkOf(eip.getSpec().getExternalSubnet()), eip.getMetadata().getName(), ip);
      }
    }
    for (Pod pod : ctx.pods.list()) {
      Map<String, String> annotations = ControllerContext.annotationsOf(pod);
      String networks = annotations.getOrDefault(KubeOvn.Annotations.MULTUS_NETWORKS, "");
      int slash = networks.indexOf('/');
      if (slash < 0) {
        continue;
      }
      String nad = networks.substring(slash + 1);
      String provider = KubeOvn.provider(nad, networks.substring(0, slash));
      String ip = annotations.get(KubeOvn.Annotations.providerIpAddress(provider));
      if (ip != null) {
        ctx.ipam.reserve(nad, pod.getMetadata().getName() + "." + pod.getMetadata().getNamespace() + "." + provider, ip);
      }
    }
  }

  /**
   * One worker goroutine: it ends only with the process. An interrupt while the process lives is a client
   * library's stray one (a Go worker knows none): the key is retried like any failure, so the queue never
   * loses its only worker.
   */
  private void work(WorkQueue queue, Handler handler) {
    while (!stopped.get()) {
      String key;
      try {
        key = queue.get();
      } catch (InterruptedException e) {
        if (stopped.get()) {
          return;
        }
        record(queue.name() + ": worker interrupted while waiting; carrying on");
        continue;
      }
      if (key == null) {
        return;
      }
      try {
        handler.handle(key);
        queue.forget(key);
        handled.incrementAndGet();
      } catch (RetryableError e) {
        if (stopped.get()) {
          return;
        }
        record(queue.name() + " " + key + ": " + e.getMessage() + ", requeuing");
        queue.addRateLimited(key);
      } catch (InterruptedException e) {
        if (stopped.get()) {
          return;
        }
        Thread.interrupted();
        record(queue.name() + " " + key + ": worker interrupted, requeuing");
        queue.addRateLimited(key);
      } catch (ProcessCrash e) {
        record("panic: " + e.getMessage());
        crash();
        return;
      } catch (RuntimeException | Error e) {
        if (stopped.get()) {
          return;
        }
        record(queue.name() + " " + key + ": unexpected " + e + ", requeuing");
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
      }
    }
  }

  /** resyncVpcNatGwConfig / resyncVpcNatConfig, every second: the feature switch and the image. */
  private void resync(GatewayHandlers gateways) {
    String[] seenVersion = {configVersion()};
    while (!stopped.get()) {
      try {
        ctx.sleep(RESYNC_PERIOD);
      } catch (InterruptedException e) {
        return;
      }
      resyncOnce(gateways, seenVersion);
    }
  }

  /** One resync from the ConfigMap lister; a new config version re-enqueues every gateway. */
  private void resyncOnce(GatewayHandlers gateways, String[] seenVersion) {
    ConfigMap gwConfig = ctx.configMaps.get(KubeOvn.NAT_GW_CONFIG_MAP);
    String enabled = gwConfig == null || gwConfig.getData() == null ? "false"
        : gwConfig.getData().getOrDefault(KubeOvn.NAT_GW_ENABLED_KEY, "false");
    ctx.vpcNatEnabled = "true".equals(enabled) ? ControllerContext.ENABLED : "false";
    ConfigMap natConfig = ctx.configMaps.get(KubeOvn.NAT_CONFIG_MAP);
    if (natConfig != null && natConfig.getData() != null && natConfig.getData().get(GatewayHandlers.IMAGE_KEY) != null) {
      gateways.gatewayImage = natConfig.getData().get(GatewayHandlers.IMAGE_KEY);
    }
    String version = gwConfig == null ? "" : gwConfig.getMetadata().getResourceVersion();
    if (!version.equals(seenVersion[0])) {
      seenVersion[0] = version;
      for (VpcNatGateway gw : ctx.gateways.list()) {
        ctx.queues.get(QueueName.ADD_OR_UPDATE_GATEWAY).add(gw.getMetadata().getName());
      }
    }
  }

  private String configVersion() {
    ConfigMap gwConfig = ctx.configMaps.get(KubeOvn.NAT_GW_CONFIG_MAP);
    return gwConfig == null ? "" : gwConfig.getMetadata().getResourceVersion();
  }

  private void crash() {
    if (crashed.compareAndSet(false, true)) {
      Thread notifier = new Thread(config.crash(), "natgw-ctl-crash");
      notifier.setDaemon(true);
      notifier.start();
    }
  }

  /** The process dies: workers stop at once, queues and in-memory state are dropped. */
  public void stop() {
    if (!stopped.compareAndSet(false, true) || ctx == null) {
      return;
    }
    ctx.queues.shutDown();
    threads.forEach(Thread::interrupt);
    informers.forEach(SharedIndexInformer::stop);
    timers.shutdownNow();
    config.client().close();
    for (Thread thread : threads) {
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    record("controller stopped");
  }

  @Override
  public void close() {
    stop();
  }

  public boolean isRunning() {
    return started.get() && !stopped.get();
  }

  /** Handler runs that succeeded, for tests and benchmarks. */
  public int handledCount() {
    return handled.get();
  }

  /**
   * What a stuck controller needs explained, for diagnostics: each queue's keys and each informer's state (where
   * its threads are is in the twin's thread dump).
   */
  public String describeState() {
    StringBuilder text = new StringBuilder();
    text.append("started ").append(started.get()).append(", stopped ").append(stopped.get()).append(", crashed ")
        .append(crashed.get()).append(", handled ").append(handled.get()).append('\n');
    ControllerContext context = ctx;
    if (context == null) {
      return text.toString();
    }
    text.append("vpcNatEnabled ").append(context.vpcNatEnabled).append("\n\nqueues\n").append(context.queues.describe());
    text.append("\ninformers\n");
    for (SharedIndexInformer<?> informer : informers) {
      text.append(informer.getApiTypeClass().getSimpleName()).append(": running ").append(informer.isRunning())
          .append(", watching ").append(informer.isWatching()).append(", synced ").append(informer.hasSynced())
          .append(", cached ").append(informer.getIndexer().list().size()).append(", last sync resourceVersion ")
          .append(informer.lastSyncResourceVersion()).append('\n');
    }
    return text.toString();
  }

  /** The latest log lines (errors and requeues), oldest first. */
  public List<String> recentLog() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  private void record(String line) {
    String stamped = Instant.now() + " " + line;
    ControllerContext.LOG.debug(line);
    synchronized (log) {
      log.addLast(stamped);
      while (log.size() > LOG_LINES) {
        log.removeFirst();
      }
    }
  }

  private void startThread(String name, Runnable body) {
    Thread thread = daemon(body, name);
    threads.add(thread);
    thread.start();
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}

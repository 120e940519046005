package io.natgwchaos.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.natgwchaos.gateway.PodExecutor;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.ExternalNetwork;
import io.natgwchaos.targets.NodeControl;
import io.natgwchaos.targets.TargetCapability;
import io.natgwchaos.targets.TargetSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A target for engine tests: a {@link MockCluster} with a {@link SimulatedKubeOvn}, a chosen name, version, time
 * scale and capabilities, and a {@link FakeNodeControl}. It records markRunFailed reasons and closes.
 */
public final class FakeTarget implements ChaosTarget {
  public static final ExternalNetwork NETWORK = new ExternalNetwork(KubeOvn.DEFAULT_EXTERNAL_NETWORK, "kube-system",
      SimulatedKubeOvn.EXTERNAL_CIDR, "172.19.0.1", List.of("172.19.0.2", "172.19.0.3", "172.19.0.4"));

  private final String name;
  private final String version;
  private final double timeScale;
  private final Duration snapshotInterval;
  private final Set<TargetCapability> capabilities;
  private final MockCluster cluster;
  private final SimulatedKubeOvn kubeOvn;
  private final FakeNodeControl nodes = new FakeNodeControl();
  private final List<String> failures = new ArrayList<>();
  private final AtomicInteger closed = new AtomicInteger();
  private final boolean lingering;
  private boolean destroyed;

  private FakeTarget(String name, String version, double timeScale, Duration snapshotInterval,
      Set<TargetCapability> capabilities, boolean lingering) {
    this.lingering = lingering;
    this.name = name;
    this.version = version;
    this.timeScale = timeScale;
    this.snapshotInterval = snapshotInterval;
    this.capabilities = Set.copyOf(capabilities);
    this.cluster = MockCluster.start();
    this.kubeOvn = SimulatedKubeOvn.start(cluster.client());
  }

  /** Named {@code fake}, v1.13.4, time scale 0.05, snapshots every 20 ms, every capability. */
  public static FakeTarget start() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private String name = "fake";
    private String version = "v1.13.4";
    private double timeScale = 0.05;
    private Duration snapshotInterval = Duration.ofMillis(20);
    private Set<TargetCapability> capabilities = EnumSet.allOf(TargetCapability.class);
    private boolean lingering;

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder version(String value) {
      version = value;
      return this;
    }

    public Builder timeScale(double value) {
      timeScale = value;
      return this;
    }

    public Builder snapshotInterval(Duration value) {
      snapshotInterval = value;
      return this;
    }

    public Builder capabilities(TargetCapability... values) {
      capabilities = values.length == 0 ? EnumSet.noneOf(TargetCapability.class) : EnumSet.of(values[0], values);
      return this;
    }

    /** {@code close()} only counts; {@link FakeTarget#destroy()} stops the cluster (tests that look afterwards). */
    public Builder lingering() {
      lingering = true;
      return this;
    }

    public FakeTarget build() {
      return new FakeTarget(name, version, timeScale, snapshotInterval, capabilities, lingering);
    }
  }

  /** Settings for experiments in tests: topology waits polled every 50 ms instead of every second. */
  public static TargetSettings fastSettings() {
    return new TargetSettings(Map.of("chaos.topology.pollInterval", "50ms"));
  }

  public MockCluster cluster() {
    return cluster;
  }

  public SimulatedKubeOvn kubeOvn() {
    return kubeOvn;
  }

  public FakeNodeControl nodes() {
    return nodes;
  }

  public synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  public int closeCount() {
    return closed.get();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String kubeOvnVersion() {
    return version;
  }

  @Override
  public double timeScale() {
    return timeScale;
  }

  @Override
  public Duration snapshotInterval() {
    return snapshotInterval;
  }

  @Override
  public KubernetesClient client() {
    return cluster.client();
  }

  @Override
  public PodExecutor podExecutor() {
    return kubeOvn.executor();
  }

  @Override
  public ExternalNetwork externalNetwork() {
    return NETWORK;
  }

  @Override
  public List<String> gatewayNodes() {
    return MockCluster.WORKERS;
  }

  @Override
  public Set<TargetCapability> capabilities() {
    return capabilities;
  }

  @Override
  public void restartContainer(String namespace, String pod, String container) {
    requireCapability(TargetCapability.RESTART_CONTAINER_IN_PLACE);
    kubeOvn.restartContainer(pod);
  }

  @Override
  public NodeControl nodeControl() {
    return nodes;
  }

  @Override
  public void collectDiagnostics(Path directory) {
    try {
      Files.createDirectories(directory);
      String fips = client().resources(io.natgwchaos.kubeovn.IptablesFipRule.class).list().getItems().stream()
          .map(f -> f.getMetadata().getName()).sorted().collect(java.util.stream.Collectors.joining(" "));
      Files.writeString(directory.resolve("fake-target.txt"), "diagnostics of " + name + " " + version + "\n"
          + "iptables-fip-rules: " + fips + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("target", name);
    environment.put("kubeovn.version", version);
    return environment;
  }

  @Override
  public synchronized void markRunFailed(String reason) {
    failures.add(reason);
  }

  @Override
  public void close() {
    if (closed.incrementAndGet() == 1 && !lingering) {
      destroy();
    }
  }

  /** Stops the simulator and the cluster. */
  public synchronized void destroy() {
    if (!destroyed) {
      destroyed = true;
      try {
        kubeOvn.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      cluster.close();
    }
  }
}

package io.natgwchaos.twin.scenario;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.natgwchaos.check.Finding;
import io.natgwchaos.check.NatResources;
import io.natgwchaos.check.SafetyCheck;
import io.natgwchaos.gateway.GatewayProbe;
import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.history.NatResourceState;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.targets.ProvisionedTopology;
import io.natgwchaos.targets.TargetSettings;
import io.natgwchaos.targets.TopologyProvisioner;
import io.natgwchaos.targets.TopologySpec;
import io.natgwchaos.targets.TopologyTimeouts;
import io.natgwchaos.twin.TwinSettings;
import io.natgwchaos.twin.TwinTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A twin with a provisioned topology, for tests that drive the modelled controller directly. */
final class TwinScenario implements AutoCloseable {
  static final String NS = KubeOvn.CONTROLLER_NAMESPACE;

  final TwinTarget twin;
  final KubernetesClient client;
  final ProvisionedTopology topology;
  final GatewayProbe probe;

  private TwinScenario(TwinTarget twin, ProvisionedTopology topology) {
    this.twin = twin;
    this.client = twin.client();
    this.topology = topology;
    this.probe = new GatewayProbe(client, twin.podExecutor(), NS, Duration.ofSeconds(10));
  }

  static TwinScenario start(String version, String name, int fips, int snats, int dnats) {
    return start(version, name, fips, snats, dnats, 0, 7);
  }

  static TwinScenario startWithSpareEips(String version, String name, int spareEips) {
    return start(version, name, 0, 0, 0, spareEips, 7);
  }

  static TwinScenario start(String version, String name, int fips, int snats, int dnats, int spareEips, long seed) {
    return start(version, name, fips, snats, dnats, spareEips, seed, TwinSettings.defaults().timeScale().factor());
  }

  /** With upstream delays multiplied by {@code timeScale} instead of the default. */
  static TwinScenario start(String version, String name, int fips, int snats, int dnats, int spareEips, long seed,
      double timeScale) {
    TwinTarget twin = TwinTarget.open(TwinSettings.from(new TargetSettings(Map.of("kubeovn.version", version,
        "chaos.twin.seed", Long.toString(seed), TwinSettings.TIME_SCALE, Double.toString(timeScale)))));
    try {
      TopologySpec spec = TopologySpec.of(name, twin.gatewayNodes()).withRules(fips, snats, dnats)
          .withSpareEips(spareEips);
      TopologyProvisioner provisioner = new TopologyProvisioner(twin.client(), NS,
          new TopologyTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(30),
              Duration.ofMillis(20), Duration.ofMillis(100)));
      return new TwinScenario(twin, provisioner.provision(spec, twin.externalNetwork()));
    } catch (RuntimeException e) {
      twin.close();
      throw e;
    }
  }

  String gateway() {
    return topology.gateway();
  }

  String podName() {
    return KubeOvn.gatewayPodName(gateway());
  }

  Pod pod() {
    return client.pods().inNamespace(NS).withName(podName()).get();
  }

  List<NatResourceState> states() {
    List<NatResourceState> states = new ArrayList<>();
    client.resources(IptablesEip.class).list().getItems().forEach(e -> states.add(NatResourceState.of(e)));
    client.resources(IptablesFipRule.class).list().getItems().forEach(e -> states.add(NatResourceState.of(e)));
    client.resources(IptablesSnatRule.class).list().getItems().forEach(e -> states.add(NatResourceState.of(e)));
    client.resources(IptablesDnatRule.class).list().getItems().forEach(e -> states.add(NatResourceState.of(e)));
    return states;
  }

  GatewaySnapshot snapshot() {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .until(() -> probe.snapshot(gateway()), java.util.Optional::isPresent).orElseThrow();
  }

  /** S1–S4 on the current CR states against the gateway as it is now (no grace). */
  List<Finding> findings() {
    GatewaySnapshot snapshot = snapshot();
    return SafetyCheck.evaluate(snapshot, NatResources.of(states()));
  }

  /** Writes the twin's diagnostics under target/scenario-diagnostics/<name> and returns the controller log tail. */
  String diagnostics(String name) {
    java.nio.file.Path dir = java.nio.file.Path.of("target", "scenario-diagnostics", name);
    twin.collectDiagnostics(dir);
    List<String> log = twin.controllerLog();
    return dir.toAbsolutePath() + "\n" + String.join("\n", log.subList(Math.max(0, log.size() - 60), log.size()));
  }

  @Override
  public void close() {
    twin.close();
  }
}

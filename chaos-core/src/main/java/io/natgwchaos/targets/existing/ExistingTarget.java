package io.natgwchaos.targets.existing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.natgwchaos.gateway.KubernetesPodExecutor;
import io.natgwchaos.gateway.PodExecutor;
import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.ClusterDiagnostics;
import io.natgwchaos.targets.ExternalNetwork;
import io.natgwchaos.targets.TargetCapability;
import io.natgwchaos.targets.TargetSettings;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current kubeconfig context, already running Kube-OVN with the NAT gateway. Nothing is installed or
 * reconfigured; destructive faults (deleting gateway pods, cordoning nodes) are refused unless the context is
 * named in {@code -Dchaos.allowContext}.
 */
public final class ExistingTarget implements ChaosTarget {
  private static final Logger LOG = LoggerFactory.getLogger(ExistingTarget.class);

  private final KubernetesClient client;
  private final String context;
  private final ExistingSettings settings;
  private final ExistingClusterCheck.Findings findings;

  private ExistingTarget(KubernetesClient client, String context, ExistingSettings settings,
      ExistingClusterCheck.Findings findings) {
    this.client = client;
    this.context = context;
    this.settings = settings;
    this.findings = findings;
  }

  /**
   * Checks the cluster, read-only, and connects.
   *
   * @throws io.natgwchaos.targets.TargetUnavailableException listing everything that is missing
   */
  public static ExistingTarget connect(KubernetesClient client, String context, TargetSettings properties) {
    ExistingSettings settings = ExistingSettings.from(properties);
    ExistingClusterCheck.Findings findings = ExistingClusterCheck.verify(client, context, settings);
    ExistingTarget target = new ExistingTarget(client, context, settings, findings);
    LOG.info("existing target: context {}, Kube-OVN {} in {}, external network {} {}, gateway nodes {},"
            + " destructive faults {}", context, findings.kubeOvnVersion(), findings.controllerNamespace(),
        findings.network().name(), findings.network().cidr(), findings.gatewayNodes(),
        target.destructiveAllowed() ? "allowed" : "refused");
    return target;
  }

  public String context() {
    return context;
  }

  /** Where kube-ovn-controller, and so every gateway pod, runs. */
  @Override
  public String controllerNamespace() {
    return findings.controllerNamespace();
  }

  private boolean destructiveAllowed() {
    return settings.allowContext().map(context::equals).orElse(false);
  }

  @Override
  public String name() {
    return "existing";
  }

  @Override
  public String kubeOvnVersion() {
    return findings.kubeOvnVersion();
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public PodExecutor podExecutor() {
    return new KubernetesPodExecutor(client);
  }

  @Override
  public ExternalNetwork externalNetwork() {
    return findings.network();
  }

  @Override
  public List<String> gatewayNodes() {
    return findings.gatewayNodes();
  }

  @Override
  public Set<TargetCapability> capabilities() {
    return destructiveAllowed() ? EnumSet.of(TargetCapability.DESTRUCTIVE_FAULTS)
        : EnumSet.noneOf(TargetCapability.class);
  }

  @Override
  public void requireCapability(TargetCapability capability) {
    if (capability == TargetCapability.DESTRUCTIVE_FAULTS && !destructiveAllowed()) {
      String how = "To allow them on this cluster, pass -D" + ExistingSettings.ALLOW_CONTEXT + "=" + context;
      throw new UnsupportedOperationException("destructive faults are refused on context '" + context
          + "' (they delete gateway pods and cordon nodes of that cluster). "
          + settings.allowContext().map(other -> "-D" + ExistingSettings.ALLOW_CONTEXT + "=" + other
              + " does not match the current context '" + context + "'. ").orElse("") + how);
    }
    ChaosTarget.super.requireCapability(capability);
  }

  @Override
  public void collectDiagnostics(Path directory) {
    ClusterDiagnostics.collect(client, findings.controllerNamespace(), directory);
  }

  @Override
  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("target", "existing");
    environment.put("context", context);
    environment.put("kubeovn.version", findings.kubeOvnVersion());
    environment.put("kubeovn.namespace", findings.controllerNamespace());
    environment.put("gateway.image", findings.gatewayImage());
    try {
      environment.put("kubernetes.version", client.getKubernetesVersion().getGitVersion());
    } catch (RuntimeException e) {
      environment.put("kubernetes.version", "unknown (" + e.getMessage() + ")");
    }
    environment.put("externalNetwork", findings.network().name() + " " + findings.network().cidr());
    environment.put("destructiveFaults", destructiveAllowed() ? "allowed" : "refused");
    return environment;
  }

  /** Closes the client only: this target created nothing. */
  @Override
  public void close() {
    client.close();
  }
}

package io.natgwchaos.targets.existing;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.ChaosTargetProvider;
import io.natgwchaos.targets.TargetSettings;
import io.natgwchaos.targets.TargetUnavailableException;

/** {@code chaos.target=existing}: the current kubeconfig context. */
public final class ExistingTargetProvider implements ChaosTargetProvider {
  private static final int CHECK_TIMEOUT_MILLIS = 10_000;

  @Override
  public String name() {
    return "existing";
  }

  @Override
  public ChaosTarget open(TargetSettings settings) {
    Config config = Config.autoConfigure(null);
    String context = currentContext(config);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    try {
      return ExistingTarget.connect(client, context, settings);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  @Override
  public void checkPrerequisites(TargetSettings settings) {
    Config config = Config.autoConfigure(null);
    String context = currentContext(config);
    config.setRequestTimeout(CHECK_TIMEOUT_MILLIS);
    config.setConnectionTimeout(CHECK_TIMEOUT_MILLIS);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      client.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      throw new TargetUnavailableException("An existing cluster is required for -Dchaos.target=existing, but context '"
          + context + "' (" + config.getMasterUrl() + ") does not answer: " + e.getMessage());
    }
  }

  private static String currentContext(Config config) {
    NamedContext context = config.getCurrentContext();
    if (context == null) {
      throw new TargetUnavailableException("An existing cluster is required for -Dchaos.target=existing, but there is"
          + " no current kubeconfig context (KUBECONFIG or ~/.kube/config): select one with"
          + " `kubectl config use-context <name>`");
    }
    return context.getName();
  }
}

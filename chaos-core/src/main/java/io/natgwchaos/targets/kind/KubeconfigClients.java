package io.natgwchaos.targets.kind;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes an API client from a kubeconfig file (the run's own, never the user's). */
@FunctionalInterface
public interface KubeconfigClients {
  KubernetesClient connect(Path kubeconfig);

  static KubeconfigClients fromFiles() {
    return kubeconfig -> {
      try {
        Config config = Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8));
        return new KubernetesClientBuilder().withConfig(config).build();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
      }
    };
  }
}

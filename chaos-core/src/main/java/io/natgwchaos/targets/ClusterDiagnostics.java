package io.natgwchaos.targets;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.kubeovn.Vpc;
import io.natgwchaos.kubeovn.VpcNatGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What explains a failure on any real cluster, read through the API: kube-ovn-controller logs, events,
 * the NAT resources and gateway pods. Best effort: a part that cannot be read is noted in
 * {@code diagnostics-errors.txt} and never hides the failure being diagnosed.
 */
public final class ClusterDiagnostics {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterDiagnostics.class);

  private ClusterDiagnostics() {}

  public static void collect(KubernetesClient client, String controllerNamespace, Path directory) {
    List<String> errors = new ArrayList<>();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      LOG.warn("cannot create diagnostics directory {}: {}", directory, e.getMessage());
      return;
    }
    List<Pod> controllers = attempt(errors, "list kube-ovn-controller pods", () -> client.pods()
        .inNamespace(controllerNamespace).withLabel("app", "kube-ovn-controller").list().getItems(), List.of());
    for (Pod pod : controllers) {
      String name = pod.getMetadata().getName();
      attempt(errors, "log of " + name, () -> write(directory.resolve(name + ".log"),
          client.pods().inNamespace(controllerNamespace).withName(name).getLog()), null);
    }
    attempt(errors, "events", () -> write(directory.resolve("events.yaml"),
        client.getKubernetesSerialization().asYaml(client.v1().events().inAnyNamespace().list())), null);
    attempt(errors, "gateway pods", () -> write(directory.resolve("gateway-pods.yaml"),
        client.getKubernetesSerialization().asYaml(client.pods().inAnyNamespace()
            .withLabel(KubeOvn.Labels.GATEWAY_POD, "true").list())), null);
    StringBuilder resources = new StringBuilder();
    for (Class<? extends HasMetadata> type : List.of(VpcNatGateway.class, IptablesEip.class, IptablesFipRule.class,
        IptablesSnatRule.class, IptablesDnatRule.class, Vpc.class, Subnet.class)) {
      attempt(errors, HasMetadata.getKind(type) + " list", () -> {
        KubernetesResourceList<?> list = client.resources(type).list();
        resources.append("# ").append(HasMetadata.getKind(type)).append('\n')
            .append(client.getKubernetesSerialization().asYaml(list)).append('\n');
        return null;
      }, null);
    }
    attempt(errors, "write nat-resources.yaml", () -> write(directory.resolve("nat-resources.yaml"),
        resources.toString()), null);
    if (!errors.isEmpty()) {
      attempt(List.of(), "write errors", () -> write(directory.resolve("diagnostics-errors.txt"),
          String.join("\n", errors) + "\n"), null);
    }
  }

  private static Void write(Path file, String text) throws IOException {
    Files.writeString(file, text == null ? "" : text, StandardCharsets.UTF_8);
    return null;
  }

  private interface Part<T> {
    T get() throws Exception;
  }

  private static <T> T attempt(List<String> errors, String what, Part<T> part, T fallback) {
    try {
      return part.get();
    } catch (Exception e) {
      String line = what + ": " + e.getMessage();
      LOG.warn("diagnostics: {}", line);
      try {
        errors.add(line);
      } catch (UnsupportedOperationException ignored) {
        // errors of writing the error file itself are only logged
      }
      return fallback;
    }
  }
}

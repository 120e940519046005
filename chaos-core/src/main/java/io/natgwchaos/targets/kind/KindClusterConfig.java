package io.natgwchaos.targets.kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders the kind cluster config of kind-configs ({@code kind-cluster.yaml.tmpl}) for one run. */
public final class KindClusterConfig {
  static final String TEMPLATE = "kind-cluster.yaml.tmpl";

  private KindClusterConfig() {}

  public static String render(KindSettings settings) {
    KubeOvnInstallProfile profile = settings.profile();
    List<Map<String, Object>> workers = new ArrayList<>();
    for (int i = 0; i < profile.workers(); i++) {
      workers.add(Map.of());
    }
    return Template.load(TEMPLATE).render(Map.of(
        "clusterName", settings.clusterName(),
        "kubeOvnVersion", profile.version(),
        "line", profile.line(),
        "kubeProxyMode", profile.kubeProxyMode(),
        "podSubnet", profile.podSubnet(),
        "serviceSubnet", profile.serviceSubnet(),
        "nodeImage", profile.kindNodeImage(),
        "admissionPatch", profile.admissionPatch(),
        "workers", workers));
  }

  /** Worker node names as kind derives them: {@code <c>-worker}, {@code <c>-worker2}, … */
  public static List<String> workerNodes(KindSettings settings) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= settings.profile().workers(); i++) {
      names.add(settings.clusterName() + "-worker" + (i == 1 ? "" : String.valueOf(i)));
    }
    return names;
  }
}

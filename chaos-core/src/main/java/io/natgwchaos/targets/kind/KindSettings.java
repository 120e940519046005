package io.natgwchaos.targets.kind;

import io.natgwchaos.targets.RunIds;
import io.natgwchaos.targets.TargetSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the kind target needs to know before it runs a command, from {@code chaos.*} and
 * {@code kubeovn.*} properties and the version's install profile.
 *
 * @param clusterName kind cluster, always starting with {@value #NAME_PREFIX}
 * @param networkName external docker network, {@code <clusterName>-ext}
 * @param workspace the run's directory: kubeconfig, rendered configs, downloaded scripts, diagnostics
 * @param helmChart chart used when {@code installMethod} is helm
 * @param reuse use an existing cluster of that name if there is one, and keep it afterwards
 * @param keep never delete the cluster and network
 * @param keepOnFailure keep them when the run was marked failed
 * @param loadImages pull and {@code kind load} the images before installing (instead of letting nodes pull)
 */
public record KindSettings(String runId, String clusterName, String networkName, Path workspace,
    KubeOvnInstallProfile profile, InstallMethod installMethod, HelmChart helmChart, boolean reuse,
    boolean keep, boolean keepOnFailure, boolean loadImages, KindTimeouts timeouts) {

  public static final String NAME_PREFIX = "natgw-chaos-";
  /** Label on every docker network this framework creates; the cleanup finds networks by it. */
  public static final String MANAGED_LABEL = "io.natgwchaos.managed";
  public static final String RUN_LABEL = "io.natgwchaos.run";

  public static final String CLUSTER_NAME = "chaos.kind.clusterName";
  public static final String NODE_IMAGE = "chaos.kind.nodeImage";
  public static final String WORKERS = "chaos.kind.workers";
  public static final String KUBE_PROXY_MODE = "chaos.kind.kubeProxyMode";
  public static final String MULTUS_VERSION = "chaos.kind.multusVersion";
  public static final String IMAGE_TAG = "chaos.kind.kubeOvnImageTag";
  public static final String INSTALL_SCRIPT_REF = "chaos.kind.installScriptRef";
  public static final String INSTALL_METHOD = "chaos.kind.installMethod";
  public static final String HELM_CHART = "chaos.kind.helmChart";
  public static final String REUSE = "chaos.kind.reuse";
  public static final String KEEP = "chaos.kind.keep";
  public static final String KEEP_ON_FAILURE = "chaos.kind.keepOnFailure";
  public static final String LOAD_IMAGES = "chaos.kind.loadImages";
  public static final String WORKSPACE = "chaos.workspace";
  public static final String PLAN = "chaos.plan";

  public KindSettings {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(networkName, "networkName");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(installMethod, "installMethod");
    Objects.requireNonNull(timeouts, "timeouts");
  }

  public static KindSettings from(TargetSettings settings, Clock clock) {
    String version = settings.kubeOvnVersion().orElseThrow(() -> new IllegalArgumentException(
        "the kind target needs -D" + TargetSettings.KUBE_OVN_VERSION + "=<release tag or master>, e.g. v1.13.4"));
    Map<String, String> overrides = new LinkedHashMap<>();
    settings.get(NODE_IMAGE).ifPresent(v -> overrides.put("kindNodeImage", v));
    settings.get(WORKERS).ifPresent(v -> overrides.put("workers", String.valueOf(settings.getInt(WORKERS, 2))));
    settings.get(KUBE_PROXY_MODE).ifPresent(v -> overrides.put("kubeProxyMode", v));
    settings.get(MULTUS_VERSION).ifPresent(v -> overrides.put("multusVersion", v));
    settings.get(IMAGE_TAG).ifPresent(v -> overrides.put("imageTag", v));
    settings.get(INSTALL_SCRIPT_REF).ifPresent(v -> overrides.put("ref", v));
    KubeOvnInstallProfile profile = KubeOvnInstallProfile.forVersion(version, overrides);
    if (profile.workers() < 1) {
      throw new IllegalArgumentException("property " + WORKERS + "=" + profile.workers()
          + " leaves no node for the gateway: use 1 or more (2, the default, lets the gateway be rescheduled)");
    }
    if (!profile.kubeProxyMode().equals("ipvs") && !profile.kubeProxyMode().equals("iptables")) {
      throw new IllegalArgumentException("property " + KUBE_PROXY_MODE + "='" + profile.kubeProxyMode()
          + "' is not supported: expected ipvs (upstream CI) or iptables (hosts without ip_vs modules)");
    }

    String runId = RunIds.from(settings, clock);
    boolean reuse = settings.getBoolean(REUSE, false);
    String defaultName = reuse
        ? NAME_PREFIX + "reuse-" + profile.version().replace('.', '-')
        : NAME_PREFIX + runId;
    String clusterName = settings.get(CLUSTER_NAME).orElse(defaultName);
    if (!clusterName.startsWith(NAME_PREFIX) || !clusterName.matches("[a-z0-9][a-z0-9.-]*")) {
      throw new IllegalArgumentException("property " + CLUSTER_NAME + "='" + clusterName + "' must start with '"
          + NAME_PREFIX + "' and use only a-z, 0-9, '.' and '-', so the cleanup can find what this framework made");
    }

    InstallMethod method = InstallMethod.parse(settings.get(INSTALL_METHOD, "script"));
    HelmChart chart = null;
    if (method == InstallMethod.HELM) {
      if (profile.helmCharts().isEmpty()) {
        throw new IllegalArgumentException("Kube-OVN " + profile.version() + " (line " + profile.line()
            + ") has no published helm chart; use " + INSTALL_METHOD + "=script");
      }
      String chartName = settings.get(HELM_CHART, profile.helmCharts().get(0).name());
      chart = profile.helmChart(chartName).orElseThrow(() -> new IllegalArgumentException("property " + HELM_CHART
          + "='" + chartName + "' is not a chart of line " + profile.line() + ": expected one of "
          + String.join(", ", profile.helmCharts().stream().map(HelmChart::name).toList())));
    }

    Path workspace = settings.get(WORKSPACE).map(Path::of)
        .orElse(Path.of("target", "natgw-chaos", runId)).toAbsolutePath().normalize();
    return new KindSettings(runId, clusterName, clusterName + "-ext", workspace, profile, method, chart, reuse,
        settings.getBoolean(KEEP, false), settings.getBoolean(KEEP_ON_FAILURE, false),
        settings.getBoolean(LOAD_IMAGES, true), KindTimeouts.from(settings));
  }

  /** {@code kind-<cluster>}, the kubeconfig context kind writes. */
  public String contextName() {
    return "kind-" + clusterName;
  }

  public Path kubeconfig() {
    return workspace.resolve("kubeconfig");
  }

  public Path diagnostics() {
    return workspace.resolve("diagnostics");
  }

  /** Node containers as kind names them: control plane first, then workers in order. */
  public String controlPlaneNode() {
    return clusterName + "-control-plane";
  }
}

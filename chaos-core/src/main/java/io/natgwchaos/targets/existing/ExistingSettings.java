package io.natgwchaos.targets.existing;

import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.targets.TargetSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Properties of the existing target. The external network is the platform's: named here, read from the
 * cluster, never created.
 *
 * @param externalCidr expected CIDR of the external Subnet, checked against the cluster when given
 * @param gatewayNodes nodes the gateway may use; empty means every schedulable worker
 * @param kubeOvnNamespace where kube-ovn-controller runs; empty means find it by its {@code app} label
 * @param allowContext the context destructive faults are allowed on ({@code -Dchaos.allowContext})
 */
public record ExistingSettings(String externalNetwork, String externalNetworkNamespace, Optional<String> externalCidr,
    Optional<String> externalGateway, List<String> gatewayNodes, Optional<String> kubeOvnNamespace,
    Optional<String> allowContext, Optional<String> expectedVersion) {

  public static final String EXTERNAL_NETWORK = "chaos.existing.externalNetwork";
  public static final String EXTERNAL_NETWORK_NAMESPACE = "chaos.existing.externalNetworkNamespace";
  public static final String EXTERNAL_CIDR = "chaos.existing.externalCidr";
  public static final String EXTERNAL_GATEWAY = "chaos.existing.externalGateway";
  public static final String GATEWAY_NODES = "chaos.existing.gatewayNodes";
  public static final String KUBE_OVN_NAMESPACE = "chaos.existing.kubeOvnNamespace";
  public static final String ALLOW_CONTEXT = "chaos.allowContext";

  public ExistingSettings {
    gatewayNodes = List.copyOf(gatewayNodes);
  }

  public static ExistingSettings from(TargetSettings settings) {
    List<String> nodes = settings.get(GATEWAY_NODES)
        .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
    return new ExistingSettings(settings.get(EXTERNAL_NETWORK, KubeOvn.DEFAULT_EXTERNAL_NETWORK),
        settings.get(EXTERNAL_NETWORK_NAMESPACE, KubeOvn.CONTROLLER_NAMESPACE), settings.get(EXTERNAL_CIDR),
        settings.get(EXTERNAL_GATEWAY), nodes, settings.get(KUBE_OVN_NAMESPACE), settings.get(ALLOW_CONTEXT),
        settings.kubeOvnVersion());
  }
}

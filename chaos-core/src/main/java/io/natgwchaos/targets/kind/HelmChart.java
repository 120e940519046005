package io.natgwchaos.targets.kind;

import java.util.Objects;

/**
 * A Kube-OVN helm chart and the value keys that switch the NAT gateway on, set the CNI config priority
 * and pin the image tag (they differ between chart {@code kube-ovn} and {@code kube-ovn-v2}).
 */
public record HelmChart(String name, String natGatewayKey, String cniPriorityKey, String imageTagKey) {
  public HelmChart {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(natGatewayKey, "natGatewayKey");
    Objects.requireNonNull(cniPriorityKey, "cniPriorityKey");
    Objects.requireNonNull(imageTagKey, "imageTagKey");
  }
}

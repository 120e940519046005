package io.natgwchaos.history;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.natgwchaos.kubeovn.KubeOvn;
import java.util.Map;
import java.util.Objects;

/**
 * A gateway pod as an informer saw it.
 *
 * @param gateway the VpcNatGateway it serves (from its {@code ovn.kubernetes.io/vpc_nat_gw} annotation or name)
 * @param name pod name, {@code vpc-nat-gw-<gateway>-0}
 * @param uid pod uid: changes when the StatefulSet re-creates the pod
 * @param node node it is bound to, or null while pending
 * @param phase pod phase
 * @param initialised {@code ovn.kubernetes.io/vpc_nat_gw_init == "true"}
 * @param restartCount restarts of container {@code vpc-nat-gw}
 * @param terminating deletionTimestamp is set
 * @param createdAt {@code metadata.creationTimestamp} as the API server printed it (RFC 3339, seconds):
 *     Kube-OVN derives the redo stamp from it
 */
public record GatewayPodState(String gateway, String name, String uid, String node, String phase,
    boolean initialised, int restartCount, boolean terminating, String createdAt) {

  public GatewayPodState {
    Objects.requireNonNull(name, "name");
  }

  @JsonIgnore
  public boolean isRunning() {
    return "Running".equals(phase) && !terminating;
  }

  /** Reads a gateway pod; the gateway name comes from the pod template annotation or the pod name. */
  public static GatewayPodState of(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? Map.of()
        : pod.getMetadata().getAnnotations();
    String gateway = annotations.get(KubeOvn.Annotations.GATEWAY_NAME);
    String name = pod.getMetadata().getName();
    if (gateway == null) {
      String prefix = KubeOvn.GATEWAY_NAME_PREFIX + "-";
      gateway = name.startsWith(prefix) && name.endsWith("-0")
          ? name.substring(prefix.length(), name.length() - 2) : name;
    }
    int restarts = 0;
    String phase = null;
    if (pod.getStatus() != null) {
      phase = pod.getStatus().getPhase();
      if (pod.getStatus().getContainerStatuses() != null) {
        for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
          if (KubeOvn.GATEWAY_CONTAINER.equals(status.getName()) && status.getRestartCount() != null) {
            restarts = status.getRestartCount();
          }
        }
      }
    }
    return new GatewayPodState(gateway, name, pod.getMetadata().getUid(),
        pod.getSpec() == null ? null : pod.getSpec().getNodeName(), phase,
        "true".equals(annotations.get(KubeOvn.Annotations.GATEWAY_INIT)), restarts,
        pod.getMetadata().getDeletionTimestamp() != null, pod.getMetadata().getCreationTimestamp());
  }
}

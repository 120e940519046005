package io.natgwchaos.target;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.natgwchaos.gateway.PodExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cluster running Kube-OVN with the VPC NAT gateway feature, ready for experiments: the embedded
 * twin, a kind cluster this framework created, or an existing cluster. One target serves every
 * experiment of a run and is closed at its end; closing removes whatever the target created.
 */
public interface ChaosTarget extends AutoCloseable {

  /** {@code twin}, {@code kind} or {@code existing}. */
  String name();

  /** The Kube-OVN version running: a twin profile name or a release tag. */
  String kubeOvnVersion();

  /** A client with cluster-admin rights on the target. */
  KubernetesClient client();

  /** Exec into pods, as the probe needs. */
  PodExecutor podExecutor();

  /** The external network EIPs are allocated from; it exists once the target is open. */
  ExternalNetwork externalNetwork();

  /** Nodes a gateway may be placed on (schedulable workers), in a stable order. */
  List<String> gatewayNodes();

  /** What this target can do beyond the Kubernetes API. */
  Set<TargetCapability> capabilities();

  /**
   * Restarts container {@code container} of a pod in place: same pod, same uid, restart count + 1,
   * everything the container held in memory or in its network namespace state lost.
   *
   * @throws UnsupportedOperationException when {@link TargetCapability#RESTART_CONTAINER_IN_PLACE} is missing
   */
  default void restartContainer(String namespace, String pod, String container) {
    throw new UnsupportedOperationException(name() + " target cannot restart a container in place");
  }

  /**
   * Node-level actions (stop, pause) on the container or machine behind a node.
   *
   * @throws UnsupportedOperationException when the target has no such control
   */
  default NodeControl nodeControl() {
    throw new UnsupportedOperationException(name() + " target has no control over node machines");
  }

  /** Writes what explains a failure (controller logs, events, kind logs) into {@code directory}. */
  void collectDiagnostics(Path directory);

  /** Facts for reports: versions of Kubernetes, kind, the target's settings. */
  Map<String, String> environment();

  /** Removes what this target created; must be safe to call twice. */
  @Override
  void close();
}

package io.natgwchaos.targets;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.natgwchaos.gateway.PodExecutor;
import io.natgwchaos.kubeovn.KubeOvn;
import java.nio.file.Path;
import java.time.Duration;
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

  /**
   * How fast this target's Kube-OVN runs compared with the real one: 1.0 on real clusters; the twin runs its
   * upstream delays (the 3 s EIP reset, queue back-offs) multiplied by a factor such as 0.05. Experiments write
   * durations (fault offsets and holds, workload duration, settle, grace) in Kube-OVN time, and the engine
   * multiplies them by this factor; workload rates are per Kube-OVN second, so the real rate is
   * {@code rate / timeScale()}. Concurrency (workers) is absolute.
   */
  default double timeScale() {
    return 1.0;
  }

  /**
   * How often the recorder reads each gateway pod (real time): about 1 s on real clusters, where one read is
   * three execs through the API server; tens of milliseconds on the twin.
   */
  default Duration snapshotInterval() {
    return Duration.ofSeconds(1);
  }

  /**
   * The least real grace a safety discrepancy gets on this target, whatever the time scale: on a target that runs
   * faster than real time, watch latency and a probe's execs take real milliseconds that do not shrink with it, so
   * a scaled grace of a few hundred milliseconds would count ordinary catching up as a violation. Zero by default.
   */
  default Duration minimumGrace() {
    return Duration.ZERO;
  }

  /** Namespace of kube-ovn-controller (pods labelled {@code app=kube-ovn-controller}). */
  default String controllerNamespace() {
    return KubeOvn.CONTROLLER_NAMESPACE;
  }

  /** Namespace the gateway pods run in: the controller's before master's {@code spec.namespace}. */
  default String gatewayNamespace() {
    return controllerNamespace();
  }

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
   * Refuses, before any action, a fault that needs a capability this target lacks.
   *
   * @throws UnsupportedOperationException saying what is missing and, where it can be enabled, how
   */
  default void requireCapability(TargetCapability capability) {
    if (!capabilities().contains(capability)) {
      throw new UnsupportedOperationException(name() + " target does not support " + capability);
    }
  }

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

  /**
   * Tells the target the run failed (a verdict or an error), so that on close it keeps evidence: the kind
   * target exports its logs and, with {@code chaos.kind.keepOnFailure}, keeps the cluster.
   */
  default void markRunFailed(String reason) {}

  /** Removes what this target created; must be safe to call twice. */
  @Override
  void close();
}

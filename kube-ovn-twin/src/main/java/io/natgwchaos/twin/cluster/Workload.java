package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.natgwchaos.gateway.ExecResult;
import java.util.List;
import java.util.Optional;

/**
 * What runs in the containers of some pods: the twin's container runtime for them. The kubelet calls it
 * on one thread, in the order things happen to a pod.
 */
public interface Workload {
  /** Whether this workload runs {@code pod}. */
  boolean runs(Pod pod);

  /**
   * Why the pod's sandbox cannot be set up yet (the CNI waiting for its addresses), or empty when it can.
   * Asked again whenever the pod changes.
   */
  default Optional<String> notReady(Pod pod) {
    return Optional.empty();
  }

  /**
   * A container of the pod starts: the first time ({@code restartCount} 0) or again after {@link #killed}.
   *
   * @param died to call when the process dies on its own (a crash): the kubelet restarts it
   */
  void started(Pod pod, String container, int restartCount, Runnable died);

  /** A container was killed; the pod stays and the container will start again. */
  void killed(Pod pod, String container);

  /** The pod is gone for good. */
  void removed(Pod pod);

  /** Runs a command in a running container of the pod. */
  ExecResult exec(Pod pod, String container, List<String> command) throws InterruptedException;
}

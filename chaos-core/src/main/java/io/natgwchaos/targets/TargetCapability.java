package io.natgwchaos.targets;

/** What a target can do beyond the Kubernetes API; faults declare which they need. */
public enum TargetCapability {
  /**
   * Restart a pod's container in a fresh sandbox without re-creating the pod: same uid, restart count
   * + 1, network namespace state lost, as after a node reboot (kind: crictl stopp on the node).
   */
  RESTART_CONTAINER_IN_PLACE,
  /** Stop and start a node's machine or container. */
  STOP_NODE,
  /** Freeze and thaw a node's machine or container. */
  PAUSE_NODE,
  /** Destructive faults are allowed on this target (always on twin and kind; opt-in on existing). */
  DESTRUCTIVE_FAULTS
}

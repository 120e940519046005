package io.natgwchaos.target;

/** What a target can do beyond the Kubernetes API; faults declare which they need. */
public enum TargetCapability {
  /** Restart a container without re-creating its pod (kind: crictl stop on the node). */
  RESTART_CONTAINER_IN_PLACE,
  /** Stop and start a node's machine or container. */
  STOP_NODE,
  /** Freeze and thaw a node's machine or container. */
  PAUSE_NODE,
  /** Destructive faults are allowed on this target (always on twin and kind; opt-in on existing). */
  DESTRUCTIVE_FAULTS
}

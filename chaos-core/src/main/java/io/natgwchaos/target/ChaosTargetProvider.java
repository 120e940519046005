package io.natgwchaos.target;

/**
 * Creates targets of one kind; found with {@link java.util.ServiceLoader}, so a module on the test
 * classpath (like kube-ovn-twin) adds its target without chaos-core knowing it.
 */
public interface ChaosTargetProvider {
  /** The value of {@code chaos.target} that selects this provider. */
  String name();

  /** Starts or connects to a target; slow steps log progress. */
  ChaosTarget open(TargetSettings settings);
}

package io.natgwchaos.targets;

import java.util.List;

/**
 * Creates targets of one kind; found with {@link java.util.ServiceLoader}, so a module on the test
 * classpath (like kube-ovn-twin) adds its target without chaos-core knowing it.
 */
public interface ChaosTargetProvider {
  /** The value of {@code chaos.target} that selects this provider. */
  String name();

  /** Starts or connects to a target; slow steps log progress. */
  ChaosTarget open(TargetSettings settings);

  /**
   * The Kube-OVN versions one run of the suite covers with this target: every experiment runs once per
   * version, on a target opened with {@code kubeovn.version} set to it. By default the one configured
   * version ({@code ""} when none is set: the target picks or detects it); the twin returns its version
   * profiles (narrowed by {@code chaos.twin.versions}) when {@code kubeovn.version} is unset.
   */
  default List<String> versions(TargetSettings settings) {
    return List.of(settings.kubeOvnVersion().orElse(""));
  }

  /**
   * Whether one target per version serves every experiment of the run (true: a kind cluster takes minutes to
   * build), or each experiment invocation gets a target of its own, closed after it (false: no run sees what an
   * earlier run left behind; for targets that open in about a second, like the twin).
   */
  default boolean sharedByExperiments() {
    return true;
  }

  /**
   * A hint, for targets that are not {@link #sharedByExperiments() shared}: the next invocation will probably
   * {@link #open} a target with these settings. A provider may start opening it now, in the background, and hand
   * it out if the settings match; one it hands out nowhere is its to close. Must not throw. Default: ignored.
   */
  default void expectNext(TargetSettings settings) {}

  /**
   * Closes a target this provider opened, once the experiments it served are done (after each invocation for a
   * target that is not {@link #sharedByExperiments() shared}). A provider may close it in the background, but
   * must have closed it before the JVM exits. Default: {@link ChaosTarget#close()} at once.
   */
  default void release(ChaosTarget target) {
    target.close();
  }

  /**
   * Checks within seconds, before anything is built or run, that this machine can host the target.
   *
   * @throws TargetUnavailableException with one message saying what is missing and how to get it
   */
  default void checkPrerequisites(TargetSettings settings) {}
}

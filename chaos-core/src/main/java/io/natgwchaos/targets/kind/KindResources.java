package io.natgwchaos.targets.kind;

/**
 * What this run created outside the JVM and so must remove. Set as soon as creation starts (a timed-out
 * {@code kind create} can leave node containers behind); never set for a cluster or network that existed.
 */
public final class KindResources {
  private volatile boolean clusterCreated;
  private volatile boolean networkCreated;

  public boolean clusterCreated() {
    return clusterCreated;
  }

  public boolean networkCreated() {
    return networkCreated;
  }

  void clusterCreationStarted() {
    clusterCreated = true;
  }

  void networkCreationStarted() {
    networkCreated = true;
  }
}

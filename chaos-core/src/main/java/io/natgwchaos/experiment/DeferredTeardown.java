package io.natgwchaos.experiment;

import io.natgwchaos.targets.ProvisionedTopology;
import java.util.ArrayList;
import java.util.List;

/**
 * Topologies that runs left in place because their target is closed right after them (the twin opens a target for
 * every experiment invocation): closing the target removes them with everything else, so deleting them one stage
 * at a time would only cost time, most of it waiting for finalizers a known bug keeps. A later run given the same
 * holder tears them down before it provisions, so it still starts on a clean target.
 */
public final class DeferredTeardown {
  private final List<ProvisionedTopology> left = new ArrayList<>();

  synchronized void leave(List<ProvisionedTopology> topologies) {
    left.addAll(topologies);
  }

  /** The topologies left so far, in the order they were provisioned; the holder is empty afterwards. */
  synchronized List<ProvisionedTopology> takeAll() {
    List<ProvisionedTopology> all = List.copyOf(left);
    left.clear();
    return all;
  }

  /** Names of the topologies left in place, oldest first. */
  public synchronized List<String> leftTopologies() {
    return left.stream().map(t -> t.spec().name()).toList();
  }
}

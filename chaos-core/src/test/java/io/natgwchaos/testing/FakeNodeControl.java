package io.natgwchaos.testing;

import io.natgwchaos.targets.NodeControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Node control that only remembers which nodes are stopped or paused, and every call. */
public final class FakeNodeControl implements NodeControl {
  private final Set<String> stopped = new TreeSet<>();
  private final Set<String> paused = new TreeSet<>();
  private final List<String> calls = new ArrayList<>();

  @Override
  public synchronized void stop(String node) {
    calls.add("stop " + node);
    stopped.add(node);
  }

  @Override
  public synchronized void start(String node) {
    calls.add("start " + node);
    stopped.remove(node);
  }

  @Override
  public synchronized void pause(String node) {
    calls.add("pause " + node);
    paused.add(node);
  }

  @Override
  public synchronized void unpause(String node) {
    calls.add("unpause " + node);
    paused.remove(node);
  }

  public synchronized Set<String> stopped() {
    return Set.copyOf(stopped);
  }

  public synchronized Set<String> paused() {
    return Set.copyOf(paused);
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }
}

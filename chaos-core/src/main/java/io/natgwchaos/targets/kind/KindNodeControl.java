package io.natgwchaos.targets.kind;

import io.natgwchaos.targets.NodeControl;
import io.natgwchaos.targets.process.CommandFailedException;
import io.natgwchaos.targets.process.ProcessRequest;
import io.natgwchaos.targets.process.ProcessResult;
import io.natgwchaos.targets.process.ProcessRunner;
import java.time.Duration;
import java.util.List;

/**
 * Node faults on kind: each node is a docker container of the same name. Every action is idempotent
 * (stopping a stopped node or unpausing a running one succeeds) and refuses containers that are not nodes of
 * this cluster.
 */
final class KindNodeControl implements NodeControl {
  private final ProcessRunner runner;
  private final List<String> nodes;
  private final Duration timeout;

  KindNodeControl(ProcessRunner runner, List<String> nodes, Duration timeout) {
    this.runner = runner;
    this.nodes = List.copyOf(nodes);
    this.timeout = timeout;
  }

  @Override
  public void stop(String node) {
    docker("stop", node, null);
  }

  @Override
  public void start(String node) {
    docker("start", node, null);
  }

  @Override
  public void pause(String node) {
    docker("pause", node, "is already paused");
  }

  @Override
  public void unpause(String node) {
    docker("unpause", node, "is not paused");
  }

  private void docker(String action, String node, String alreadyDone) {
    if (!nodes.contains(node)) {
      throw new IllegalArgumentException("'" + node + "' is not a node of this kind cluster: " + nodes);
    }
    ProcessRequest request = ProcessRequest.of("docker", action, node).purpose("docker " + action + " node " + node)
        .timeout(timeout);
    ProcessResult result = runner.run(request);
    if (!result.succeeded() && (alreadyDone == null || !result.stderr().contains(alreadyDone))) {
      throw new CommandFailedException(request, result);
    }
  }
}

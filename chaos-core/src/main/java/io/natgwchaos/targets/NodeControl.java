package io.natgwchaos.targets;

/** Node-machine actions, e.g. docker stop/pause of a kind node container. Each must be idempotent. */
public interface NodeControl {
  void stop(String node);

  void start(String node);

  void pause(String node);

  void unpause(String node);
}

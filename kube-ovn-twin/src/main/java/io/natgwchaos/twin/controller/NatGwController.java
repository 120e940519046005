package io.natgwchaos.twin.controller;

/**
 * The modelled kube-ovn-controller process, NAT-gateway part. One instance is one process lifetime:
 * {@link #stop()} is the process dying (queues, pending delayed resets and in-memory state are lost);
 * a restart is a new instance.
 */
public final class NatGwController implements AutoCloseable {
  private final ControllerConfig config;

  public NatGwController(ControllerConfig config) {
    this.config = config;
  }

  /** Starts informers and workers; returns once the informer caches are synced. */
  public void start() {
    // implemented by the controller model
  }

  /** The process dies: workers stop at once, queues and in-memory state are dropped. */
  public void stop() {
    // implemented by the controller model
  }

  @Override
  public void close() {
    stop();
  }

  public ControllerConfig config() {
    return config;
  }
}

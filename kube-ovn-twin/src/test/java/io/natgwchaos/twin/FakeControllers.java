package io.natgwchaos.twin;

import io.natgwchaos.twin.cluster.ControllerFactory;
import io.natgwchaos.twin.cluster.ControllerProcess;
import io.natgwchaos.twin.controller.ControllerConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A controller factory whose processes only record that they ran. */
final class FakeControllers implements ControllerFactory {
  /** One process lifetime. */
  static final class Instance implements ControllerProcess {
    final ControllerConfig config;
    volatile long startedNanos;
    volatile long stoppedNanos;

    Instance(ControllerConfig config) {
      this.config = config;
    }

    @Override
    public void start() {
      startedNanos = System.nanoTime();
    }

    @Override
    public void stop() {
      stoppedNanos = System.nanoTime();
    }

    boolean running() {
      return startedNanos != 0 && stoppedNanos == 0;
    }
  }

  final List<Instance> instances = new CopyOnWriteArrayList<>();

  @Override
  public ControllerProcess create(ControllerConfig config) {
    Instance instance = new Instance(config);
    instances.add(instance);
    return instance;
  }

  Instance last() {
    return instances.get(instances.size() - 1);
  }
}

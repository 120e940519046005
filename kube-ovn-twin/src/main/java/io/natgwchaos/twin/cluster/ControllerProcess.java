package io.natgwchaos.twin.cluster;

import io.natgwchaos.twin.controller.NatGwController;

/**
 * One lifetime of the modelled kube-ovn-controller process: started when its container starts, stopped
 * (the process dies) when the container is killed or the pod deleted. A restart is a new instance.
 */
public interface ControllerProcess {
  /** Starts informers and workers; may block until the caches are synced. */
  void start();

  /** The process dies: must return promptly and leave no thread running. */
  void stop();

  /** What the process logged (errors, requeues), oldest first. */
  default java.util.List<String> log() {
    return java.util.List.of();
  }

  /** Its queues and informers as text, for diagnostics; empty when the process has nothing to show. */
  default String state() {
    return "";
  }

  /** The controller model as a process. */
  static ControllerProcess of(NatGwController controller) {
    return new ControllerProcess() {
      @Override
      public void start() {
        controller.start();
      }

      @Override
      public void stop() {
        controller.stop();
      }

      @Override
      public java.util.List<String> log() {
        return controller.recentLog();
      }

      @Override
      public String state() {
        return controller.describeState();
      }

      @Override
      public String toString() {
        return "NatGwController@" + Integer.toHexString(System.identityHashCode(controller));
      }
    };
  }
}

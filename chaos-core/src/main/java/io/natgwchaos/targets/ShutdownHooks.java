package io.natgwchaos.targets;

/** Where a target registers the teardown that must run if the JVM exits before {@code close()}. */
public interface ShutdownHooks {
  void register(Thread hook);

  /** Removes a registered hook; false when it is not registered or the JVM is already shutting down. */
  boolean remove(Thread hook);

  /** The JVM's own hooks. */
  static ShutdownHooks jvm() {
    return new ShutdownHooks() {
      @Override
      public void register(Thread hook) {
        Runtime.getRuntime().addShutdownHook(hook);
      }

      @Override
      public boolean remove(Thread hook) {
        try {
          return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          return false;
        }
      }
    };
  }
}

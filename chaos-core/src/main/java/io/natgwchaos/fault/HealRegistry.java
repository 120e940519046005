package io.natgwchaos.fault;

import io.natgwchaos.targets.ShutdownHooks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults that are injected and not yet healed, across every experiment of the JVM, with one shutdown hook
 * that heals them if the JVM exits first (Ctrl-C, a killed Surefire fork, {@code System.exit}).
 */
public final class HealRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(HealRegistry.class);
  private static final HealRegistry JVM = new HealRegistry(ShutdownHooks.jvm());

  private final ShutdownHooks hooks;
  private final Set<ActiveFault> active = new LinkedHashSet<>();
  private Thread hook;

  public HealRegistry(ShutdownHooks hooks) {
    this.hooks = hooks;
  }

  /** The registry whose hook is a JVM shutdown hook. */
  public static HealRegistry jvm() {
    return JVM;
  }

  synchronized void register(ActiveFault fault) {
    active.add(fault);
    if (hook == null) {
      hook = new Thread(this::healAllOnExit, "natgw-chaos-heal-on-exit");
      hooks.register(hook);
    }
  }

  synchronized void unregister(ActiveFault fault) {
    active.remove(fault);
  }

  /** Faults registered and not yet healed. */
  public synchronized List<ActiveFault> active() {
    return List.copyOf(active);
  }

  /** What the shutdown hook does; visible so tests can run it without exiting. */
  public void healAllOnExit() {
    List<ActiveFault> pending;
    synchronized (this) {
      pending = new ArrayList<>(active);
    }
    for (ActiveFault fault : pending) {
      LOG.warn("healing {} before the JVM exits: {}", fault.name(), fault.detail());
      try {
        fault.heal();
      } catch (RuntimeException e) {
        LOG.error("could not heal {} ({}): {}", fault.name(), fault.detail(), e.getMessage());
      }
    }
  }
}

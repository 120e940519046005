package io.natgwchaos.targets.kind;

import io.natgwchaos.targets.ShutdownHooks;
import java.util.ArrayList;
import java.util.List;

/** Shutdown hooks that are only remembered, so a test can run one as the JVM would. */
final class RecordingShutdownHooks implements ShutdownHooks {
  final List<Thread> registered = new ArrayList<>();
  final List<Thread> removed = new ArrayList<>();

  @Override
  public synchronized void register(Thread hook) {
    registered.add(hook);
  }

  @Override
  public synchronized boolean remove(Thread hook) {
    removed.add(hook);
    return registered.remove(hook);
  }
}

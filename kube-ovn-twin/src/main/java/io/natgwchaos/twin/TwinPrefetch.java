package io.natgwchaos.twin;

import io.natgwchaos.targets.TargetSettings;
import io.natgwchaos.twin.cluster.DaemonThreads;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most one twin opened ahead of time, for the settings the next experiment invocation is expected to ask for.
 * Every invocation gets a fresh twin, and opening one takes most of a second of the API server and informers
 * starting: opened while the current invocation provisions its topology (mostly waiting for the modelled
 * controller's delays), that second is no longer spent in series. A twin asked for with other settings is closed
 * unused; one left at the end of the JVM is closed by a shutdown hook. The seed of a twin is a setting, so a twin
 * opened early is the same twin as one opened on demand.
 */
final class TwinPrefetch {
  private static final Logger LOG = LoggerFactory.getLogger(TwinPrefetch.class);
  private static final ExecutorService OPENER = Executors.newSingleThreadExecutor(DaemonThreads.named("twin-prefetch"));
  private static Expected expected;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TwinPrefetch::discard, "twin-prefetch-discard"));
  }

  private record Expected(TargetSettings settings, CompletableFuture<TwinTarget> twin) {}

  private TwinPrefetch() {}

  /** Starts opening a twin for {@code settings} in the background, replacing (and closing) any other one. */
  static void expect(TargetSettings settings, Supplier<TwinTarget> opener) {
    Expected previous;
    synchronized (TwinPrefetch.class) {
      if (expected != null && expected.settings.equals(settings)) {
        return;
      }
      previous = expected;
      expected = new Expected(settings, CompletableFuture.supplyAsync(opener, OPENER));
    }
    closeWhenOpen(previous);
  }

  /**
   * The twin opened ahead for exactly these settings, once it is open; empty when none was expected, another one
   * was (it is closed), or opening it failed (the caller opens one itself and meets the failure first hand).
   */
  static Optional<TwinTarget> take(TargetSettings settings) {
    Expected taken;
    synchronized (TwinPrefetch.class) {
      taken = expected;
      expected = null;
    }
    if (taken == null) {
      return Optional.empty();
    }
    if (!taken.settings.equals(settings)) {
      closeWhenOpen(taken);
      return Optional.empty();
    }
    try {
      return Optional.of(taken.twin.join());
    } catch (CompletionException e) {
      LOG.warn("a twin opened ahead failed ({}); opening one now", e.getCause().toString());
      return Optional.empty();
    }
  }

  /** Closes the twin opened ahead, if any (after it finished opening). */
  static void discard() {
    Expected taken;
    synchronized (TwinPrefetch.class) {
      taken = expected;
      expected = null;
    }
    if (taken != null) {
      taken.twin.thenAccept(TwinTarget::close).exceptionally(e -> null).join();
    }
  }

  private static void closeWhenOpen(Expected unused) {
    if (unused != null) {
      unused.twin.thenAccept(TwinCloser::closeLater);
    }
  }
}

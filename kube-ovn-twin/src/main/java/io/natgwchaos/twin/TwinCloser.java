package io.natgwchaos.twin;

import io.natgwchaos.twin.cluster.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes twins one after another on a background thread, so the next experiment invocation need not wait the
 * ~100 ms a close takes (most of it the mock server's shutdown). Whatever is still to close when the JVM exits is
 * closed by a shutdown hook before it goes ({@link #drain}).
 */
final class TwinCloser {
  private static final Logger LOG = LoggerFactory.getLogger(TwinCloser.class);
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);
  private static final ExecutorService CLOSER = Executors.newSingleThreadExecutor(DaemonThreads.named("twin-close"));

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> drain(DRAIN_LIMIT), "twin-close-drain"));
  }

  private TwinCloser() {}

  /** Closes {@code twin} in the background; at once when the closer is already draining. */
  static void closeLater(AutoCloseable twin) {
    try {
      CLOSER.execute(() -> close(twin));
    } catch (RejectedExecutionException e) {
      close(twin);
    }
  }

  /**
   * Closes what is queued, then stops taking more (later ones close on the caller's thread).
   *
   * @return whether everything queued was closed within {@code limit}
   */
  static boolean drain(Duration limit) {
    CLOSER.shutdown();
    try {
      return CLOSER.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void close(AutoCloseable twin) {
    try {
      twin.close();
    } catch (Exception e) {
      LOG.warn("closing a twin failed: {}", e.toString());
    }
  }
}

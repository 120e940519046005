package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.lang.reflect.Field;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mock's CRUD store, with three changes:
 *
 * <ul>
 *   <li>a write made through {@link #withCreationTimestamp} may set {@code metadata.creationTimestamp}, which the
 *       store otherwise always keeps from the stored object; the twin gives new pods a creation time from its own
 *       clock;
 *   <li>a change reaches every open watch even while another watch is closing. fabric8's store sends a change to
 *       its watches in one loop; a watch whose connection is closing has shut its sender down but stays registered
 *       until that sender drains, and the loop throws on it: every watch after it loses the event and the write
 *       gets no response, so its client waits for its request timeout. A controller restart closes a dozen watches
 *       just before the new process opens its own, so the new process missed objects created at that moment and
 *       never programmed them. Here a watch that refuses an event is skipped and the loop goes on;
 *   <li>a closing watch does not block the server. fabric8 reports a watch's close on the server's event loop, and
 *       the watch then waits for its sender to drain; a send in progress waits for the same event loop to write the
 *       frame, so the loop stays blocked until the send gives up 30 s later, and every connection served by that
 *       loop hangs meanwhile (a restarted controller's first list of EIPs never returned, and the process gave up
 *       after 30 s without a controller). Here the close is reported on a thread of its own.
 * </ul>
 */
final class TwinCrudDispatcher extends KubernetesCrudDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(TwinCrudDispatcher.class);
  /** fabric8's private field holding the registered watches; the loop over it is the one made tolerant here. */
  private static final String WATCHES_FIELD = "watchEventListeners";

  private final ThreadLocal<String> creationTimestamp = new ThreadLocal<>();

  TwinCrudDispatcher() {
    try {
      Field watches = KubernetesCrudDispatcher.class.getDeclaredField(WATCHES_FIELD);
      watches.setAccessible(true);
      watches.set(this, new EveryWatchGetsTheEvent<>());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot install the twin's watch fan-out: fabric8's KubernetesCrudDispatcher."
          + WATCHES_FIELD + " (a Set of watches, fabric8 8.0) is missing or not writable", e);
    }
  }

  /** The set of watches, whose {@code forEach} (the store's fan-out loop) skips a watch that refuses the event. */
  private static final class EveryWatchGetsTheEvent<E> extends CopyOnWriteArraySet<E> {
    @Override
    public void forEach(Consumer<? super E> action) {
      super.forEach(watch -> {
        try {
          action.accept(watch);
        } catch (RejectedExecutionException e) {
          LOG.debug("a closing watch refused an event; the other watches still get it");
        }
      });
    }
  }

  private static final ExecutorService CLOSERS = Executors.newCachedThreadPool(DaemonThreads.named("twin-watch-close"));

  /** fabric8's watch, told of its close (and failure) off the server's event loop. */
  @Override
  public MockResponse handleWatch(String path) {
    MockResponse response = super.handleWatch(path);
    WebSocketListener watch = response.getWebSocketListener();
    return watch == null ? response : response.withWebSocketUpgrade(new WatchClosedOffEventLoop(watch, CLOSERS));
  }

  <T> T withCreationTimestamp(String timestamp, Supplier<T> write) {
    creationTimestamp.set(timestamp);
    try {
      return write.get();
    } finally {
      creationTimestamp.remove();
    }
  }

  @Override
  public void preserveMetadata(JsonNode current, JsonNode updated) {
    super.preserveMetadata(current, updated);
    String timestamp = creationTimestamp.get();
    if (timestamp != null && updated.get("metadata") instanceof ObjectNode metadata) {
      metadata.put("creationTimestamp", timestamp);
    }
  }
}

package io.natgwchaos.twin.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The mock store fans every change out to its watches in one loop. A watch whose connection is closing has shut its
 * sender down but is still registered until that sender drains; fabric8's loop then throws on it, and every watch
 * after it in the loop loses the event (and the write that caused it never gets a response).
 */
class TwinCrudDispatcherTest {
  private static final String WATCH = "/api/v1/namespaces/twin/configmaps?watch=true";
  private static final String COLLECTION = "/api/v1/namespaces/twin/configmaps";

  @Test
  void aWatchThatIsClosingDoesNotCostTheOtherWatchesTheirEvents() throws Exception {
    TwinCrudDispatcher store = new TwinCrudDispatcher();
    WebSocketListener closing = store.handleWatch(WATCH).getWebSocketListener();
    WebSocketListener healthy = store.handleWatch(WATCH).getWebSocketListener();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch sending = new CountDownLatch(1);
    RecordingSocket stuck = new RecordingSocket(() -> {
      sending.countDown();
      await(release);
    });
    RecordingSocket receiver = new RecordingSocket(() -> { });
    closing.onOpen(stuck, null);
    healthy.onOpen(receiver, null);

    write(store, "first");
    assertThat(sending.await(5, TimeUnit.SECONDS)).as("the closing watch is busy sending").isTrue();
    new Thread(() -> closing.onClosed(stuck, 1000, "client went away"), "event-loop").start();
    Thread closer = closingWatchThread();
    awaitState(closer, Thread.State.TIMED_WAITING);

    try {
      assertThatCode(() -> write(store, "second")).as("a write while another watch closes").doesNotThrowAnyException();
      awaitMessages(receiver, 2);
      assertThat(receiver.messages).hasSize(2);
      assertThat(receiver.messages.get(1)).contains("\"second\"").contains("ADDED");
    } finally {
      release.countDown();
      closer.join(5000);
    }
  }

  @Test
  void aWatchClosingWhileItsSenderWaitsDoesNotHoldTheThreadThatReportsTheClose() throws Exception {
    TwinCrudDispatcher store = new TwinCrudDispatcher();
    WebSocketListener closing = store.handleWatch(WATCH).getWebSocketListener();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch sending = new CountDownLatch(1);
    RecordingSocket stuck = new RecordingSocket(() -> {
      sending.countDown();
      await(release); // a send from outside the event loop waits for the event loop to write the frame
    });
    closing.onOpen(stuck, null);
    write(store, "first");
    assertThat(sending.await(5, TimeUnit.SECONDS)).as("the watch is busy sending").isTrue();

    try {
      long start = System.nanoTime();
      closing.onClosed(stuck, 1000, "client went away"); // on the event loop, in the server
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("ms the event loop was held")
          .isLessThan(1000);
    } finally {
      release.countDown();
    }
  }

  private static void write(TwinCrudDispatcher store, String name) {
    String json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"twin\",\"resourceVersion\":\"" + store.requestResourceVersion() + "\"}}";
    store.processEvent(COLLECTION, store.getKey(COLLECTION), null, null, json);
  }

  /** The thread on which the watch handles its close, waiting for its sender to drain. */
  private static Thread closingWatchThread() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      for (java.util.Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
        if (java.util.Arrays.stream(t.getValue()).anyMatch(e -> e.getMethodName().equals("onClosed")
            && e.getClassName().endsWith("WatchEventsListener"))) {
          return t.getKey();
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no thread handles the watch's close");
  }

  private static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (thread.getState() != state && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(thread.getState()).as("the closing watch waits for its sender to drain").isEqualTo(state);
  }

  private static void awaitMessages(RecordingSocket socket, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (socket.messages.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A websocket that records what it is sent; {@code onSend} runs on the sender's thread before recording. */
  private static final class RecordingSocket implements WebSocket {
    final List<String> messages = new CopyOnWriteArrayList<>();
    private final Runnable onSend;

    RecordingSocket(Runnable onSend) {
      this.onSend = onSend;
    }

    @Override
    public RecordedRequest request() {
      return null;
    }

    @Override
    public boolean send(String text) {
      onSend.run();
      messages.add(text);
      return true;
    }

    @Override
    public boolean send(byte[] bytes) {
      return send(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public boolean close(int code, String reason) {
      return true;
    }
  }
}

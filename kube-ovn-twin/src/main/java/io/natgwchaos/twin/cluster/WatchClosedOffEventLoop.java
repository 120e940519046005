package io.natgwchaos.twin.cluster;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A mock-server watch, told of its close and failure on another thread. fabric8's watch listener shuts its sender
 * down and waits for it in {@code onClosed}/{@code onFailure}, which the server calls on its event loop, while that
 * sender may be inside a send waiting for the same event loop to write: every connection on the loop then stalls
 * until the send gives up (30 s). Every other callback is passed on as it comes.
 */
final class WatchClosedOffEventLoop extends WebSocketListener {
  private final WebSocketListener watch;
  private final Executor offload;

  /** @param offload runs the close callbacks; one that refuses (shut down) makes them run on the caller */
  WatchClosedOffEventLoop(WebSocketListener watch, Executor offload) {
    this.watch = watch;
    this.offload = offload;
  }

  @Override
  public void onBeforeAccept(WebSocket webSocket, Response response) {
    watch.onBeforeAccept(webSocket, response);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    watch.onOpen(webSocket, response);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    watch.onMessage(webSocket, text);
  }

  @Override
  @SuppressWarnings("deprecation")
  public void onMessage(WebSocket webSocket, ByteString bytes) {
    watch.onMessage(webSocket, bytes);
  }

  @Override
  public void onMessage(WebSocket webSocket, byte[] bytes) {
    watch.onMessage(webSocket, bytes);
  }

  @Override
  public void onPing(WebSocket webSocket, byte[] bytes) {
    watch.onPing(webSocket, bytes);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    watch.onClosing(webSocket, code, reason);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    offload(() -> watch.onClosed(webSocket, code, reason));
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
    offload(() -> watch.onFailure(webSocket, failure, response));
  }

  private void offload(Runnable callback) {
    try {
      offload.execute(callback);
    } catch (RejectedExecutionException e) {
      callback.run();
    }
  }
}

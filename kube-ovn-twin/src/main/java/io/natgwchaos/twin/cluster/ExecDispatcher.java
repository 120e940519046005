package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import io.natgwchaos.gateway.ExecResult;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mock server's dispatcher: answers {@code GET .../pods/{pod}/exec} through an {@link ExecHandler}
 * over a WebSocket with the {@code v4.channel.k8s.io} protocol (each binary message starts with its
 * channel: 1 stdout, 2 stderr, 3 the status JSON), and hands every other request to the CRUD store
 * (recorded expectations still win, as in the mock's own mixed mode), writes through
 * {@link WriteSemantics}.
 */
final class ExecDispatcher extends Dispatcher implements Resetable, CustomResourceAware {
  private static final Logger LOG = LoggerFactory.getLogger(ExecDispatcher.class);
  private static final Pattern EXEC_PATH =
      Pattern.compile("^/api/v1/namespaces/([^/?]+)/pods/([^/?]+)/exec(?:\\?(.*))?$");
  private static final byte STDOUT = 1;
  private static final byte STDERR = 2;
  private static final byte STATUS = 3;
  /** kubelet streams output in pieces too; one huge frame works but costs a copy of the whole dump. */
  private static final int CHUNK_BYTES = 32 * 1024;
  /** How long a finished exec waits for the client to close before closing itself. */
  private static final Duration CLIENT_CLOSE_GRACE = Duration.ofSeconds(30);

  private final Map<ServerRequest, Queue<ServerResponse>> expectations;
  /** Serves requests that match a test's expectation; everything else goes to {@link #crud}. */
  private final KubernetesMixedDispatcher expected;
  private final TwinCrudDispatcher crud = new TwinCrudDispatcher();
  /** Also the lock that serialises writes: a rewritten patch is computed against the stored object. */
  private final WriteSemantics writeSemantics;
  private final ExecHandler handler;
  private final Runnable afterDispatch;
  private final ExecutorService workers = Executors.newCachedThreadPool(DaemonThreads.named("twin-exec"));
  private final ScheduledThreadPoolExecutor timer = closeTimer();
  private final KubernetesSerialization json = new KubernetesSerialization();
  private final AtomicLong execs = new AtomicLong();

  /** {@code afterDispatch} runs once per request, after its response is decided. */
  ExecDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations, ExecHandler handler,
      Runnable afterDispatch, java.time.Clock clock) {
    this.expectations = expectations;
    this.expected = new KubernetesMixedDispatcher(expectations);
    this.writeSemantics = new WriteSemantics(crud, clock);
    this.handler = handler;
    this.afterDispatch = afterDispatch;
  }

  private static ScheduledThreadPoolExecutor closeTimer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("twin-exec-timer"));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  long execCount() {
    return execs.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      return route(request);
    } finally {
      afterDispatch.run();
    }
  }

  private MockResponse route(RecordedRequest request) {
    if (request.method() == HttpMethod.GET) {
      Matcher exec = EXEC_PATH.matcher(request.getPath());
      if (exec.matches() && !hasExpectation(request)) {
        return exec(request, exec);
      }
    }
    if (hasExpectation(request)) {
      return expected.dispatch(request);
    }
    MockResponse response;
    if (request.method() == HttpMethod.GET) {
      response = crud.dispatch(request);
    } else {
      synchronized (writeSemantics) {
        response = writeSemantics.afterWrite(request, crud.dispatch(writeSemantics.rewrite(request)));
      }
    }
    if (response.getWebSocketListener() != null) {
      response.withWebSocketUpgrade(new WatchClosedOffEventLoop(response.getWebSocketListener(), workers));
    }
    return response;
  }

  private boolean hasExpectation(RecordedRequest request) {
    Queue<ServerResponse> queue = expectations.get(new SimpleRequest(request.method(), request.getPath()));
    return queue != null && !queue.isEmpty();
  }

  private MockResponse exec(RecordedRequest request, Matcher path) {
    ExecRequest call = parse(decode(path.group(1)), decode(path.group(2)), path.group(3));
    String upgrade = request.getHeader("Upgrade");
    if (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
      return reject(ExecRejection.badRequest("Upgrade request required"));
    }
    Optional<ExecRejection> rejection;
    try {
      rejection = handler.admit(call);
    } catch (RuntimeException e) {
      LOG.warn("exec admission failed for {}", call, e);
      rejection = Optional.of(new ExecRejection(500, "InternalError", "exec admission failed: " + e));
    }
    if (rejection.isPresent()) {
      return reject(rejection.get());
    }
    execs.incrementAndGet();
    return new MockResponse().setResponseCode(101).withWebSocketUpgrade(new ExecSession(call));
  }

  private static ExecRequest parse(String namespace, String pod, String query) {
    List<String> command = new ArrayList<>();
    String container = "";
    boolean stdout = false;
    boolean stderr = false;
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        switch (key) {
          case "command" -> command.add(value);
          case "container" -> container = value;
          case "stdout" -> stdout = Boolean.parseBoolean(value);
          case "stderr" -> stderr = Boolean.parseBoolean(value);
          default -> { }
        }
      }
    }
    return new ExecRequest(namespace, pod, container, command, stdout, stderr);
  }

  private static String decode(String text) {
    // fabric8 percent-encodes spaces and '+' in query values, so a form decoder is exact here
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private MockResponse reject(ExecRejection rejection) {
    Status status = new StatusBuilder().withApiVersion("v1").withKind("Status").withNewMetadata().endMetadata()
        .withStatus("Failure").withMessage(rejection.message()).withReason(rejection.reason())
        .withCode(rejection.code()).build();
    return new MockResponse().setResponseCode(rejection.code()).setHeader("Content-Type", "application/json")
        .setBody(json.asJson(status));
  }

  /** The status a real API server sends on channel 3 for an exit code. */
  private static Status exitStatus(int exitCode, List<String> command) {
    if (exitCode == 0) {
      return new StatusBuilder().withNewMetadata().endMetadata().withStatus("Success").build();
    }
    return new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure")
        .withMessage("command terminated with non-zero exit code: error executing command " + command
            + ", exit code " + exitCode)
        .withReason("NonZeroExitCode")
        .withNewDetails().addNewCause().withReason("ExitCode").withMessage(Integer.toString(exitCode)).endCause()
        .endDetails()
        .build();
  }

  private final class ExecSession extends WebSocketListener {
    private final ExecRequest call;
    private final AtomicBoolean clientClosed = new AtomicBoolean();
    private volatile ScheduledFuture<?> fallbackClose;

    ExecSession(ExecRequest call) {
      this.call = call;
    }

    @Override
    public void onOpen(WebSocket socket, Response response) {
      // the command may take seconds and send() blocks until written: neither may happen on the event loop
      try {
        workers.execute(() -> run(socket));
      } catch (RejectedExecutionException e) {
        socket.close(1001, "server shutting down");
      }
    }

    @Override
    public void onClosing(WebSocket socket, int code, String reason) {
      markClientClosed();
      socket.close(code, reason);
    }

    @Override
    public void onClosed(WebSocket socket, int code, String reason) {
      markClientClosed();
    }

    @Override
    public void onFailure(WebSocket socket, Throwable error, Response response) {
      markClientClosed();
    }

    private void run(WebSocket socket) {
      Status status;
      try {
        ExecResult result = handler.run(call);
        if (call.stdout()) {
          send(socket, STDOUT, result.stdout());
        }
        if (call.stderr()) {
          send(socket, STDERR, result.stderr());
        }
        status = exitStatus(result.exitCode(), call.command());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        socket.close(1001, "server shutting down");
        return;
      } catch (RuntimeException e) {
        LOG.warn("exec handler failed for {}", call, e);
        status = new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure")
            .withReason("InternalError").withMessage("twin exec failed: " + e).build();
      }
      byte[] statusJson = json.asJson(status).getBytes(StandardCharsets.UTF_8);
      sendFrame(socket, STATUS, statusJson, 0, statusJson.length);
      // The client closes as soon as it has read the status; closing first races fabric8's Vert.x client,
      // which may not have registered its close handler yet and then never completes the exit code.
      try {
        ScheduledFuture<?> closer = timer.schedule(() -> {
          if (!clientClosed.get()) {
            socket.close(1000, "");
          }
        }, CLIENT_CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        fallbackClose = closer;
        if (clientClosed.get()) {
          closer.cancel(false);
        }
      } catch (RejectedExecutionException e) {
        socket.close(1000, "");
      }
    }

    private void markClientClosed() {
      clientClosed.set(true);
      ScheduledFuture<?> closer = fallbackClose;
      if (closer != null) {
        closer.cancel(false);
      }
    }

    private void send(WebSocket socket, byte channel, String text) {
      if (text == null || text.isEmpty()) {
        return;
      }
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      for (int offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
        sendFrame(socket, channel, bytes, offset, Math.min(CHUNK_BYTES, bytes.length - offset));
      }
    }

    private void sendFrame(WebSocket socket, byte channel, byte[] bytes, int offset, int length) {
      byte[] frame = new byte[length + 1];
      frame[0] = channel;
      System.arraycopy(bytes, offset, frame, 1, length);
      socket.send(frame);
    }
  }

  @Override
  public void shutdown() {
    crud.shutdown();
    expected.shutdown();
  }

  @Override
  public void releaseResources() {
    crud.releaseResources();
    expected.releaseResources();
    timer.shutdownNow();
    workers.shutdownNow();
  }

  /** Waits for the exec and close-offload threads to end; call after {@link #releaseResources()}. */
  void awaitTermination(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    workers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    timer.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  @Override
  public void reset() {
    crud.reset();
    expected.reset();
  }

  @Override
  public void expectCustomResource(CustomResourceDefinitionContext context) {
    crud.expectCustomResource(context);
    expected.expectCustomResource(context);
  }
}

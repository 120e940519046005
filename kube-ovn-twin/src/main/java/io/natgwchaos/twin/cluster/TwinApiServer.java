package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.KubeOvnCrds;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twin's API server: fabric8's mock server in CRUD mode over plain HTTP on the loopback address,
 * with the Kube-OVN CRDs registered (so status is a subresource), namespaces {@code kube-system} and
 * {@code default}, and pod exec answered by an {@link ExecHandler}. Every component gets its own client
 * from {@link #newClient(String)}; all clients share one Vert.x instance, closed with the server.
 */
public final class TwinApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TwinApiServer.class);
  // MockWebServer logs every request at INFO through java.util.logging; JUL holds loggers weakly, so
  // the level only sticks while something references the logger
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
  }

  private final MockWebServer http;
  private final KubernetesMockServer server;
  private final ExecDispatcher dispatcher;
  private final Vertx vertx;
  private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();
  private final KubernetesClient admin;
  private volatile boolean closed;

  private TwinApiServer(ExecHandler execHandler, Clock clock) {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new ConcurrentHashMap<>();
    http = new MockWebServer();
    dispatcher = new ExecDispatcher(expectations, execHandler, this::forgetRecordedRequest, clock);
    server = new KubernetesMockServer(new Context(), http, expectations, dispatcher, false);
    // fabric8 deserialises watch events on the event loop; a cold JVM builds Jackson deserializers for the
    // model classes there, which takes seconds on a loaded machine: no reason for a blocked-thread warning
    vertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true)
        .setMaxEventLoopExecuteTime(30).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS)
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
            .setClassPathResolvingEnabled(false)));
    server.init(InetAddress.getLoopbackAddress(), 0);
    admin = newClient("admin");
  }

  /** Starts the server and registers what every twin cluster has: CRDs with status and the namespaces. */
  public static TwinApiServer start(ExecHandler execHandler) {
    return start(execHandler, Clock.systemUTC());
  }

  /** As {@link #start(ExecHandler)}, stamping new pods' creation time from {@code clock}. */
  public static TwinApiServer start(ExecHandler execHandler, Clock clock) {
    TwinApiServer api = new TwinApiServer(execHandler, clock);
    try {
      KubeOvnCrds.all().forEach(crd -> api.admin.apiextensions().v1().customResourceDefinitions().resource(crd)
          .create());
      for (String namespace : List.of(KubeOvn.CONTROLLER_NAMESPACE, "default")) {
        api.admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
            .withNewStatus().withPhase("Active").endStatus().build()).create();
      }
      LOG.debug("twin API server at {}", api.url());
      return api;
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
  }

  /** The server's base URL, {@code http://127.0.0.1:<port>/}. */
  public String url() {
    return server.url("/");
  }

  /**
   * The HTTP client of every twin client. fabric8's Vert.x 5 client now and then leaves a request on a
   * connection the server already dropped until its 30 s timeout (kube-ovn-twin saw it on about one in
   * twenty-five experiment runs); the JDK client does not, as long as it never upgrades a reused connection
   * to a WebSocket ({@link FreshWebSocketConnections}).
   */
  private static final io.fabric8.kubernetes.client.http.HttpClient.Factory CLIENT_FACTORY =
      new FreshWebSocketConnections();

  /**
   * A new client for one component (controller, simulator, probe, workload): its own connections and
   * informers, namespace {@code default}, never reading a kubeconfig. Closed with the server.
   */
  public KubernetesClient newClient(String component) {
    if (closed) {
      throw new IllegalStateException("twin API server is closed");
    }
    KubernetesClient client = client(url(), component);
    clients.add(client);
    return client;
  }

  /** A twin client of the API server at {@code url}. */
  static KubernetesClient client(String url, String component) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withNamespace("default")
        .withTrustCerts(true)
        .withUserAgent("natgw-chaos-twin/" + component)
        .withRequestTimeout((int) Duration.ofSeconds(30).toMillis())
        .withConnectionTimeout((int) Duration.ofSeconds(10).toMillis())
        // the JDK client offers an h2c upgrade on each new plain-HTTP connection; now and then the mock's Vert.x
        // server answered it with HTTP/1 bytes ("Frame type(125) ... exceeds MAX_FRAME_SIZE"), the request failed
        // for good, and a restarted controller's EIP informer stopped before its first list
        .withHttp2Disable(true)
        .build();
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(CLIENT_FACTORY).build();
  }

  /** A client for set-up and diagnostics. */
  public KubernetesClient adminClient() {
    return admin;
  }

  /** Exec requests upgraded so far (not counting rejected ones). */
  public long execCount() {
    return dispatcher.execCount();
  }

  /**
   * MockWebServer keeps every request for {@code takeRequest()}; a run makes millions of them, so each
   * one is dropped as soon as it has been dispatched.
   */
  private void forgetRecordedRequest() {
    try {
      http.takeRequest(0, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes every client, the server and its threads; safe to call twice. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (KubernetesClient client : clients) {
      try {
        client.close();
      } catch (RuntimeException e) {
        LOG.debug("closing a twin client failed", e);
      }
    }
    server.destroy();
    dispatcher.releaseResources();
    try {
      dispatcher.awaitTermination(Duration.ofSeconds(5));
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("closing the twin's Vert.x instance failed", e);
    }
  }
}

package io.natgwchaos.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.KubeOvnCrds;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * A fabric8 mock API server in CRUD mode over plain HTTP with the Kube-OVN CRDs (status subresource), the
 * namespaces and a few nodes: the cluster the engine's tests and benchmark run against. Recorded requests are
 * dropped as they are served, so long runs do not accumulate them.
 */
public final class MockCluster implements AutoCloseable {
  private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  public static final List<String> WORKERS = List.of("kind-worker", "kind-worker2");

  private final MockWebServer http = new MockWebServer();
  private final KubernetesMockServer server;
  private final List<KubernetesClient> clients = new ArrayList<>();
  private final KubernetesClient admin;

  private MockCluster() {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new ConcurrentHashMap<>();
    KubernetesMixedDispatcher dispatcher = new KubernetesMixedDispatcher(expectations) {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        try {
          return super.dispatch(request);
        } finally {
          forget();
        }
      }
    };
    server = new KubernetesMockServer(new Context(), http, expectations, dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    admin = newClient(30_000);
  }

  /** A cluster with CRDs, kube-system and default, a control plane and {@link #WORKERS}. */
  public static MockCluster start() {
    MockCluster cluster = new MockCluster();
    KubernetesClient client = cluster.admin;
    KubeOvnCrds.all().forEach(crd -> client.apiextensions().v1().customResourceDefinitions().resource(crd).create());
    for (String namespace : List.of(KubeOvn.CONTROLLER_NAMESPACE, "default")) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    }
    cluster.createNode("kind-control-plane");
    WORKERS.forEach(cluster::createNode);
    return cluster;
  }

  public void createNode(String name) {
    admin.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
        .withLabels(new HashMap<>(Map.of("kubernetes.io/hostname", name))).endMetadata().withNewSpec().endSpec()
        .build()).create();
  }

  public KubernetesClient client() {
    return admin;
  }

  public KubernetesMockServer server() {
    return server;
  }

  /** A client of its own (own connections), closed with the cluster. */
  public synchronized KubernetesClient newClient(int requestTimeoutMillis) {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.url("/")).withNamespace("default")
        .withRequestTimeout(requestTimeoutMillis).withConnectionTimeout(10_000).build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    clients.add(client);
    return client;
  }

  private void forget() {
    try {
      http.takeRequest(0, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    clients.forEach(KubernetesClient::close);
    server.destroy();
  }
}

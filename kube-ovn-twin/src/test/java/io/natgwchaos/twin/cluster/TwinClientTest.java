package io.natgwchaos.twin.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A twin client speaks plain HTTP/1.1: an h2c upgrade offered to the mock's server was now and then answered with
 * HTTP/1 bytes the client read as an HTTP/2 frame, and the request failed for good.
 */
class TwinClientTest {
  @Test
  void aTwinClientDoesNotOfferAnHttp2Upgrade() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<List<String>> headers = CompletableFuture.supplyAsync(() -> firstRequest(server));
      try (KubernetesClient client = TwinApiServer.client("http://127.0.0.1:" + server.getLocalPort() + "/", "test")) {
        client.namespaces().withName("default").get();
      }

      assertThat(headers.get(10, TimeUnit.SECONDS)).first().asString().startsWith("GET /api/v1/namespaces/default");
      assertThat(headers.get()).noneMatch(h -> h.toLowerCase().startsWith("upgrade:"))
          .noneMatch(h -> h.toLowerCase().startsWith("http2-settings:"));
    }
  }

  /** Reads the first request's head and answers 404. */
  private static List<String> firstRequest(ServerSocket server) {
    try (Socket socket = server.accept()) {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      List<String> head = new ArrayList<>();
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        head.add(line);
      }
      OutputStream out = socket.getOutputStream();
      out.write("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return head;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package io.natgwchaos.twin.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FreshWebSocketConnectionsTest {
  private ConnectionCountingServer server;

  @BeforeEach
  void start() throws IOException {
    server = new ConnectionCountingServer();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void aWebSocketAfterAPlainRequestGetsAConnectionOfItsOwn() throws Exception {
    HttpClient client = new FreshWebSocketConnections().createNewHttpClientBuilder()
        .version(HttpClient.Version.HTTP_1_1).build();

    plainThenWebSocket(client);

    assertThat(server.requests()).containsExactly("connection 1: GET /plain", "connection 2: GET /ws");
  }

  @Test
  void theStockJdkClientUpgradesThePooledConnection() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    plainThenWebSocket(client);

    assertThat(server.requests()).containsExactly("connection 1: GET /plain", "connection 1: GET /ws");
  }

  @Test
  void plainRequestsStillShareAConnection() throws Exception {
    HttpClient client = new FreshWebSocketConnections().createNewHttpClientBuilder()
        .version(HttpClient.Version.HTTP_1_1).build();

    for (int i = 0; i < 3; i++) {
      client.send(HttpRequest.newBuilder(server.uri("http", "/plain")).build(), HttpResponse.BodyHandlers.ofString());
    }

    assertThat(server.requests()).containsOnly("connection 1: GET /plain").hasSize(3);
  }

  private void plainThenWebSocket(HttpClient client) throws Exception {
    HttpResponse<String> plain = client.send(HttpRequest.newBuilder(server.uri("http", "/plain")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(plain.body()).isEqualTo("ok");
    // the JDK returns a connection to its pool just after the response completes
    TimeUnit.MILLISECONDS.sleep(200);
    WebSocket webSocket = client.newWebSocketBuilder().buildAsync(server.uri("ws", "/ws"), new WebSocket.Listener() {})
        .get(5, TimeUnit.SECONDS);
    webSocket.abort();
  }

  /** HTTP/1.1 with keep-alive and WebSocket upgrades, recording which accepted connection carried each request. */
  private static final class ConnectionCountingServer implements AutoCloseable {
    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    ConnectionCountingServer() throws IOException {
      Thread acceptor = new Thread(this::accept, "test-http-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URI uri(String scheme, String path) {
      return URI.create(scheme + "://127.0.0.1:" + socket.getLocalPort() + path);
    }

    List<String> requests() {
      return List.copyOf(requests);
    }

    private void accept() {
      try {
        while (true) {
          Socket connection = socket.accept();
          connections.add(connection);
          int number = connections.size();
          Thread serve = new Thread(() -> serve(connection, number), "test-http-connection-" + number);
          serve.setDaemon(true);
          serve.start();
        }
      } catch (IOException closed) {
        // the server socket was closed
      }
    }

    private void serve(Socket connection, int number) {
      try (connection) {
        BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
            StandardCharsets.ISO_8859_1));
        OutputStream out = connection.getOutputStream();
        String requestLine;
        while ((requestLine = in.readLine()) != null) {
          String key = null;
          for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            if (header.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
              key = header.substring(header.indexOf(':') + 1).trim();
            }
          }
          String[] parts = requestLine.split(" ");
          requests.add("connection " + number + ": " + parts[0] + " " + parts[1]);
          if (key != null) {
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            while (connection.getInputStream().read() >= 0) {
              // hold the WebSocket open until the client goes
            }
            return;
          }
          out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"
              .getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        }
      } catch (IOException closed) {
        // the client or the test closed the connection
      }
    }

    private static String accept(String key) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-1")
            .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(digest);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket connection : connections) {
        connection.close();
      }
    }
  }
}

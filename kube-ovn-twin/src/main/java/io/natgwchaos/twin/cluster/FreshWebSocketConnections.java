package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * fabric8's JDK HTTP client factory, except that WebSockets (exec, watches) are opened by a second JDK client
 * that never sends a plain request, so each upgrade gets a new connection.
 *
 * <p>The JDK client upgrades to a WebSocket on an idle keep-alive connection from its pool when it has one, and
 * on such a reused connection it now and then loses bytes that arrive while it hands the connection over: a
 * packet capture of a hung exec showed the mock server's 101, a 2471-byte stdout frame and the status frame all
 * on the wire, while the client held the first ~1650 bytes of the stdout message followed by the status frame's
 * header read as payload, and waited for the rest forever (about one exec in 10,000-100,000, on JDK 17 and 25).
 * Every hung exec seen was on a connection that had carried plain GETs first.
 */
final class FreshWebSocketConnections extends JdkHttpClientFactory {

  @Override
  protected HttpClient.Builder createNewHttpClientBuilder() {
    return new SplitBuilder(super.createNewHttpClientBuilder(), HttpClient.newBuilder());
  }

  /** Applies every setting to both builders; the WebSocket client shares the plain client's executor. */
  private static final class SplitBuilder implements HttpClient.Builder {
    private final HttpClient.Builder plain;
    private final HttpClient.Builder webSockets;

    SplitBuilder(HttpClient.Builder plain, HttpClient.Builder webSockets) {
      this.plain = plain;
      this.webSockets = webSockets;
    }

    private SplitBuilder both(Consumer<HttpClient.Builder> setting) {
      setting.accept(plain);
      setting.accept(webSockets);
      return this;
    }

    @Override
    public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
      return both(b -> b.cookieHandler(cookieHandler));
    }

    @Override
    public HttpClient.Builder connectTimeout(Duration duration) {
      return both(b -> b.connectTimeout(duration));
    }

    @Override
    public HttpClient.Builder sslContext(SSLContext sslContext) {
      return both(b -> b.sslContext(sslContext));
    }

    @Override
    public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
      return both(b -> b.sslParameters(sslParameters));
    }

    @Override
    public HttpClient.Builder executor(Executor executor) {
      return both(b -> b.executor(executor));
    }

    @Override
    public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
      return both(b -> b.followRedirects(policy));
    }

    @Override
    public HttpClient.Builder version(HttpClient.Version version) {
      return both(b -> b.version(version));
    }

    @Override
    public HttpClient.Builder priority(int priority) {
      return both(b -> b.priority(priority));
    }

    @Override
    public HttpClient.Builder proxy(ProxySelector proxySelector) {
      return both(b -> b.proxy(proxySelector));
    }

    @Override
    public HttpClient.Builder authenticator(Authenticator authenticator) {
      return both(b -> b.authenticator(authenticator));
    }

    @Override
    public HttpClient build() {
      HttpClient plainClient = plain.build();
      // fabric8 shuts the executor it set down when the client closes: both clients must run on it
      plainClient.executor().ifPresent(webSockets::executor);
      return new SplitClient(plainClient, webSockets.build());
    }
  }

  /** Plain requests on one JDK client, WebSockets on the other. */
  private static final class SplitClient extends HttpClient {
    private final HttpClient plain;
    private final HttpClient webSockets;

    SplitClient(HttpClient plain, HttpClient webSockets) {
      this.plain = plain;
      this.webSockets = webSockets;
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
      return webSockets.newWebSocketBuilder();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
        throws IOException, InterruptedException {
      return plain.send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
        HttpResponse.BodyHandler<T> handler) {
      return plain.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
        HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
      return plain.sendAsync(request, handler, pushPromiseHandler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
      return plain.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
      return plain.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
      return plain.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
      return plain.proxy();
    }

    @Override
    public SSLContext sslContext() {
      return plain.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
      return plain.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
      return plain.authenticator();
    }

    @Override
    public Version version() {
      return plain.version();
    }

    @Override
    public Optional<Executor> executor() {
      return plain.executor();
    }

    @Override
    public String toString() {
      return "plain requests on " + plain + ", WebSockets on " + webSockets;
    }
  }
}

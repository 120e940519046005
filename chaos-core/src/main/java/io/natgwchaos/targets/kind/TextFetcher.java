package io.natgwchaos.targets.kind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Downloads a text file (install.sh, the multus manifest). */
@FunctionalInterface
public interface TextFetcher {
  String fetch(URI uri, Duration timeout);

  /** Plain HTTPS GET following redirects; anything but 200 is an error naming the URL and status. */
  static TextFetcher http() {
    return (uri, timeout) -> {
      HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(timeout).build();
      try {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("GET " + uri + " answered HTTP " + response.statusCode());
        }
        return response.body();
      } catch (IOException e) {
        throw new UncheckedIOException("GET " + uri + " failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("GET " + uri + " interrupted", e);
      }
    };
  }
}

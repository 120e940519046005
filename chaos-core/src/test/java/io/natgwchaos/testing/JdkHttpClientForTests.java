package io.natgwchaos.testing;

import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

/**
 * Makes every fabric8 client in chaos-core's tests use the JDK HTTP client, as the twin's clients do: with the
 * Vert.x 5 client, a request to the mock server now and then hangs until its timeout (an exec that never
 * upgraded, a heal that took tens of seconds). Registered in {@code META-INF/services}; outranks Vert.x (0).
 */
public final class JdkHttpClientForTests extends JdkHttpClientFactory {
  @Override
  public int priority() {
    return 10;
  }
}

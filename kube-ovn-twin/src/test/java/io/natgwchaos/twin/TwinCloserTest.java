package io.natgwchaos.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TwinCloserTest {

  /** One test, since draining stops the JVM-wide closer for good. */
  @Test
  void closesInTheBackgroundAndDrainsWhatIsLeftBeforeTheJvmGoes() throws Exception {
    CountDownLatch mayFinish = new CountDownLatch(1);
    Closeable slow = new Closeable(() -> mayFinish.await(10, TimeUnit.SECONDS));

    TwinCloser.closeLater(slow);

    await().atMost(Duration.ofSeconds(5)).untilTrue(slow.started);
    assertThat(slow.closed).as("closing while the caller went on").isFalse();
    mayFinish.countDown();
    await().atMost(Duration.ofSeconds(5)).untilTrue(slow.closed);

    Closeable first = new Closeable(() -> Thread.sleep(200));
    Closeable second = new Closeable(() -> Thread.sleep(200));
    TwinCloser.closeLater(first);
    TwinCloser.closeLater(second);
    assertThat(TwinCloser.drain(Duration.ofSeconds(5))).isTrue();
    assertThat(first.closed).isTrue();
    assertThat(second.closed).isTrue();

    Closeable afterDrain = new Closeable(() -> { });
    TwinCloser.closeLater(afterDrain);
    assertThat(afterDrain.closed).as("closed on the caller's thread").isTrue();
  }

  private interface Body {
    void run() throws Exception;
  }

  private static final class Closeable implements AutoCloseable {
    final AtomicBoolean started = new AtomicBoolean();
    final AtomicBoolean closed = new AtomicBoolean();
    private final Body body;

    Closeable(Body body) {
      this.body = body;
    }

    @Override
    public void close() throws Exception {
      started.set(true);
      body.run();
      closed.set(true);
    }
  }
}

package io.natgwchaos.twin;

import static io.natgwchaos.twin.GatewayFixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.gateway.GatewayProbe;
import io.natgwchaos.kubeovn.KubeOvn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Prints how fast execs go through the twin's API server into a gateway pod: single commands, script ops
 * and whole probe snapshots. Only sanity is asserted; the numbers depend on the machine's load.
 */
class ExecThroughputTest {
  private static final List<String> SAVE = List.of("iptables-legacy-save", "-t", "nat");

  @Test
  void printsExecRates() throws Exception {
    try (TwinTarget twin = TwinTarget.open(TwinSettings.defaults(), new FakeControllers())) {
      GatewayFixtures.runningGateway(twin.client(), "gw1", "kube-ovn-worker", "172.19.0.10");
      GatewayFixtures.script(twin.podExecutor(), "gw1", "init");
      for (int i = 0; i < 20; i++) {
        GatewayFixtures.script(twin.podExecutor(), "gw1", "dnat-add", "172.19.0.10," + (8000 + i) + ",tcp,10.0.1.3,80");
      }
      GatewayFixtures.markInitialised(twin.client(), "gw1");
      String pod = KubeOvn.gatewayPodName("gw1");
      runSaves(twin, pod, 1, 50); // warm-up

      double single = runSaves(twin, pod, 1, 200);
      double parallel = runSaves(twin, pod, 4, 400);
      long scriptStart = System.nanoTime();
      for (int i = 0; i < 50; i++) {
        GatewayFixtures.script(twin.podExecutor(), "gw1", "floating-ip-add", "172.19.0.20,10.0.1." + (i + 10));
      }
      double scripts = 50 / ((System.nanoTime() - scriptStart) / 1e9);
      GatewayProbe probe = new GatewayProbe(twin.client(), twin.podExecutor(), NS, Duration.ofSeconds(10));
      long probeStart = System.nanoTime();
      for (int i = 0; i < 50; i++) {
        assertThat(probe.snapshot("gw1")).isPresent();
      }
      double snapshots = 50 / ((System.nanoTime() - probeStart) / 1e9);
      System.out.printf("exec into a twin gateway pod: iptables-legacy-save %.0f/s on 1 thread (%.1f ms each),"
          + " %.0f/s on 4 threads; script floating-ip-add %.0f/s; GatewayProbe snapshots %.0f/s (%.1f ms each)%n",
          single, 1000 / single, parallel, scripts, snapshots, 1000 / snapshots);
      assertThat(single).isPositive();
    }
  }

  private static double runSaves(TwinTarget twin, String pod, int threads, int total) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        runs.add(pool.submit(() -> {
          for (int i = 0; i < total / threads; i++) {
            assertThat(twin.podExecutor().exec(NS, pod, KubeOvn.GATEWAY_CONTAINER, SAVE, Duration.ofSeconds(10))
                .stdout()).contains("-A SHARED_DNAT");
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get(120, TimeUnit.SECONDS);
      }
      return total / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }
}

package io.natgwchaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.natgwchaos.history.HistoryLog;
import io.natgwchaos.history.OperationEvent;
import io.natgwchaos.history.OperationPhase;
import io.natgwchaos.kubeovn.NatResourceKind;
import io.natgwchaos.testing.MockCluster;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ok = happened, fail = definitely did not, unknown = may have; one call is one request (no retries). */
class OperationOutcomeTest {
  static final String FIPS = "/apis/kubeovn.io/v1/iptables-fip-rules";
  static final Slot FIP = new Slot(NatResourceKind.FIP, "fip-1", Map.of("eip", "eip-1", "internalIp", "10.0.1.10"),
      Map.of(), true);

  MockCluster cluster;
  KubernetesClient client;
  HistoryLog log;

  @BeforeEach
  void start() {
    cluster = MockCluster.start();
    client = WorkloadRunner.withoutRetries(cluster.newClient(2_000));
    log = new HistoryLog();
  }

  @AfterEach
  void stop() {
    client.close();
    cluster.close();
  }

  OperationEvent run(KubernetesClient with, Operation operation) {
    WorkloadRunner runner = new WorkloadRunner(with, log, WorkloadPlan.of(List.of(), 1, 0, 1), 0, Duration.ZERO);
    runner.execute("worker-0", operation);
    List<OperationEvent> events = log.snapshot().entries(OperationEvent.class).toList();
    OperationEvent invoke = events.get(events.size() - 2);
    OperationEvent done = events.get(events.size() - 1);
    assertThat(invoke.phase()).isEqualTo(OperationPhase.INVOKE);
    assertThat(done.operationId()).isEqualTo(invoke.operationId());
    assertThat(done.action()).isEqualTo(invoke.action());
    assertThat(done.name()).isEqualTo("fip-1");
    return done;
  }

  OperationEvent run(Operation operation) {
    return run(client, operation);
  }

  @Test
  void aCreateOrDeleteThatHappenedIsOk() {
    assertThat(run(Operation.create(FIP)).phase()).isEqualTo(OperationPhase.OK);
    assertThat(run(Operation.delete(FIP)).phase()).isEqualTo(OperationPhase.OK);
    assertThat(log.snapshot().entries(OperationEvent.class).findFirst().orElseThrow().arguments())
        .containsEntry("eip", "eip-1");
  }

  @Test
  void aCreateOfSomethingThatExistsFailsWith409() {
    run(Operation.create(FIP));
    OperationEvent done = run(Operation.create(FIP));
    assertThat(done.phase()).isEqualTo(OperationPhase.FAIL);
    assertThat(done.error()).startsWith("409");
  }

  @Test
  void aDeleteOfNothingFailsWith404() {
    OperationEvent done = run(Operation.delete(FIP));
    assertThat(done.phase()).isEqualTo(OperationPhase.FAIL);
    assertThat(done.error()).startsWith("404");
  }

  @Test
  void anInvalidObjectFailsWith422() {
    cluster.server().expect().post().withPath(FIPS).andReturn(422, status(422, "Invalid")).once();
    OperationEvent done = run(Operation.create(FIP));
    assertThat(done.phase()).isEqualTo(OperationPhase.FAIL);
    assertThat(done.error()).startsWith("422");
  }

  @Test
  void aServerErrorIsUnknownAndIsNotRetried() {
    cluster.server().expect().post().withPath(FIPS).andReturn(500, status(500, "InternalError")).once();
    OperationEvent done = run(Operation.create(FIP));
    assertThat(done.phase()).isEqualTo(OperationPhase.UNKNOWN);
    assertThat(done.error()).startsWith("500");
    // a retry would have reached the CRUD store and created it
    assertThat(cluster.client().resources(NatResourceKind.FIP.type()).withName("fip-1").get()).isNull();
  }

  @Test
  void aDeleteAnsweredWith503IsUnknown() {
    run(Operation.create(FIP));
    cluster.server().expect().delete().withPath(FIPS + "/fip-1").andReturn(503, status(503, "ServiceUnavailable"))
        .once();
    assertThat(run(Operation.delete(FIP)).phase()).isEqualTo(OperationPhase.UNKNOWN);
  }

  @Test
  void aTimeoutIsUnknown() {
    cluster.server().expect().post().delay(3, TimeUnit.SECONDS).withPath(FIPS).andReturn(201, "{}").once();
    KubernetesClient impatient = WorkloadRunner.withoutRetries(cluster.newClient(300));
    try {
      OperationEvent done = run(impatient, Operation.create(FIP));
      assertThat(done.phase()).isEqualTo(OperationPhase.UNKNOWN);
      assertThat(done.error()).containsIgnoringCase("timeout");
    } finally {
      impatient.close();
    }
  }

  @Test
  void aConnectionErrorIsUnknown() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + port + "/")
        .withRequestRetryBackoffLimit(0).withConnectionTimeout(500).withRequestTimeout(500).build();
    try (KubernetesClient nowhere = new KubernetesClientBuilder().withConfig(config).build()) {
      OperationEvent done = run(nowhere, Operation.delete(FIP));
      assertThat(done.phase()).isEqualTo(OperationPhase.UNKNOWN);
      assertThat(done.error()).isNotBlank();
    }
  }

  private static Status status(int code, String reason) {
    return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason)
        .withMessage("simulated " + reason).build();
  }
}

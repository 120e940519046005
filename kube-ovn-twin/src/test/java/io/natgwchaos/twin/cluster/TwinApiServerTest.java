package io.natgwchaos.twin.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.natgwchaos.gateway.ExecResult;
import io.natgwchaos.gateway.KubernetesPodExecutor;
import io.natgwchaos.gateway.PodExecException;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.KubeOvn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwinApiServerTest {
  private static final String NS = KubeOvn.CONTROLLER_NAMESPACE;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<ExecRequest> seen = new CopyOnWriteArrayList<>();
  private volatile ExecHandlerStub behaviour = request -> new ExecResult(0, "ran " + request.command() + "\n", "");
  private TwinApiServer api;
  private KubernetesClient client;
  private KubernetesPodExecutor executor;

  @FunctionalInterface
  interface ExecHandlerStub {
    ExecResult run(ExecRequest request) throws InterruptedException;
  }

  @BeforeEach
  void start() {
    api = TwinApiServer.start(new ExecHandler() {
      @Override
      public Optional<ExecRejection> admit(ExecRequest request) {
        return request.container().equals("stopped")
            ? Optional.of(ExecRejection.badRequest("container not found (\"stopped\")"))
            : Optional.empty();
      }

      @Override
      public ExecResult run(ExecRequest request) throws InterruptedException {
        seen.add(request);
        return behaviour.run(request);
      }
    });
    client = api.newClient("test");
    executor = new KubernetesPodExecutor(client);
    client.pods().inNamespace(NS).resource(pod("p")).create();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static Pod pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("i").endContainer()
        .addNewContainer().withName("stopped").withImage("i").endContainer().endSpec()
        .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
        .endStatus()
        .build();
  }

  private ExecResult exec(String... command) {
    return executor.exec(NS, "p", "c", List.of(command), TIMEOUT);
  }

  @Test
  void kubeOvnKindsHaveStatusAsASubresourceAndTheNamespacesExist() {
    assertThat(client.namespaces().withName("kube-system").get()).isNotNull();
    assertThat(client.namespaces().withName("default").get()).isNotNull();
    IptablesEip eip = new IptablesEip();
    eip.getMetadata().setName("eip1");
    eip.setSpec(new IptablesEip.Spec());
    eip.setStatus(new IptablesEip.Status());
    eip.getStatus().setReady(true);

    IptablesEip created = client.resources(IptablesEip.class).resource(eip).create();

    assertThat(created.getStatus()).isNull();
  }

  @Test
  void aMergePatchReplacesArraysAndNullRemovesAsRfc7386Says() {
    IptablesEip eip = new IptablesEip();
    eip.getMetadata().setName("eip2");
    eip.getMetadata().setFinalizers(List.of("kubeovn.io/kube-ovn-controller", "other"));
    eip.setSpec(new IptablesEip.Spec());
    client.resources(IptablesEip.class).resource(eip).create();
    var merge = PatchContext.of(PatchType.JSON_MERGE);

    client.resources(IptablesEip.class).withName("eip2").patch(merge, "{\"metadata\":{\"finalizers\":[\"other\"]}}");
    assertThat(client.resources(IptablesEip.class).withName("eip2").get().getMetadata().getFinalizers())
        .containsExactly("other");
    client.resources(IptablesEip.class).withName("eip2").patch(merge,
        "{\"metadata\":{\"labels\":{\"a\":\"1\",\"b\":\"2\"}}}");
    client.resources(IptablesEip.class).withName("eip2").patch(merge, "{\"metadata\":{\"labels\":{\"a\":null}}}");
    assertThat(client.resources(IptablesEip.class).withName("eip2").get().getMetadata().getLabels())
        .containsExactly(java.util.Map.entry("b", "2"));
    client.resources(IptablesEip.class).withName("eip2").subresource("status").patch(merge,
        "{\"status\":{\"ready\":true,\"nat\":\"fip\"}}");
    client.resources(IptablesEip.class).withName("eip2").delete();
    assertThat(client.resources(IptablesEip.class).withName("eip2").get().getMetadata().getDeletionTimestamp())
        .isNotNull();
    client.resources(IptablesEip.class).withName("eip2").patch(merge, "{\"metadata\":{\"finalizers\":null}}");
    assertThat(client.resources(IptablesEip.class).withName("eip2").get()).isNull();
  }

  @Test
  void podStatusIsASubresourceAndANewPodIsPending() {
    Pod created = client.pods().inNamespace(NS).resource(new PodBuilder(pod("s")).withStatus(null).build()).create();
    assertThat(created.getStatus().getPhase()).isEqualTo("Pending");
    var merge = PatchContext.of(PatchType.JSON_MERGE);
    client.pods().inNamespace(NS).withName("s").subresource("status").patch(merge,
        "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
    client.pods().inNamespace(NS).withName("s").subresource("status").patch(merge,
        "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\"}]}}");

    client.pods().inNamespace(NS).withName("s").patch(merge,
        "{\"metadata\":{\"annotations\":{\"x\":\"1\"}},\"status\":{\"phase\":\"Failed\"}}");
    Pod stale = new PodBuilder(created).editMetadata().withResourceVersion(null).addToAnnotations("y", "2")
        .endMetadata().build();
    client.pods().inNamespace(NS).resource(stale).update();

    Pod now = client.pods().inNamespace(NS).withName("s").get();
    assertThat(now.getStatus().getPhase()).isEqualTo("Running");
    assertThat(now.getStatus().getConditions()).singleElement()
        .satisfies(condition -> assertThat(condition.getStatus()).isEqualTo("False"));
    assertThat(now.getMetadata().getAnnotations()).containsEntry("y", "2");
  }

  @Test
  void execAnswersWithTheHandlersOutputAndArgumentsIntact() {
    ExecResult result = exec("/bin/bash", "-c", "bash /kube-ovn/nat-gateway.sh snat-add 172.19.0.7,10.0.1.0/24 &x=1+2");

    assertThat(result).isEqualTo(new ExecResult(0,
        "ran [/bin/bash, -c, bash /kube-ovn/nat-gateway.sh snat-add 172.19.0.7,10.0.1.0/24 &x=1+2]\n", ""));
    assertThat(seen).containsExactly(new ExecRequest(NS, "p", "c",
        List.of("/bin/bash", "-c", "bash /kube-ovn/nat-gateway.sh snat-add 172.19.0.7,10.0.1.0/24 &x=1+2"), true, true));
  }

  @Test
  void exitCodesAndStderrArriveAsTheHandlerGaveThem() {
    behaviour = request -> new ExecResult(Integer.parseInt(request.command().get(1)), "partial\n",
        "failed to exec command \"x\"\n");

    assertThat(exec("exit", "1")).isEqualTo(new ExecResult(1, "partial\n", "failed to exec command \"x\"\n"));
    assertThat(exec("exit", "127").exitCode()).isEqualTo(127);
    assertThat(exec("exit", "0").exitCode()).isZero();
  }

  @Test
  void aHandlerFailureIsAnExecErrorWithoutExitCode() {
    behaviour = request -> {
      throw new IllegalStateException("boom");
    };

    PodExecException failure = catchThrowableOfType(PodExecException.class, () -> exec("true"));

    assertThat(failure).hasMessageContaining("without an exit code").hasMessageContaining("boom");
  }

  @Test
  void aRejectedExecNeverReachesTheHandler() {
    PodExecException failure = catchThrowableOfType(PodExecException.class,
        () -> executor.exec(NS, "p", "stopped", List.of("true"), TIMEOUT));

    assertThat(failure).isNotNull();
    assertThat(seen).isEmpty();
  }

  @Test
  void largeOutputArrivesIntact() {
    StringBuilder dump = new StringBuilder("*nat\n");
    for (int i = 0; i < 20_000; i++) {
      dump.append("-A SHARED_DNAT -d 172.19.").append(i / 250).append('.').append(i % 250)
          .append("/32 -p tcp -m tcp --dport ").append(1000 + i % 60000)
          .append(" -j DNAT --to-destination 10.0.1.").append(i % 250).append(":80\n");
    }
    String text = dump.append("COMMIT\n").toString();
    behaviour = request -> new ExecResult(0, text, "stderr " + text.length());

    ExecResult result = exec("iptables-save", "-t", "nat");

    assertThat(text.length()).isGreaterThan(1 << 20);
    assertThat(result.stdout()).isEqualTo(text);
    assertThat(result.stderr()).isEqualTo("stderr " + text.length());
  }

  @Test
  void concurrentExecsEachGetTheirOwnAnswer() throws Exception {
    behaviour = request -> new ExecResult(0, String.join(" ", request.command()), "");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int thread = 0; thread < 8; thread++) {
        int t = thread;
        runs.add(pool.submit(() -> {
          for (int i = 0; i < 20; i++) {
            assertThat(exec("echo", t + "-" + i).stdout()).isEqualTo("echo " + t + "-" + i);
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(160);
    assertThat(api.execCount()).isEqualTo(160);
  }

  @Test
  void slowExecsDoNotHoldUpOtherRequests() throws Exception {
    behaviour = request -> {
      Thread.sleep(200);
      return new ExecResult(0, "slow", "");
    };
    long idleMillis = createConfigMaps("idle");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicBoolean crudDone = new AtomicBoolean();
    try {
      List<Future<Integer>> slow = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        slow.add(pool.submit(() -> {
          int runs = 0;
          while (!crudDone.get()) {
            assertThat(exec("sleep").stdout()).isEqualTo("slow");
            runs++;
          }
          return runs;
        }));
      }
      Thread.sleep(100);
      long busyMillis = createConfigMaps("busy");
      crudDone.set(true);
      int execs = 0;
      for (Future<Integer> run : slow) {
        execs += run.get(10, TimeUnit.SECONDS);
      }
      System.out.printf("50 creates: %d ms idle, %d ms beside four threads of back-to-back 200 ms execs (%d execs)%n",
          idleMillis, busyMillis, execs);
      assertThat(execs).isGreaterThanOrEqualTo(4);
      assertThat(busyMillis).isLessThan(idleMillis * 3 + 500);
    } finally {
      crudDone.set(true);
      pool.shutdownNow();
    }
  }

  private long createConfigMaps(String prefix) {
    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName(prefix + i)
          .endMetadata().addToData("k", "v").build()).create();
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}

package io.natgwchaos.bench;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.natgwchaos.gateway.ExecResult;
import io.natgwchaos.gateway.GatewayProbe;
import io.natgwchaos.gateway.PodExecutor;
import io.natgwchaos.history.HistoryLog;
import io.natgwchaos.history.Recorder;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.targets.TopologySpec;
import io.natgwchaos.testing.MockCluster;
import io.natgwchaos.workload.Slot;
import io.natgwchaos.workload.Workload;
import io.natgwchaos.workload.WorkloadPlan;
import io.natgwchaos.workload.WorkloadRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Workload throughput against the fabric8 mock server (HTTP, CRUD), without and with the recorder (informers on
 * the four NAT kinds and the gateway pods, one gateway read every 50 ms through the probe), and the snapshot cadence
 * the recorder achieves meanwhile:
 *
 * <pre>./mvnw -q -pl chaos-core test-compile exec:java -Dexec.mainClass=io.natgwchaos.bench.WorkloadBench -Dexec.classpathScope=test</pre>
 *
 * (that needs kind-configs installed; from the reactor alone:
 * {@code ./mvnw -q -pl chaos-core -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * -Dmdep.includeScope=test && java -cp chaos-core/target/test-classes:chaos-core/target/classes:$(cat
 * chaos-core/target/cp.txt) io.natgwchaos.bench.WorkloadBench}).
 *
 * Arguments: {@code [workers=16] [seconds=10] [slots=64]}; {@code -Dbench.snapshotMillis=50} sets the snapshot interval
 * (a huge value measures the informers alone). Target: at least 1,000 operations/s with 16 workers. On this 2-core
 * machine the recorder's cost is almost all the informers' watch events, which the mock server serialises under its
 * global lock on the same cores; a real API server does that elsewhere.
 */
public final class WorkloadBench {
  static final String GATEWAY = "bench-gw";
  static final Duration SNAPSHOT_INTERVAL = Duration.ofMillis(Long.getLong("bench.snapshotMillis", 50));

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } finally {
      // the mock server's Vert.x threads are not daemons
      System.exit(0);
    }
  }

  static void run(String[] args) throws Exception {
    int workers = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    Duration duration = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
    int slotCount = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    System.out.printf("workload bench: %d workers, %d FIP slots, %d s per measurement, mock server over HTTP, %d cores%n",
        workers, slotCount, duration.toSeconds(), Runtime.getRuntime().availableProcessors());
    try (MockCluster cluster = MockCluster.start()) {
      List<Slot> slots = createFips(cluster.client(), slotCount);
      gatewayPod(cluster.client());
      KubernetesClient workloadClient = WorkloadRunner.withoutRetries(cluster.newClient(30_000));
      try {
        measure("warm-up", cluster, workloadClient, slots, workers, Duration.ofSeconds(10), false, 1);
        WorkloadRunner.Stats without = measure("without recorder", cluster, workloadClient, slots, workers, duration,
            false, 2);
        WorkloadRunner.Stats with = measure("with recorder", cluster, workloadClient, slots, workers, duration, true, 3);
        System.out.printf("recorder overhead: %.1f %% fewer operations/s%n",
            100 * (1 - with.perSecond() / without.perSecond()));
        System.out.printf("target >= 1000 ops/s with %d workers: %s%n", workers,
            Math.min(without.perSecond(), with.perSecond()) >= 1000 ? "met" : "NOT met");
      } finally {
        workloadClient.close();
      }
    }
  }

  static WorkloadRunner.Stats measure(String what, MockCluster cluster, KubernetesClient client, List<Slot> slots,
      int workers, Duration duration, boolean record, long seed) throws InterruptedException {
    HistoryLog log = new HistoryLog();
    Recorder recorder = null;
    KubernetesClient recorderClient = null;
    if (record) {
      recorderClient = cluster.newClient(30_000);
      recorder = new Recorder(log, recorderClient, new GatewayProbe(recorderClient, staticGateway(slots),
          KubeOvn.CONTROLLER_NAMESPACE, Duration.ofSeconds(5)), new Recorder.Settings(KubeOvn.CONTROLLER_NAMESPACE,
          List.of(GATEWAY), Map.of(TopologySpec.TOPOLOGY_LABEL, "bench"), SNAPSHOT_INTERVAL, Duration.ofSeconds(30)));
      recorder.start();
    }
    // re-create whatever the previous measurement left deleted, so every slot starts present
    for (Slot slot : slots) {
      if (cluster.client().resources(IptablesFipRule.class).withName(slot.name()).get() == null) {
        cluster.client().resource(slot.toResource()).create();
      }
    }
    WorkloadPlan plan = Workload.fipChurn().workers(workers).rate(0).duration(duration).plan(slots, seed);
    WorkloadRunner runner = new WorkloadRunner(client, log, plan, 0, duration);
    runner.start();
    runner.awaitEnd();
    WorkloadRunner.Stats stats = runner.stats();
    System.out.printf("%-17s %s; history %d entries%n", what + ":", stats, log.size());
    if (recorder != null) {
      recorder.stop();
      recorder.cadence().forEach(c -> System.out.printf("%-17s requested every %d ms, achieved %s%n", "snapshots:",
          SNAPSHOT_INTERVAL.toMillis(), c));
      recorderClient.close();
    }
    return stats;
  }

  static List<Slot> createFips(KubernetesClient client, int count) {
    List<Slot> slots = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      IptablesFipRule fip = new IptablesFipRule();
      fip.getMetadata().setName("bench-fip-" + i);
      fip.getMetadata().setLabels(Map.of(TopologySpec.TOPOLOGY_LABEL, "bench"));
      fip.setSpec(new IptablesFipRule.Spec());
      fip.getSpec().setEip("bench-eip-" + i);
      fip.getSpec().setInternalIp("10.0.1." + (10 + i % 200));
      client.resource(fip).create();
      slots.add(Slot.of(fip, true));
    }
    return slots;
  }

  static void gatewayPod(KubernetesClient client) {
    client.pods().inNamespace(KubeOvn.CONTROLLER_NAMESPACE).resource(new PodBuilder().withNewMetadata()
        .withName(KubeOvn.gatewayPodName(GATEWAY)).withNamespace(KubeOvn.CONTROLLER_NAMESPACE)
        .addToLabels(KubeOvn.Labels.GATEWAY_POD, "true").addToAnnotations(KubeOvn.Annotations.GATEWAY_INIT, "true")
        .addToAnnotations(KubeOvn.Annotations.GATEWAY_NAME, GATEWAY).endMetadata()
        .withNewSpec().withNodeName("kind-worker").endSpec()
        .withNewStatus().withPhase("Running").withContainerStatuses(new ContainerStatusBuilder()
            .withName(KubeOvn.GATEWAY_CONTAINER).withRestartCount(0).build()).endStatus().build()).create();
  }

  /** A gateway holding one FIP's rules per slot, answered in-process (as the twin's exec handler would be). */
  static PodExecutor staticGateway(List<Slot> slots) {
    StringBuilder save = new StringBuilder("*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
        + ":EXCLUSIVE_DNAT - [0:0]\n:EXCLUSIVE_SNAT - [0:0]\n");
    StringBuilder addresses = new StringBuilder("4: net1    inet 172.19.0.5/16 brd 172.19.255.255 scope global net1\n");
    for (int i = 0; i < slots.size(); i++) {
      String eip = "172.19.1." + (i + 1);
      String internal = slots.get(i).arguments().get("internalIp");
      save.append("-A EXCLUSIVE_DNAT -d ").append(eip).append("/32 -j DNAT --to-destination ").append(internal)
          .append('\n');
      save.append("-A EXCLUSIVE_SNAT -s ").append(internal).append("/32 -j SNAT --to-source ").append(eip).append('\n');
      addresses.append("4: net1    inet ").append(eip).append("/16 scope global secondary net1\n");
    }
    String iptables = save.append("COMMIT\n").toString();
    String ip = addresses.toString();
    return (namespace, pod, container, command, timeout) -> switch (command.get(0)) {
      case "iptables-legacy" -> new ExecResult(1, "", "");
      case "iptables-save" -> new ExecResult(0, iptables, "");
      default -> new ExecResult(0, ip, "");
    };
  }

  private WorkloadBench() {}
}

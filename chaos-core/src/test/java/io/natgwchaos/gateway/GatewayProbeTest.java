package io.natgwchaos.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@EnableKubernetesMockClient(crud = true)
class GatewayProbeTest {
  private static final String NAMESPACE = "kube-system";
  private static final String GATEWAY = "gw1";
  private static final String POD = "vpc-nat-gw-gw1-0";
  private static final String NODE = "kind-worker2";
  private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static final String CHECK = execPath(GatewayProbe.LEGACY_CHECK);
  private static final String LEGACY_SAVE = execPath(GatewayProbe.LEGACY_SAVE);
  private static final String DEFAULT_SAVE = execPath(GatewayProbe.DEFAULT_SAVE);
  private static final String IP_ADDR = execPath(GatewayProbe.NET1_ADDRESSES);

  KubernetesMockServer server;
  KubernetesClient client;

  private GatewayProbe probe;

  @BeforeEach
  void setUp() {
    probe = probe(TIMEOUT);
  }

  private GatewayProbe probe(Duration timeout) {
    return new GatewayProbe(client, new KubernetesPodExecutor(client), NAMESPACE, timeout,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** The exec path the client requests: command= per argument, then container, stdout, stderr. */
  private static String execPath(List<String> command) {
    StringBuilder path = new StringBuilder("/api/v1/namespaces/" + NAMESPACE + "/pods/" + POD + "/exec?");
    for (String argument : command) {
      path.append("command=").append(argument).append('&');
    }
    return path.append("container=vpc-nat-gw&stdout=true&stderr=true").toString();
  }

  private void answer(String path, WebSocketMessage... messages) {
    server.expect().get().withPath(path).andUpgradeToWebSocket().open(messages).done().always();
  }

  private void answerOnce(String path, WebSocketMessage... messages) {
    server.expect().get().withPath(path).andUpgradeToWebSocket().open(messages).done().once();
  }

  /**
   * Opens the websocket, sends {@code messages} and then nothing: the session waits for a message the
   * client never sends, so it stays open and no exit status ever arrives.
   */
  private void hang(String path, boolean once, WebSocketMessage... messages) {
    var session = server.expect().get().withPath(path).andUpgradeToWebSocket().open(messages)
        .expect("a message the client never sends").andEmit(new StatusStreamMessage(0)).once().done();
    if (once) {
      session.once();
    } else {
      session.always();
    }
  }

  private void answerLegacyGateway() {
    answer(CHECK, new StatusStreamMessage(0));
    answer(LEGACY_SAVE, new OutputStreamMessage(Fixtures.read(Fixtures.LEGACY_V113)), new StatusStreamMessage(0));
    answer(IP_ADDR, new OutputStreamMessage(Fixtures.read(Fixtures.IP_O_ADDR)), new StatusStreamMessage(0));
  }

  private Pod createPod(String phase) {
    Pod pod = new PodBuilder()
        .withNewMetadata().withName(POD).withNamespace(NAMESPACE)
        .addToLabels("app", "vpc-nat-gw-" + GATEWAY).addToLabels("ovn.kubernetes.io/vpc-nat-gw", "true")
        .addToAnnotations("ovn.kubernetes.io/vpc_nat_gw", GATEWAY)
        .addToAnnotations("ovn.kubernetes.io/vpc_nat_gw_init", "true")
        .endMetadata()
        .withNewSpec().withNodeName(NODE)
        .addNewContainer().withName("vpc-nat-gw").withImage("docker.io/kubeovn/vpc-nat-gateway:v1.13.4")
        .withCommand("sleep", "infinity").endContainer()
        .endSpec()
        .build();
    client.pods().inNamespace(NAMESPACE).resource(pod).create();
    return client.pods().inNamespace(NAMESPACE).withName(POD).editStatus(p -> new PodBuilder(p)
        .withNewStatus().withPhase(phase)
        .addNewContainerStatus().withName("vpc-nat-gw").withRestartCount(2).withReady(true).endContainerStatus()
        .endStatus().build());
  }

  private Pod createRunningPod() {
    return createPod("Running");
  }

  private void deletePod() {
    client.pods().inNamespace(NAMESPACE).withName(POD).delete();
  }

  /** Every request the server received since the last call, in order. */
  private List<String> requests() throws InterruptedException {
    List<String> paths = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
      paths.add(request.getPath());
    }
    return paths;
  }

  private static long count(List<String> paths, String path) {
    return paths.stream().filter(path::equals).count();
  }

  // ---- the variant, chosen as nat-gateway.sh does ----

  @Test
  void legacyCheckSucceedingMeansLegacySaveAndAFullSnapshot() throws InterruptedException {
    Pod pod = createRunningPod();
    answerLegacyGateway();

    GatewaySnapshot snapshot = probe.snapshot(GATEWAY).orElseThrow();

    assertThat(snapshot.gateway()).isEqualTo(GATEWAY);
    assertThat(snapshot.namespace()).isEqualTo(NAMESPACE);
    assertThat(snapshot.podName()).isEqualTo(POD);
    assertThat(snapshot.podUid()).isNotBlank().isEqualTo(pod.getMetadata().getUid());
    assertThat(snapshot.node()).isEqualTo(NODE);
    assertThat(snapshot.takenAt()).isEqualTo(NOW);
    assertThat(snapshot.initialised()).isTrue();
    assertThat(snapshot.restartCount()).isEqualTo(2);
    assertThat(snapshot.net1()).extracting(NetAddress::toString)
        .containsExactly("172.19.0.5/16", "172.19.0.6/16 secondary", "172.19.0.7/16 secondary");
    assertThat(snapshot.eipAddresses()).containsExactly("172.19.0.6", "172.19.0.7");
    assertThat(snapshot.nat().variant()).isEqualTo(IptablesVariant.LEGACY);
    assertThat(snapshot.nat()).isEqualTo(IptablesSaveParser.parse(Fixtures.read(Fixtures.LEGACY_V113)));
    assertThat(snapshot.raw().iptablesSave()).isEqualTo(Fixtures.read(Fixtures.LEGACY_V113));
    assertThat(snapshot.raw().ipAddr()).isEqualTo(Fixtures.read(Fixtures.IP_O_ADDR));
    List<String> requests = requests();
    assertThat(requests).filteredOn(p -> p.contains("/exec?")).containsExactly(CHECK, LEGACY_SAVE, IP_ADDR);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void legacyCheckFailingMeansTheDefaultNftSave(int exitCode) throws InterruptedException {
    createRunningPod();
    answer(CHECK, new ErrorStreamMessage("iptables v1.8.9 (legacy): can't initialize iptables table `nat':"
        + " Table does not exist (do you need to insmod?)\n"), new StatusStreamMessage(exitCode));
    answer(DEFAULT_SAVE, new OutputStreamMessage(Fixtures.read(Fixtures.NFT_V116)), new StatusStreamMessage(0));
    answer(IP_ADDR, new OutputStreamMessage(Fixtures.read(Fixtures.IP_O_ADDR)), new StatusStreamMessage(0));

    GatewaySnapshot snapshot = probe.snapshot(GATEWAY).orElseThrow();

    assertThat(snapshot.nat().variant()).isEqualTo(IptablesVariant.NFT);
    assertThat(snapshot.nat().rulesIn("HAIRPIN_SNAT")).hasSize(2);
    List<String> requests = requests();
    assertThat(requests).filteredOn(p -> p.contains("/exec?")).containsExactly(CHECK, DEFAULT_SAVE, IP_ADDR);
    assertThat(count(requests, LEGACY_SAVE)).isZero();
  }

  @Test
  void dumpWithoutHeaderTakesTheVariantTheCheckChose() {
    createRunningPod();
    String headerless = Fixtures.read(Fixtures.LEGACY_V113).lines()
        .filter(l -> !l.startsWith("#")).reduce("", (a, l) -> a + l + "\n");
    answer(CHECK, new StatusStreamMessage(0));
    answer(LEGACY_SAVE, new OutputStreamMessage(headerless), new StatusStreamMessage(0));
    answer(IP_ADDR, new OutputStreamMessage(Fixtures.read(Fixtures.IP_O_ADDR)), new StatusStreamMessage(0));

    assertThat(probe.snapshot(GATEWAY).orElseThrow().nat().variant()).isEqualTo(IptablesVariant.LEGACY);
  }

  @Test
  void variantIsCheckedOncePerPodUid() throws InterruptedException {
    String firstUid = createRunningPod().getMetadata().getUid();
    answerOnce(CHECK, new StatusStreamMessage(0));
    answerOnce(CHECK, new StatusStreamMessage(1));
    answer(LEGACY_SAVE, new OutputStreamMessage(Fixtures.read(Fixtures.LEGACY_V113)), new StatusStreamMessage(0));
    answer(DEFAULT_SAVE, new OutputStreamMessage(Fixtures.read(Fixtures.NFT_V113)), new StatusStreamMessage(0));
    answer(IP_ADDR, new OutputStreamMessage(Fixtures.read(Fixtures.IP_O_ADDR)), new StatusStreamMessage(0));

    GatewaySnapshot first = probe.snapshot(GATEWAY).orElseThrow();
    GatewaySnapshot second = probe.snapshot(GATEWAY).orElseThrow();
    List<String> samePod = requests();

    assertThat(first.nat().variant()).isEqualTo(IptablesVariant.LEGACY);
    assertThat(second.nat().variant()).isEqualTo(IptablesVariant.LEGACY);
    assertThat(count(samePod, CHECK)).isEqualTo(1);
    assertThat(count(samePod, LEGACY_SAVE)).isEqualTo(2);

    deletePod();
    String secondUid = createRunningPod().getMetadata().getUid();
    GatewaySnapshot replaced = probe.snapshot(GATEWAY).orElseThrow();
    GatewaySnapshot replacedAgain = probe.snapshot(GATEWAY).orElseThrow();
    List<String> newPod = requests();

    assertThat(secondUid).isNotEqualTo(firstUid);
    assertThat(replaced.podUid()).isEqualTo(secondUid);
    assertThat(count(newPod, CHECK)).isEqualTo(1);
    assertThat(replaced.nat().variant()).isEqualTo(IptablesVariant.NFT);
    assertThat(replacedAgain.nat().variant()).isEqualTo(IptablesVariant.NFT);
    assertThat(count(newPod, DEFAULT_SAVE)).isEqualTo(2);
    assertThat(count(newPod, LEGACY_SAVE)).isZero();
  }

  // ---- no pod to read ----

  @Test
  void noPodGivesEmptyWithoutExec() throws InterruptedException {
    answerLegacyGateway();

    assertThat(probe.snapshot(GATEWAY)).isEmpty();
    assertThat(requests()).noneMatch(p -> p.contains("/exec"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Pending", "Succeeded", "Failed", "Unknown"})
  void podThatIsNotRunningGivesEmptyWithoutExec(String phase) throws InterruptedException {
    createPod(phase);
    answerLegacyGateway();

    assertThat(probe.snapshot(GATEWAY)).isEmpty();
    assertThat(requests()).noneMatch(p -> p.contains("/exec"));
  }

  @Test
  void terminatingPodGivesEmpty() {
    createRunningPod();
    client.pods().inNamespace(NAMESPACE).withName(POD)
        .edit(p -> new PodBuilder(p).editMetadata().addToFinalizers("test/hold").endMetadata().build());
    deletePod();
    answerLegacyGateway();

    assertThat(client.pods().inNamespace(NAMESPACE).withName(POD).get().getMetadata().getDeletionTimestamp())
        .isNotNull();
    assertThat(probe.snapshot(GATEWAY)).isEmpty();
  }

  @Test
  void podWithoutInitAnnotationOrContainerStatusIsReadAsNotInitialisedWithNoRestarts() {
    client.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
        .withNewMetadata().withName(POD).withNamespace(NAMESPACE).endMetadata()
        .withNewSpec().withNodeName(NODE).addNewContainer().withName("vpc-nat-gw").withImage("x").endContainer()
        .endSpec().build()).create();
    client.pods().inNamespace(NAMESPACE).withName(POD)
        .editStatus(p -> new PodBuilder(p).withNewStatus().withPhase("Running").endStatus().build());
    answerLegacyGateway();

    GatewaySnapshot snapshot = probe.snapshot(GATEWAY).orElseThrow();

    assertThat(snapshot.initialised()).isFalse();
    assertThat(snapshot.restartCount()).isZero();
  }

  // ---- failures ----

  @Test
  void failingSaveCommandNamesCommandPodAndStderr() {
    createRunningPod();
    answer(CHECK, new StatusStreamMessage(0));
    answer(LEGACY_SAVE, new ErrorStreamMessage("iptables-legacy-save: unable to initialize table 'nat'\n"),
        new StatusStreamMessage(1));
    answer(IP_ADDR, new OutputStreamMessage(Fixtures.read(Fixtures.IP_O_ADDR)), new StatusStreamMessage(0));

    GatewayProbeException e = catchThrowableOfType(GatewayProbeException.class, () -> probe.snapshot(GATEWAY));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("'iptables-legacy-save -t nat'", NAMESPACE + "/" + POD, "exited with 1",
        "iptables-legacy-save: unable to initialize table 'nat'");
  }

  @Test
  void failingAddressCommandNamesCommandPodAndStderr() {
    createRunningPod();
    answer(CHECK, new StatusStreamMessage(0));
    answer(LEGACY_SAVE, new OutputStreamMessage(Fixtures.read(Fixtures.LEGACY_V113)), new StatusStreamMessage(0));
    answer(IP_ADDR, new ErrorStreamMessage("Device \"net1\" does not exist.\n"), new StatusStreamMessage(1));

    GatewayProbeException e = catchThrowableOfType(GatewayProbeException.class, () -> probe.snapshot(GATEWAY));

    assertThat(e.getMessage()).contains("'ip -o -4 addr show dev net1'", POD, "Device \"net1\" does not exist.");
  }

  @Test
  void unparseableSaveOutputNamesTheLine() {
    createRunningPod();
    answer(CHECK, new StatusStreamMessage(0));
    answer(LEGACY_SAVE, new OutputStreamMessage("*nat\n:PREROUTING ACCEPT [0:0]\nsegfault at 0x0\nCOMMIT\n"),
        new StatusStreamMessage(0));
    answer(IP_ADDR, new OutputStreamMessage(Fixtures.read(Fixtures.IP_O_ADDR)), new StatusStreamMessage(0));

    GatewayProbeException e = catchThrowableOfType(GatewayProbeException.class, () -> probe.snapshot(GATEWAY));

    assertThat(e.getMessage()).contains("gateway " + GATEWAY, POD, "line 3 ", "'segfault at 0x0'");
    assertThat(e.getCause()).isInstanceOf(GatewayOutputException.class);
  }

  @Test
  void unparseableAddressOutputNamesTheLine() {
    createRunningPod();
    answer(CHECK, new StatusStreamMessage(0));
    answer(LEGACY_SAVE, new OutputStreamMessage(Fixtures.read(Fixtures.LEGACY_V113)), new StatusStreamMessage(0));
    answer(IP_ADDR, new OutputStreamMessage("4: net1    inet 172.19.0.5 scope global net1\n"),
        new StatusStreamMessage(0));

    GatewayProbeException e = catchThrowableOfType(GatewayProbeException.class, () -> probe.snapshot(GATEWAY));

    assertThat(e.getMessage()).contains(POD, "ip addr line 1 ", "'4: net1    inet 172.19.0.5 scope global net1'");
  }

  @Test
  void execThatNeverAnswersTimesOutWithinTheConfiguredTimeout() {
    createRunningPod();
    answer(CHECK, new StatusStreamMessage(0));
    hang(LEGACY_SAVE, false, new OutputStreamMessage("*nat\n"));
    answer(IP_ADDR, new OutputStreamMessage(Fixtures.read(Fixtures.IP_O_ADDR)), new StatusStreamMessage(0));
    GatewayProbe impatient = probe(Duration.ofMillis(400));

    long start = System.nanoTime();
    PodExecException e = catchThrowableOfType(PodExecException.class, () -> impatient.snapshot(GATEWAY));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("iptables-legacy-save -t nat", NAMESPACE + "/" + POD,
        "no exit status within 400 ms");
    // generous upper bound for a loaded 2-core machine; the point is it does not wait for a status
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void legacyCheckThatNeverAnswersTimesOutAndIsNotRemembered() throws InterruptedException {
    createRunningPod();
    hang(CHECK, true);
    answer(CHECK, new StatusStreamMessage(0));
    answer(LEGACY_SAVE, new OutputStreamMessage(Fixtures.read(Fixtures.LEGACY_V113)), new StatusStreamMessage(0));
    answer(IP_ADDR, new OutputStreamMessage(Fixtures.read(Fixtures.IP_O_ADDR)), new StatusStreamMessage(0));
    GatewayProbe impatient = probe(Duration.ofMillis(300));

    PodExecException e = catchThrowableOfType(PodExecException.class, () -> impatient.snapshot(GATEWAY));
    Optional<GatewaySnapshot> retried = impatient.snapshot(GATEWAY);

    assertThat(e.getMessage()).contains("iptables-legacy -t nat -S INPUT 1", "no exit status within 300 ms");
    assertThat(retried).map(s -> s.nat().variant()).contains(IptablesVariant.LEGACY);
    assertThat(count(requests(), CHECK)).isEqualTo(2);
  }

  @Test
  void execWhoseConnectionClosesWithoutExitStatusIsAnExecFailure() {
    createRunningPod();
    answer(CHECK, new StatusStreamMessage(0));
    answer(LEGACY_SAVE, new OutputStreamMessage("*nat\n"));   // the server closes after the output
    answer(IP_ADDR, new OutputStreamMessage(Fixtures.read(Fixtures.IP_O_ADDR)), new StatusStreamMessage(0));

    PodExecException e = catchThrowableOfType(PodExecException.class, () -> probe.snapshot(GATEWAY));

    assertThat(e).hasMessageContaining("iptables-legacy-save -t nat")
        .hasMessageContaining("closed without an exit status");
  }

  // ---- the pod goes away while it is being read ----

  @Test
  void podReplacedBetweenTheCommandsGivesEmpty() {
    createRunningPod();
    PodExecutor replacingExecutor = (namespace, pod, container, command, timeout) -> {
      if (command.equals(GatewayProbe.NET1_ADDRESSES)) {
        deletePod();
        createRunningPod();
        return new ExecResult(0, Fixtures.read(Fixtures.IP_O_ADDR), "");
      }
      return new ExecResult(0, command.equals(GatewayProbe.LEGACY_CHECK) ? "" : Fixtures.read(Fixtures.LEGACY_V113), "");
    };
    GatewayProbe probe = new GatewayProbe(client, replacingExecutor, NAMESPACE, TIMEOUT);

    assertThat(probe.snapshot(GATEWAY)).isEmpty();
  }

  @Test
  void execFailingBecauseThePodWasDeletedGivesEmpty() {
    createRunningPod();
    AtomicInteger calls = new AtomicInteger();
    PodExecutor dyingExecutor = (namespace, pod, container, command, timeout) -> {
      if (calls.incrementAndGet() == 1) {
        return new ExecResult(0, "", "");
      }
      deletePod();
      throw new PodExecException("exec " + String.join(" ", command) + ": the connection closed without an exit status");
    };
    GatewayProbe probe = new GatewayProbe(client, dyingExecutor, NAMESPACE, TIMEOUT);

    assertThat(probe.snapshot(GATEWAY)).isEmpty();
  }

  @Test
  void commandFailingBecauseThePodIsTerminatingGivesEmpty() {
    createRunningPod();
    client.pods().inNamespace(NAMESPACE).withName(POD)
        .edit(p -> new PodBuilder(p).editMetadata().addToFinalizers("test/hold").endMetadata().build());
    PodExecutor killedExecutor = (namespace, pod, container, command, timeout) -> {
      if (command.equals(GatewayProbe.LEGACY_CHECK)) {
        return new ExecResult(0, "", "");
      }
      deletePod();   // kept by the finalizer, with a deletionTimestamp; the container is killed
      return new ExecResult(137, "", "");
    };
    GatewayProbe probe = new GatewayProbe(client, killedExecutor, NAMESPACE, TIMEOUT);

    assertThat(probe.snapshot(GATEWAY)).isEmpty();
  }

  @Test
  void execFailingOnAPodThatIsStillThereIsReported() {
    createRunningPod();
    PodExecutor brokenExecutor = (namespace, pod, container, command, timeout) -> {
      throw new PodExecException("exec " + String.join(" ", command) + ": connection refused");
    };
    GatewayProbe probe = new GatewayProbe(client, brokenExecutor, NAMESPACE, TIMEOUT);

    PodExecException e = catchThrowableOfType(PodExecException.class, () -> probe.snapshot(GATEWAY));

    assertThat(e).hasMessageContaining("connection refused");
  }
}

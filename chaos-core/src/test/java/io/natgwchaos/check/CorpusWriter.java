package io.natgwchaos.check;

import static io.natgwchaos.check.Scenario.programmed;
import static io.natgwchaos.check.Scenario.redoStamp;
import static io.natgwchaos.check.Scenario.rfc3339;

import io.natgwchaos.check.Scenario.Gateway;
import io.natgwchaos.check.Scenario.Res;
import io.natgwchaos.history.ChangeType;
import io.natgwchaos.history.FaultPhase;
import io.natgwchaos.history.History;
import io.natgwchaos.history.HistoryJson;
import io.natgwchaos.history.OperationPhase;
import io.natgwchaos.history.RunPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Writes the good/bad history corpus ({@code src/test/resources/histories}). Each bad history plays one
 * upstream mechanism step by step as reference §2.6-§2.8 and §6 describe it, on the twin's time scale 0.1
 * (a 3 s upstream delay takes 300 ms of history time); each good one plays what a correct controller does.
 * The committed files are what this class writes; {@code CorpusTest} checks they still agree.
 *
 * <p>Regenerate (from the repository root, then commit the files):
 * <pre>./mvnw -q -pl chaos-core test-compile exec:java -Dexec.mainClass=io.natgwchaos.check.CorpusWriter \
 *     -Dexec.classpathScope=test -Dexec.args=$PWD/chaos-core/src/test/resources/histories</pre>
 */
public final class CorpusWriter {
  static final String GRACE_MS = "1000";
  static final String SETTLE_MS = "3000";
  private static final String V113 = "v1.13.4";
  private static final String V114 = "v1.14.41";
  private static final String V116 = "v1.16.2";
  private static final long T0_MS = -1_188_000;

  private CorpusWriter() {}

  /** Every generated history by its path under {@code histories/}. */
  static Map<String, Supplier<History>> all() {
    Map<String, Supplier<History>> all = new LinkedHashMap<>();
    all.put("good/steady-state.jsonl", CorpusWriter::steadyState);
    all.put("good/pod-moved-and-reprogrammed.jsonl", CorpusWriter::podMovedAndReprogrammed);
    all.put("good/fip-rules-readded-after-create.jsonl", CorpusWriter::fipRulesReaddedAfterCreate);
    all.put("good/resources-created-then-ready.jsonl", CorpusWriter::resourcesCreatedThenReady);
    all.put("bad/5114-reset-marks-eip-ready-mid-redo.jsonl", CorpusWriter::redoResetReady);
    all.put("bad/5115-quick-fip-add-delete-leaks-rules.jsonl", CorpusWriter::quickFipAddDelete);
    all.put("bad/5115-stale-eip-nat-after-quick-fip-delete.jsonl", CorpusWriter::staleNatAfterQuickDelete);
    all.put("bad/5115-fip-bound-to-leaked-rule.jsonl", CorpusWriter::fipBoundToLeakedRule);
    all.put("bad/5799-snat-without-finalizer-leaks-rule.jsonl", CorpusWriter::snatWithoutFinalizer);
    all.put("bad/5115-snat-deleted-between-ready-and-finalizer.jsonl", CorpusWriter::snatDeletedBeforeFinalizer);
    all.put("bad/5115-stale-eip-nat-after-snat-deleted-before-finalizer.jsonl",
        CorpusWriter::staleNatAfterSnatDeletedBeforeFinalizer);
    all.put("bad/5029-container-restart-loses-state.jsonl", CorpusWriter::containerRestart);
    all.put("bad/7210-terminating-fip-after-controller-restart.jsonl", CorpusWriter::terminatingAfterRestart);
    all.put("bad/candidate-global-redo-stamp.jsonl", CorpusWriter::globalRedoStamp);
    all.put("bad/candidate-init-stops-at-first-gateway.jsonl", CorpusWriter::initStopsAtFirstGateway);
    all.put("bad/candidate-reset-lost-on-restart.jsonl", CorpusWriter::resetLostOnRestart);
    all.put("bad/candidate-stale-status-patch-reverts-redo.jsonl", CorpusWriter::stalePatchRevertsRedo);
    all.put("bad/candidate-stale-status-patch-clears-redo.jsonl", CorpusWriter::stalePatchClearsRedo);
    all.put("bad/candidate-restart-between-del-and-add.jsonl", CorpusWriter::restartBetweenDelAndAdd);
    return all;
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/histories");
    for (Map.Entry<String, Supplier<History>> entry : all().entrySet()) {
      Path file = root.resolve(entry.getKey());
      Files.createDirectories(file.getParent());
      HistoryJson.write(entry.getValue().get(), file);
      System.out.println("wrote " + file);
    }
  }

  // ---- shared set-up ----

  private static Map<String, String> good(String description) {
    Map<String, String> parameters = base(description);
    parameters.put("expect.clean", "true");
    return parameters;
  }

  /**
   * @param others further resources its violations may name, separated by {@code ;}
   */
  private static Map<String, String> bad(String description, String invariant, String resource, String issue,
      String others) {
    Map<String, String> parameters = base(description);
    parameters.put("expect.invariant", invariant);
    parameters.put("expect.resource", resource);
    parameters.put("expect.knownIssue", issue);
    if (others != null) {
      parameters.put("expect.otherResources", others);
    }
    return parameters;
  }

  private static Map<String, String> base(String description) {
    Map<String, String> parameters = new TreeMap<>();
    parameters.put("description", description);
    parameters.put("grace", GRACE_MS);
    parameters.put("settle", SETTLE_MS);
    parameters.put("timeScale", "0.1");
    parameters.put("externalSubnet", "172.19.0.0/16");
    parameters.put("internalSubnet", "10.0.1.0/24");
    return parameters;
  }

  private static Gateway gateway(Scenario s, String name, String node, long createdMs, String primary,
      boolean hairpin) {
    Gateway gateway = s.gateway(name, node, createdMs);
    gateway.primary = primary;
    gateway.hairpin = hairpin;
    gateway.nextProbe = (40 + (name.hashCode() & 31)) * 1_000_000L;
    gateway.init();
    return gateway;
  }

  private static Res eip(Scenario s, Gateway gateway, String name, String ip, String nat, String redo) {
    gateway.eipAdd(ip);
    return s.readyEip(name, gateway.name, ip, nat, redo);
  }

  private static Res fip(Scenario s, Gateway gateway, String name, Res eip, String internalIp, String redo) {
    gateway.fipAdd(eip.v4ip, internalIp);
    return programmed(s.fip(name, eip.name, internalIp), eip.v4ip, gateway.name, redo).finalizer(true);
  }

  /** v1.13.4 SNATs never get the finalizer (#5799): the add helper removes it. */
  private static Res snat(Scenario s, Gateway gateway, String name, Res eip, String cidr, String redo) {
    gateway.snatAdd(eip.v4ip, cidr);
    return programmed(s.snat(name, eip.name, cidr), eip.v4ip, gateway.name, redo).finalizer(false);
  }

  private static Res dnat(Scenario s, Gateway gateway, String name, Res eip, String protocol, String port,
      String internalIp, String internalPort, String redo) {
    gateway.dnatAdd(eip.v4ip, port, protocol, internalIp, internalPort);
    return programmed(s.dnat(name, eip.name, protocol, port, internalIp, internalPort), eip.v4ip, gateway.name, redo)
        .finalizer(true);
  }

  /** The informers' initial list: the gateway pods and every resource, then PROVISIONED. */
  private static void start(Scenario s, Gateway[] gateways, Res... resources) {
    for (Gateway gateway : gateways) {
      s.podObserved(ChangeType.ADDED, gateway);
    }
    for (Res resource : resources) {
      s.added(resource);
    }
    s.at(20).phase(RunPhase.PROVISIONED);
    s.at(200).phase(RunPhase.WORKLOAD_STARTED);
  }

  private static History finish(Scenario s, long stoppedMs) {
    s.at(stoppedMs).phase(RunPhase.WORKLOAD_STOPPED);
    long quiesced = stoppedMs + 100;
    s.at(quiesced).phase(RunPhase.QUIESCED);
    s.at(quiesced + Long.parseLong(SETTLE_MS) + 50).phase(RunPhase.SETTLED);
    return s.history();
  }

  /** §2.6 steps 1-2: the StatefulSet replaces the pod on another node; the new pod starts empty. */
  private static void movePod(Scenario s, Gateway gw, String faultId, long startMs, String newNode, long createdMs,
      long runningMs, long healedMs) {
    String oldUid = gw.uid;
    String oldNode = gw.node;
    s.at(startMs).fault(faultId, "delete-gateway-pod", FaultPhase.START, "cordon " + oldNode
        + ", kubectl delete pod kube-system/" + gw.podName() + " uid=" + oldUid);
    gw.terminating = true;
    s.podObserved(ChangeType.MODIFIED, gw);
    s.at(startMs + 25);
    gw.podExists = false;
    s.podObserved(ChangeType.DELETED, gw);
    s.at(createdMs);
    gw.replacePod(s.newUid("pod"), newNode, rfc3339(createdMs));
    s.podObserved(ChangeType.ADDED, gw);
    s.at(runningMs);
    gw.phase = "Running";
    s.podObserved(ChangeType.MODIFIED, gw);
    s.at(healedMs).fault(faultId, "delete-gateway-pod", FaultPhase.END, "new pod uid=" + gw.uid + " Running on "
        + newNode + "; " + oldNode + " uncordoned");
  }

  /** §2.6 step 3: handleInitVpcNatGw execs {@code init} and annotates the pod. */
  private static void initPod(Scenario s, Gateway gw, long execMs, long annotatedMs) {
    s.at(execMs);
    gw.init();
    s.at(annotatedMs);
    gw.initialised = true;
    s.podObserved(ChangeType.MODIFIED, gw);
  }

  /** redoFip / redoSnat: the EIP, then the rule, marked {ready:false, redo}. */
  private static void markRedo(Scenario s, long ms, Res eip, Res rule, String redo) {
    mark(s, ms, eip, redo);
    mark(s, ms + 5, rule, redo);
  }

  private static void mark(Scenario s, long ms, Res resource, String redo) {
    s.at(ms);
    resource.ready = false;
    resource.redo = redo;
    s.modified(resource);
  }

  private static void setReady(Scenario s, long ms, Res resource) {
    s.at(ms);
    resource.ready = true;
    s.modified(resource);
  }

  // ---- good ----

  static History steadyState() {
    Scenario s = new Scenario("steady-state", V113, 11, good(
        "Two EIPs, a FIP, a DNAT and an SNAT, all ready and programmed; nothing happens."));
    Gateway gw = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    String t0 = redoStamp(T0_MS);
    Res eip1 = eip(s, gw, "eip-1", "172.19.0.11", "fip", t0);
    Res eip2 = eip(s, gw, "eip-2", "172.19.0.12", "dnat,snat", t0);
    Res fip1 = fip(s, gw, "fip-1", eip1, "10.0.1.11", t0);
    Res dnat1 = dnat(s, gw, "dnat-1", eip2, "tcp", "8080", "10.0.1.21", "80", t0);
    Res snat1 = snat(s, gw, "snat-1", eip2, "10.0.1.0/24", t0);
    start(s, new Gateway[] {gw}, eip1, eip2, fip1, dnat1, snat1);
    return finish(s, 2500);
  }

  static History podMovedAndReprogrammed() {
    Scenario s = new Scenario("pod-moved", V113, 12, good(
        "The gateway pod is deleted and re-created on another node (reference §2.6); while the fault is active and"
            + " until init the pod has nothing; redo marks every EIP/FIP/SNAT {ready:false, redo:T1} and the update"
            + " workers re-program them one by one (eip-add 300 ms each); no resource is touched meanwhile."));
    Gateway gw = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    String t0 = redoStamp(T0_MS);
    Res eip1 = eip(s, gw, "eip-1", "172.19.0.11", "fip", t0);
    Res eip2 = eip(s, gw, "eip-2", "172.19.0.12", "fip", t0);
    Res eip3 = eip(s, gw, "eip-3", "172.19.0.13", "snat", t0);
    Res fip1 = fip(s, gw, "fip-1", eip1, "10.0.1.11", t0);
    Res fip2 = fip(s, gw, "fip-2", eip2, "10.0.1.12", t0);
    Res snat1 = snat(s, gw, "snat-1", eip3, "10.0.1.0/24", t0);
    start(s, new Gateway[] {gw}, eip1, eip2, eip3, fip1, fip2, snat1);

    movePod(s, gw, "f1", 1000, "kube-ovn-worker2", 1060, 1400, 1450);
    initPod(s, gw, 1500, 1520);
    String t1 = redoStamp(1060);
    // redo marking (§2.6 step 4), interleaved with the update workers it wakes; nothing orders the FIP and SNAT
    // re-programming after the EIP redo (§2.6 step 5)
    mark(s, 1530, eip1, t1);
    mark(s, 1535, fip1, t1);
    mark(s, 1542, eip2, t1);
    s.at(1545);
    gw.eipAdd("172.19.0.11");
    mark(s, 1547, fip2, t1);
    mark(s, 1560, eip3, t1);
    s.at(1562);
    gw.fipAdd("172.19.0.11", "10.0.1.11");
    mark(s, 1565, snat1, t1);
    setReady(s, 1570, fip1);
    s.at(1590);
    gw.fipAdd("172.19.0.12", "10.0.1.12");
    setReady(s, 1600, fip2);
    s.at(1605);
    gw.snatAdd("172.19.0.13", "10.0.1.0/24");
    setReady(s, 1610, snat1);
    // the single EIP-update worker: ip addr replace, arping -D for 300 ms, then ready; one EIP after the other
    setReady(s, 1845, eip1);
    s.at(1850);
    gw.eipAdd("172.19.0.12");
    setReady(s, 2150, eip2);
    s.at(2155);
    gw.eipAdd("172.19.0.13");
    setReady(s, 2455, eip3);
    return finish(s, 3000);
  }

  static History fipRulesReaddedAfterCreate() {
    Scenario s = new Scenario("fip-create-delete", V113, 13, good(
        "A FIP is created: the add handler programs it and sets it ready; its own status patch fires one update"
            + " pass that deletes and re-adds its rules (reference §2.4), a gap shorter than grace. Then another FIP"
            + " is deleted properly: finalizer, floating-ip-del, and the EIP reset 300 ms later clears status.nat."));
    Gateway gw = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    String t0 = redoStamp(T0_MS);
    Res eip1 = eip(s, gw, "eip-1", "172.19.0.11", "fip", t0);
    Res eip2 = eip(s, gw, "eip-2", "172.19.0.12", null, t0);
    Res fip1 = fip(s, gw, "fip-1", eip1, "10.0.1.11", t0);
    start(s, new Gateway[] {gw}, eip1, eip2, fip1);

    s.at(1000);
    long create = s.invoke("create", "fip", "fip-2", Map.of("eip", "eip-2", "internalIp", "10.0.1.12"));
    Res fip2 = s.fip("fip-2", "eip-2", "10.0.1.12");
    s.at(1010).complete(create, OperationPhase.OK, null).added(fip2);
    s.at(1030);
    gw.fipAdd("172.19.0.12", "10.0.1.12");
    s.at(1040).modified(programmed(fip2, "172.19.0.12", "gw1", null));
    s.at(1045).modified(fip2);
    s.at(1050).modified(fip2.finalizer(true));
    s.at(1055);
    eip2.nat = "fip";
    s.modified(eip2);
    // update pass for the status change: floating-ip-del, conntrack -D, floating-ip-add
    s.at(1065);
    gw.fipDel("172.19.0.12", "10.0.1.12");
    s.at(1215);
    gw.fipAdd("172.19.0.12", "10.0.1.12");

    s.at(2000);
    long delete = s.invoke("delete", "fip", "fip-1", Map.of());
    s.at(2010).complete(delete, OperationPhase.OK, null);
    fip1.terminating = true;
    s.modified(fip1);
    s.at(2030);
    gw.fipDel("172.19.0.11", "10.0.1.11");
    s.at(2040).modified(fip1.finalizer(false));
    s.at(2041).deleted(fip1);
    s.at(2345);
    eip1.nat = null;
    s.modified(eip1);
    return finish(s, 3000);
  }

  static History resourcesCreatedThenReady() {
    Scenario s = new Scenario("create-eip-snat-dnat", V113, 14, good(
        "An EIP is created: the add handler puts the allocated address on net1, probes it for 300 ms, then writes"
            + " spec.v4ip and status (a short window where the address belongs to no EIP). Then an SNAT and a DNAT"
            + " on it, each added, set ready, and re-added once by its update pass."));
    Gateway gw = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    String t0 = redoStamp(T0_MS);
    Res eip1 = eip(s, gw, "eip-1", "172.19.0.11", "fip", t0);
    Res fip1 = fip(s, gw, "fip-1", eip1, "10.0.1.11", t0);
    start(s, new Gateway[] {gw}, eip1, fip1);

    s.at(800);
    long createEip = s.invoke("create", "eip", "eip-5", Map.of("natGwDp", "gw1"));
    Res eip5 = s.eip("eip-5", "gw1");
    s.at(810).complete(createEip, OperationPhase.OK, null).added(eip5);
    s.at(840);
    gw.eipAdd("172.19.0.15");
    s.at(1145);
    eip5.requestedV4ip = "172.19.0.15";
    s.modified(eip5);
    s.at(1150);
    eip5.ready = true;
    eip5.v4ip = "172.19.0.15";
    s.modified(eip5);
    s.at(1155);
    eip5.label = "172.19.0.15";
    s.modified(eip5);
    s.at(1160).modified(eip5.finalizer(true));

    s.at(1300);
    long createSnat = s.invoke("create", "snat", "snat-5", Map.of("eip", "eip-5", "internalCIDR", "10.0.1.0/24"));
    Res snat5 = s.snat("snat-5", "eip-5", "10.0.1.0/24");
    s.at(1310).complete(createSnat, OperationPhase.OK, null).added(snat5);
    s.at(1330);
    gw.snatAdd("172.19.0.15", "10.0.1.0/24");
    s.at(1340).modified(programmed(snat5, "172.19.0.15", "gw1", null));
    s.at(1345).modified(snat5);
    s.at(1350);
    eip5.nat = "snat";
    s.modified(eip5);
    s.at(1360);
    gw.snatDel("172.19.0.15", "10.0.1.0/24");
    s.at(1420);
    gw.snatAdd("172.19.0.15", "10.0.1.0/24");

    s.at(1500);
    long createDnat = s.invoke("create", "dnat", "dnat-5", Map.of("eip", "eip-5", "protocol", "tcp",
        "externalPort", "2222", "internalIp", "10.0.1.25", "internalPort", "22"));
    Res dnat5 = s.dnat("dnat-5", "eip-5", "tcp", "2222", "10.0.1.25", "22");
    s.at(1510).complete(createDnat, OperationPhase.OK, null).added(dnat5);
    s.at(1530);
    gw.dnatAdd("172.19.0.15", "2222", "tcp", "10.0.1.25", "22");
    s.at(1540).modified(programmed(dnat5, "172.19.0.15", "gw1", null));
    s.at(1545).modified(dnat5);
    s.at(1550).modified(dnat5.finalizer(true));
    s.at(1555);
    eip5.nat = "dnat,snat";
    s.modified(eip5);
    s.at(1560);
    gw.dnatDel("172.19.0.15", "2222", "tcp", "10.0.1.25", "22");
    s.at(1600);
    gw.dnatAdd("172.19.0.15", "2222", "tcp", "10.0.1.25", "22");
    return finish(s, 2500);
  }

  // ---- bad ----

  static History redoResetReady() {
    Scenario s = new Scenario("fip-delete-during-redo", V113, 21, bad(
        "kube-ovn#5114 (reference §2.7): the gateway pod moves; redo marks eip-1..4 {ready:false, redo:T1}; the"
            + " single EIP worker re-adds one address per 300 ms; fip-4 is deleted meanwhile and the EIP reset 300 ms"
            + " later patches eip-4 ready=true with the same redo; when the worker reaches eip-4 it sees it ready and"
            + " skips it: eip-4 stays ready without its address on the new pod, also after quiesce and settle.",
        "S1", "eip/eip-4", KnownIssues.REDO_RESET_READY, null));
    Gateway gw = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    String t0 = redoStamp(T0_MS);
    Res[] eips = new Res[5];
    Res[] fips = new Res[5];
    for (int i = 1; i <= 4; i++) {
      eips[i] = eip(s, gw, "eip-" + i, "172.19.0.1" + i, "fip", t0);
      fips[i] = fip(s, gw, "fip-" + i, eips[i], "10.0.1.1" + i, t0);
    }
    start(s, new Gateway[] {gw}, eips[1], eips[2], eips[3], eips[4], fips[1], fips[2], fips[3], fips[4]);

    movePod(s, gw, "f1", 1000, "kube-ovn-worker2", 1060, 1400, 1450);
    initPod(s, gw, 1500, 1520);
    String t1 = redoStamp(1060);
    for (int i = 1; i <= 4; i++) {
      markRedo(s, 1530 + (i - 1) * 12, eips[i], fips[i], t1);
    }
    // EIP worker: eip-1 from 1580 (ip addr replace, arping -D 300 ms, ready)
    s.at(1580);
    gw.eipAdd("172.19.0.11");
    // FIP worker: re-adds fip-1..3
    s.at(1590);
    gw.fipAdd("172.19.0.11", "10.0.1.11");
    setReady(s, 1600, fips[1]);
    s.at(1610);
    long delete = s.invoke("delete", "fip", "fip-4", Map.of());
    s.at(1618).complete(delete, OperationPhase.OK, null);
    fips[4].terminating = true;
    s.modified(fips[4]);
    s.at(1620);
    gw.fipAdd("172.19.0.12", "10.0.1.12");
    setReady(s, 1630, fips[2]);
    s.at(1650);
    gw.fipAdd("172.19.0.13", "10.0.1.13");
    setReady(s, 1660, fips[3]);
    // fip-4's update: delete branch, floating-ip-del (nothing there yet), finalizer off, reset eip-4 in 300 ms
    s.at(1680).modified(fips[4].finalizer(false));
    s.at(1681).deleted(fips[4]);
    setReady(s, 1880, eips[1]);
    s.at(1885);
    gw.eipAdd("172.19.0.12");
    s.at(1985);
    eips[4].ready = true;
    eips[4].nat = null;
    s.modified(eips[4]);
    setReady(s, 2185, eips[2]);
    s.at(2190);
    gw.eipAdd("172.19.0.13");
    setReady(s, 2490, eips[3]);
    // the worker reaches eip-4 at 2495: its lister copy says ready, the redo branch is skipped
    return finish(s, 3000);
  }

  static History quickFipAddDelete() {
    Scenario s = new Scenario("fip-quick-add-delete", V113, 22, bad(
        "kube-ovn#5115 (reference §2.8 steps 1-3): fip-9 is created and deleted while its add handler waits for the"
            + " hashed key lock; with no finalizer yet the API server removes it at once; the handler then runs"
            + " floating-ip-add and its patches get NotFound. Its EXCLUSIVE_DNAT and EXCLUSIVE_SNAT rules stay.",
        "S3", "rule/-A EXCLUSIVE_DNAT -d 172.19.0.12/32 -j DNAT --to-destination 10.0.1.42", KnownIssues.QUICK_ADD_DELETE_LEAK,
        "rule/-A EXCLUSIVE_SNAT -s 10.0.1.42/32 -j SNAT --to-source 172.19.0.12"));
    Gateway gw = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    String t0 = redoStamp(T0_MS);
    Res eip1 = eip(s, gw, "eip-1", "172.19.0.11", "fip", t0);
    Res eip2 = eip(s, gw, "eip-2", "172.19.0.12", null, t0);
    Res fip1 = fip(s, gw, "fip-1", eip1, "10.0.1.11", t0);
    start(s, new Gateway[] {gw}, eip1, eip2, fip1);
    quickAddDelete(s, gw, 1000);
    return finish(s, 2000);
  }

  /** fip-9 on eip-2: created, deleted before its add handler got the lock, programmed anyway. */
  private static Res quickAddDelete(Scenario s, Gateway gw, long ms) {
    s.at(ms);
    long create = s.invoke("create", "fip", "fip-9", Map.of("eip", "eip-2", "internalIp", "10.0.1.42"));
    Res fip9 = s.fip("fip-9", "eip-2", "10.0.1.42");
    s.at(ms + 8).complete(create, OperationPhase.OK, null).added(fip9);
    s.at(ms + 30);
    long delete = s.invoke("delete", "fip", "fip-9", Map.of());
    s.at(ms + 36).complete(delete, OperationPhase.OK, null).deleted(fip9);
    s.at(ms + 90);
    gw.fipAdd("172.19.0.12", "10.0.1.42");
    return fip9;
  }

  static History staleNatAfterQuickDelete() {
    Scenario s = new Scenario("fip-quick-add-delete-nat", V113, 23, bad(
        "kube-ovn#5115 (reference §2.8 step 3): fip-9 is programmed, patched ready and labelled, then deleted before"
            + " the add handler's finalizer patch; the handler's last step, patchEipStatus(eip-2), recomputes nat from"
            + " a lister that still holds fip-9 and writes nat=fip. Without a finalizer no delete path runs, so no reset"
            + " ever corrects eip-2's status.nat, and fip-9's rules stay.",
        "S4", "eip/eip-2", KnownIssues.QUICK_ADD_DELETE_LEAK,
        "rule/-A EXCLUSIVE_DNAT -d 172.19.0.12/32 -j DNAT --to-destination 10.0.1.42;"
            + "rule/-A EXCLUSIVE_SNAT -s 10.0.1.42/32 -j SNAT --to-source 172.19.0.12"));
    Gateway gw = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    String t0 = redoStamp(T0_MS);
    Res eip1 = eip(s, gw, "eip-1", "172.19.0.11", "fip", t0);
    Res eip2 = eip(s, gw, "eip-2", "172.19.0.12", null, t0);
    Res fip1 = fip(s, gw, "fip-1", eip1, "10.0.1.11", t0);
    start(s, new Gateway[] {gw}, eip1, eip2, fip1);

    s.at(1000);
    long create = s.invoke("create", "fip", "fip-9", Map.of("eip", "eip-2", "internalIp", "10.0.1.42"));
    Res fip9 = s.fip("fip-9", "eip-2", "10.0.1.42");
    s.at(1008).complete(create, OperationPhase.OK, null).added(fip9);
    s.at(1035);
    gw.fipAdd("172.19.0.12", "10.0.1.42");
    s.at(1040).modified(programmed(fip9, "172.19.0.12", "gw1", null));
    s.at(1042);
    long delete = s.invoke("delete", "fip", "fip-9", Map.of());
    s.at(1045).modified(fip9);
    s.at(1048).complete(delete, OperationPhase.OK, null).deleted(fip9);
    s.at(1055);
    eip2.nat = "fip";
    s.modified(eip2);
    return finish(s, 2000);
  }

  static History fipBoundToLeakedRule() {
    Scenario s = new Scenario("fip-after-leak", V113, 24, bad(
        "kube-ovn#5115 consequence (reference §2.8 step 4): fip-9's quick add+delete leaks EXCLUSIVE rules for eip-2"
            + " to 10.0.1.42; fip-10 on eip-2 for 10.0.1.43 then runs floating-ip-add, whose existence check matches"
            + " the leaked DNAT rule and exits 0; fip-10 is marked ready while eip-2 still forwards to 10.0.1.42 (its"
            + " update pass fails on floating-ip-del and retries with backoff, changing nothing).",
        "S2", "fip/fip-10", KnownIssues.QUICK_ADD_DELETE_LEAK,
        "rule/-A EXCLUSIVE_DNAT -d 172.19.0.12/32 -j DNAT --to-destination 10.0.1.42;"
            + "rule/-A EXCLUSIVE_SNAT -s 10.0.1.42/32 -j SNAT --to-source 172.19.0.12"));
    Gateway gw = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    String t0 = redoStamp(T0_MS);
    Res eip1 = eip(s, gw, "eip-1", "172.19.0.11", "fip", t0);
    Res eip2 = eip(s, gw, "eip-2", "172.19.0.12", null, t0);
    Res fip1 = fip(s, gw, "fip-1", eip1, "10.0.1.11", t0);
    start(s, new Gateway[] {gw}, eip1, eip2, fip1);
    quickAddDelete(s, gw, 1000);

    s.at(2000);
    long create = s.invoke("create", "fip", "fip-10", Map.of("eip", "eip-2", "internalIp", "10.0.1.43"));
    Res fip10 = s.fip("fip-10", "eip-2", "10.0.1.43");
    s.at(2008).complete(create, OperationPhase.OK, null).added(fip10);
    s.at(2020);
    if (gw.fipAdd("172.19.0.12", "10.0.1.43")) {
      throw new IllegalStateException("the leaked rule should have made floating-ip-add a no-op");
    }
    s.at(2030).modified(programmed(fip10, "172.19.0.12", "gw1", null));
    s.at(2035).modified(fip10);
    s.at(2040).modified(fip10.finalizer(true));
    s.at(2045);
    eip2.nat = "fip";
    s.modified(eip2);
    s.at(2060);
    if (gw.fipDel("172.19.0.12", "10.0.1.43")) {
      throw new IllegalStateException("floating-ip-del should fail on the leaked rule");
    }
    return finish(s, 3000);
  }

  static History snatDeletedBeforeFinalizer() {
    Scenario s = new Scenario("snat-quick-delete", V114, 26, bad(
        "kube-ovn#5115's window on an SNAT (up to v1.15 the SNAT add handler programs the rule, patches the status"
            + " ready and the label, then adds the finalizer): snat-9 is deleted after its ready status, before the"
            + " finalizer; it goes at once and its SHARED_SNAT rule stays. Not #5799 (fixed in v1.14.15): snat-1 has"
            + " the finalizer, so the helper adds it.",
        "S3", "rule/-A SHARED_SNAT -s 10.0.1.109/32 -o net1 -j SNAT --to-source 172.19.0.12 --random-fully",
        KnownIssues.QUICK_ADD_DELETE_LEAK, null));
    snatDeletedAfterReady(s);
    return finish(s, 2000);
  }

  /**
   * As {@link #snatDeletedBeforeFinalizer}, seen through the EIP: the add handler's last step writes eip-2's
   * {@code nat} from a lister that still holds snat-9. A ready SNAT that never had the finalizer, in a run where
   * another SNAT had it: #5115, as for its leaked rule, not #5799.
   */
  static History staleNatAfterSnatDeletedBeforeFinalizer() {
    Scenario s = new Scenario("snat-quick-delete-nat", V114, 27, bad(
        "kube-ovn#5115's window on an SNAT, seen on its EIP: snat-9 is programmed and patched ready, then deleted"
            + " before the add handler's finalizer patch; the handler's last step, patchEipStatus(eip-2), computes"
            + " nat from a lister that still holds snat-9 and writes nat=snat. No delete path runs, so no reset"
            + " corrects eip-2, and the SHARED_SNAT rule stays. Not #5799 (fixed in v1.14.15): snat-1 has the"
            + " finalizer.",
        "S4", "eip/eip-2", KnownIssues.QUICK_ADD_DELETE_LEAK,
        "rule/-A SHARED_SNAT -s 10.0.1.109/32 -o net1 -j SNAT --to-source 172.19.0.12 --random-fully"));
    Res eip2 = snatDeletedAfterReady(s);
    s.at(1050);
    eip2.nat = "snat";
    s.modified(eip2);
    return finish(s, 2000);
  }

  /**
   * snat-9 on eip-2 is programmed and patched ready, then deleted before its finalizer; snat-1 on eip-3 has the
   * finalizer. Returns eip-2.
   */
  private static Res snatDeletedAfterReady(Scenario s) {
    Gateway gw = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    String t0 = redoStamp(T0_MS);
    Res eip1 = eip(s, gw, "eip-1", "172.19.0.11", "fip", t0);
    Res eip2 = eip(s, gw, "eip-2", "172.19.0.12", null, t0);
    Res eip3 = eip(s, gw, "eip-3", "172.19.0.13", "snat", t0);
    Res fip1 = fip(s, gw, "fip-1", eip1, "10.0.1.11", t0);
    Res snat1 = snat(s, gw, "snat-1", eip3, "10.0.1.128/25", t0).finalizer(true);
    start(s, new Gateway[] {gw}, eip1, eip2, eip3, fip1, snat1);

    s.at(1000);
    long create = s.invoke("create", "snat", "snat-9", Map.of("eip", "eip-2", "internalCIDR", "10.0.1.109/32"));
    Res snat9 = s.snat("snat-9", "eip-2", "10.0.1.109/32");
    s.at(1008).complete(create, OperationPhase.OK, null).added(snat9);
    s.at(1030);
    gw.snatAdd("172.19.0.12", "10.0.1.109/32");
    s.at(1036).modified(programmed(snat9, "172.19.0.12", "gw1", null));
    s.at(1040);
    long delete = s.invoke("delete", "snat", "snat-9", Map.of());
    s.at(1044).complete(delete, OperationPhase.OK, null).deleted(snat9);
    return eip2;
  }

  static History snatWithoutFinalizer() {
    Scenario s = new Scenario("snat-delete", V113, 25, bad(
        "kube-ovn#5799 (reference §1.5, §6): handleAddIptablesSnatFinalizer calls RemoveFinalizer, so snat-2 becomes"
            + " ready without the controller finalizer; deleting it removes it at once, only the log-only delete"
            + " handler runs, and its SHARED_SNAT rule stays. eip-3 keeps nat=snat rightly: snat-1 still uses it.",
        "S3", "rule/-A SHARED_SNAT -s 10.0.1.128/25 -o net1 -j SNAT --to-source 172.19.0.13 --random-fully",
        KnownIssues.SNAT_FINALIZER_REMOVED, null));
    Gateway gw = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    String t0 = redoStamp(T0_MS);
    Res eip1 = eip(s, gw, "eip-1", "172.19.0.11", "fip", t0);
    Res eip3 = eip(s, gw, "eip-3", "172.19.0.13", "snat", t0);
    Res fip1 = fip(s, gw, "fip-1", eip1, "10.0.1.11", t0);
    Res snat1 = snat(s, gw, "snat-1", eip3, "10.0.1.0/25", t0);
    start(s, new Gateway[] {gw}, eip1, eip3, fip1, snat1);

    s.at(1000);
    long create = s.invoke("create", "snat", "snat-2", Map.of("eip", "eip-3", "internalCIDR", "10.0.1.128/25"));
    Res snat2 = s.snat("snat-2", "eip-3", "10.0.1.128/25");
    s.at(1008).complete(create, OperationPhase.OK, null).added(snat2);
    s.at(1030);
    gw.snatAdd("172.19.0.13", "10.0.1.128/25");
    s.at(1035).modified(programmed(snat2, "172.19.0.13", "gw1", null));
    s.at(1040).modified(snat2);
    // update pass for the status change: snat-del, snat-add
    s.at(1055);
    gw.snatDel("172.19.0.13", "10.0.1.128/25");
    s.at(1115);
    gw.snatAdd("172.19.0.13", "10.0.1.128/25");

    s.at(2000);
    long delete = s.invoke("delete", "snat", "snat-2", Map.of());
    s.at(2006).complete(delete, OperationPhase.OK, null).deleted(snat2);
    return finish(s, 3000);
  }

  static History containerRestart() {
    Scenario s = new Scenario("gateway-node-reboot", V113, 26, bad(
        "kube-ovn#5029 (reference §2.6 step 7): the gateway's node reboots; the pod keeps its uid and its init"
            + " annotation, its container restarts (restartCount 1) in a new network namespace with only its own"
            + " net1 address and no nat chains; v1.13 never re-initialises an annotated pod, so every ready EIP,"
            + " FIP and SNAT claims state the pod no longer has.",
        "S1", "eip/eip-1", KnownIssues.CONTAINER_RESTART_STATE_LOST, "eip/eip-2;fip/fip-1;snat/snat-1"));
    Gateway gw = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    String t0 = redoStamp(T0_MS);
    Res eip1 = eip(s, gw, "eip-1", "172.19.0.11", "fip", t0);
    Res eip2 = eip(s, gw, "eip-2", "172.19.0.12", "snat", t0);
    Res fip1 = fip(s, gw, "fip-1", eip1, "10.0.1.11", t0);
    Res snat1 = snat(s, gw, "snat-1", eip2, "10.0.1.0/24", t0);
    start(s, new Gateway[] {gw}, eip1, eip2, fip1, snat1);

    s.at(1000).fault("f1", "reboot-gateway-node", FaultPhase.START, "docker restart kube-ovn-worker (hosts "
        + gw.podName() + " uid=" + gw.uid + ")");
    gw.reachable = false;
    s.at(1010);
    gw.wipe();
    s.at(1600);
    gw.restartCount = 1;
    gw.reachable = true;
    s.podObserved(ChangeType.MODIFIED, gw);
    s.at(1650).fault("f1", "reboot-gateway-node", FaultPhase.END, "kube-ovn-worker Ready; " + gw.podName()
        + " Running, restartCount=1");
    return finish(s, 2500);
  }

  static History terminatingAfterRestart() {
    Scenario s = new Scenario("fip-delete-controller-restart", V113, 27, bad(
        "kube-ovn#7210 (reference §3.3): fip-3 is deleted; its update handler runs floating-ip-del, and the controller"
            + " is killed before it removes the finalizer. The new controller's informer lists the terminating fip-3"
            + " as an add; the add handler returns early for a ready object, and the finalizer is never released.",
        "LIVENESS", "fip/fip-3", KnownIssues.TERMINATING_AFTER_CONTROLLER_RESTART, null));
    Gateway gw = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    String t0 = redoStamp(T0_MS);
    Res eip1 = eip(s, gw, "eip-1", "172.19.0.11", "fip", t0);
    Res eip3 = eip(s, gw, "eip-3", "172.19.0.13", "fip", t0);
    Res fip1 = fip(s, gw, "fip-1", eip1, "10.0.1.11", t0);
    Res fip3 = fip(s, gw, "fip-3", eip3, "10.0.1.13", t0);
    start(s, new Gateway[] {gw}, eip1, eip3, fip1, fip3);

    s.at(1000);
    long delete = s.invoke("delete", "fip", "fip-3", Map.of());
    s.at(1006).complete(delete, OperationPhase.OK, null);
    fip3.terminating = true;
    s.modified(fip3);
    s.at(1025);
    gw.fipDel("172.19.0.13", "10.0.1.13");
    s.at(1030).fault("f1", "restart-kube-ovn-controller", FaultPhase.START,
        "kubectl -n kube-system delete pod -l app=kube-ovn-controller");
    s.at(1650).fault("f1", "restart-kube-ovn-controller", FaultPhase.END, "kube-ovn-controller Running and leader");
    return finish(s, 2500);
  }

  static History restartBetweenDelAndAdd() {
    Scenario s = new Scenario("fip-update-controller-restart", V113, 32, bad(
        "candidate (twin-derived, reference §3.3 on #6412): fip-2 is ready; a status change sends it through the"
            + " update handler, which before v1.16 re-programs it as floating-ip-del then floating-ip-add. The"
            + " controller is killed between the two; the new controller's add handler returns early for the ready"
            + " fip-2, and its rules are gone for good.",
        "S2", "fip/fip-2", KnownIssues.RESTART_BETWEEN_DEL_AND_ADD, null));
    Gateway gw = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    String t0 = redoStamp(T0_MS);
    Res eip1 = eip(s, gw, "eip-1", "172.19.0.11", "fip", t0);
    Res eip2 = eip(s, gw, "eip-2", "172.19.0.12", "fip", t0);
    Res fip1 = fip(s, gw, "fip-1", eip1, "10.0.1.11", t0);
    Res fip2 = fip(s, gw, "fip-2", eip2, "10.0.1.12", t0);
    start(s, new Gateway[] {gw}, eip1, eip2, fip1, fip2);

    s.at(1000).modified(fip2);
    s.at(1020);
    gw.fipDel("172.19.0.12", "10.0.1.12");
    s.at(1030).fault("f1", "restart-kube-ovn-controller", FaultPhase.START,
        "kubectl -n kube-system delete pod -l app=kube-ovn-controller");
    s.at(1650).fault("f1", "restart-kube-ovn-controller", FaultPhase.END, "kube-ovn-controller Running and leader");
    return finish(s, 4000);
  }

  static History stalePatchRevertsRedo() {
    Scenario s = new Scenario("fip-add-during-redo", V113, 31, bad(
        "candidate (reference §6 candidate 5, seen on the twin): the gateway pod moves and redo marks eip-2"
            + " {ready:false, redo:T1}. A FIP add on eip-2 that read eip-2 before the mark ends with patchEipStatus"
            + " from that copy: the whole status goes back to {ready:true, redo:T0}. The EIP worker then sees eip-2 ready"
            + " with an unchanged redo and never re-adds 172.19.0.12 on the new pod.",
        "S1", "eip/eip-2", KnownIssues.STALE_STATUS_PATCH, null));
    return fipAddRevertsRedoMark(s, redoStamp(T0_MS));
  }

  /** As {@link #stalePatchRevertsRedo}, for an EIP created after its gateway's init: it had no redo stamp to revert to. */
  static History stalePatchClearsRedo() {
    Scenario s = new Scenario("fip-add-during-first-redo", V113, 32, bad(
        "candidate (seen on the twin, v1.14.41): eip-2 was created after its gateway's init and never had a redo"
            + " stamp. The pod moves and redo marks eip-2 {ready:false, redo:T1}; a FIP add that read eip-2 before the"
            + " mark writes the whole status back from that copy, {ready:true} without a stamp, and 172.19.0.12 never"
            + " reaches the new pod.",
        "S1", "eip/eip-2", KnownIssues.STALE_STATUS_PATCH, null));
    return fipAddRevertsRedoMark(s, null);
  }

  /** eip-2 (redo stamp {@code eip2Redo}) is marked for the moved pod, then a FIP add writes its old status back. */
  private static History fipAddRevertsRedoMark(Scenario s, String eip2Redo) {
    Gateway gw = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    String t0 = redoStamp(T0_MS);
    Res eip1 = eip(s, gw, "eip-1", "172.19.0.11", "fip", t0);
    Res eip2 = eip(s, gw, "eip-2", "172.19.0.12", null, eip2Redo);
    Res fip1 = fip(s, gw, "fip-1", eip1, "10.0.1.11", t0);
    start(s, new Gateway[] {gw}, eip1, eip2, fip1);

    movePod(s, gw, "f1", 1000, "kube-ovn-worker2", 1060, 1400, 1450);
    initPod(s, gw, 1500, 1520);
    String t1 = redoStamp(1060);
    markRedo(s, 1530, eip1, fip1, t1);
    mark(s, 1545, eip2, t1);
    // fip-2 on eip-2, created just before: its add handler programs it and patches eip-2 from its old copy
    long create = s.invoke("create", "fip", "fip-2", Map.of("eip", "eip-2", "internalIp", "10.0.1.12"));
    Res fip2 = s.fip("fip-2", "eip-2", "10.0.1.12");
    s.at(1550).complete(create, OperationPhase.OK, null).added(fip2);
    s.at(1570);
    gw.fipAdd("172.19.0.12", "10.0.1.12");
    s.at(1580).modified(programmed(fip2, "172.19.0.12", "gw1", null).finalizer(true));
    s.at(1590);
    eip2.ready = true;
    eip2.redo = eip2Redo;
    eip2.nat = "fip";
    s.modified(eip2);
    s.at(1600);
    gw.eipAdd("172.19.0.11");
    s.at(1610);
    gw.fipAdd("172.19.0.11", "10.0.1.11");
    setReady(s, 1620, fip1);
    setReady(s, 1900, eip1);
    return finish(s, 3500);
  }

  static History resetLostOnRestart() {
    Scenario s = new Scenario("snat-delete-controller-restart", V116, 30, bad(
        "candidate (twin-derived, reference §2.2): snat-2, the only SNAT on eip-6, is deleted the regular way: its"
            + " update handler runs snat-del and releases the finalizer, and the delete handler schedules the EIP"
            + " reset a few seconds later. The controller restarts before the reset fires; the queued reset dies"
            + " with it, the new controller's EIP add path returns early for a ready EIP, and eip-6 keeps nat=snat.",
        "S4", "eip/eip-6", KnownIssues.RESET_LOST_ON_RESTART, null));
    Gateway gw = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    String t0 = redoStamp(T0_MS);
    Res eip1 = eip(s, gw, "eip-1", "172.19.0.11", "fip", t0);
    Res eip6 = eip(s, gw, "eip-6", "172.19.0.16", "snat", t0);
    Res fip1 = fip(s, gw, "fip-1", eip1, "10.0.1.11", t0);
    Res snat2 = snat(s, gw, "snat-2", eip6, "10.0.1.0/24", t0).finalizer(true);
    start(s, new Gateway[] {gw}, eip1, eip6, fip1, snat2);

    s.at(1000);
    long delete = s.invoke("delete", "snat", "snat-2", Map.of());
    s.at(1006).complete(delete, OperationPhase.OK, null);
    snat2.terminating = true;
    s.modified(snat2);
    s.at(1020);
    gw.snatDel("172.19.0.16", "10.0.1.0/24");
    s.at(1030).modified(snat2.finalizer(false));
    s.at(1032).deleted(snat2);
    s.at(1200).fault("f1", "restart-kube-ovn-controller", FaultPhase.START,
        "kubectl -n kube-system delete pod -l app=kube-ovn-controller");
    s.at(1800).fault("f1", "restart-kube-ovn-controller", FaultPhase.END, "kube-ovn-controller Running and leader");
    return finish(s, 5000);
  }

  static History globalRedoStamp() {
    Map<String, String> parameters = bad(
        "Candidate bug 2 (reference §6, v1.16+): a node drain re-creates the pods of gw1 (06:00:00) and gw2 (06:00:01)."
            + " Both inits run before gw1's FIP redo marking, which reads the one global natGwCreatedAT, now gw2's"
            + " 06:00:01; fip-1 is marked {ready:false, redo:06:00:01}, and the v1.16 redo skips re-creating it because"
            + " gw1's pod started before that stamp. fip-1 stays not ready, its rules absent.",
        "LIVENESS", "fip/fip-1", KnownIssues.GLOBAL_REDO_STAMP, null);
    parameters.put("internalSubnet", "10.0.1.0/24 (gw1), 10.0.2.0/24 (gw2)");
    Scenario s = new Scenario("drain-two-gateways", V116, 28, parameters);
    Gateway gw1 = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", true);
    Gateway gw2 = gateway(s, "gw2", "kube-ovn-worker", T0_MS + 7_000, "172.19.0.6", true);
    String t0 = redoStamp(T0_MS + 7_000);
    Res eip1 = eip(s, gw1, "eip-1", "172.19.0.11", "fip", t0);
    Res eip2 = eip(s, gw2, "eip-2", "172.19.0.21", "fip", t0);
    Res fip1 = fip(s, gw1, "fip-1", eip1, "10.0.1.11", t0);
    Res fip2 = fip(s, gw2, "fip-2", eip2, "10.0.2.21", t0);
    start(s, new Gateway[] {gw1, gw2}, eip1, eip2, fip1, fip2);

    s.at(700).fault("f1", "drain-node", FaultPhase.START, "kubectl drain kube-ovn-worker (hosts " + gw1.podName()
        + " and " + gw2.podName() + ")");
    gw1.terminating = true;
    s.podObserved(ChangeType.MODIFIED, gw1);
    s.at(705);
    gw2.terminating = true;
    s.podObserved(ChangeType.MODIFIED, gw2);
    s.at(720);
    gw1.podExists = false;
    s.podObserved(ChangeType.DELETED, gw1);
    s.at(760);
    gw2.podExists = false;
    s.podObserved(ChangeType.DELETED, gw2);
    s.at(950);
    gw1.replacePod(s.newUid("pod"), "kube-ovn-worker2", rfc3339(950));
    s.podObserved(ChangeType.ADDED, gw1);
    s.at(990);
    gw1.phase = "Running";
    s.podObserved(ChangeType.MODIFIED, gw1);
    s.at(1020);
    gw2.replacePod(s.newUid("pod"), "kube-ovn-worker2", rfc3339(1020));
    s.podObserved(ChangeType.ADDED, gw2);
    s.at(1150);
    gw2.phase = "Running";
    s.podObserved(ChangeType.MODIFIED, gw2);
    s.at(1200).fault("f1", "drain-node", FaultPhase.END, "both gateway pods Running on kube-ovn-worker2");
    initPod(s, gw1, 1220, 1230);
    initPod(s, gw2, 1250, 1260);
    String stamp = redoStamp(1020);
    markRedo(s, 1272, eip1, fip1, stamp);
    markRedo(s, 1282, eip2, fip2, stamp);
    // fip-1: gw1's pod started at 06:00:00.990, before the stamp: "intact", skipped. fip-2 is re-created.
    s.at(1295);
    gw1.eipAdd("172.19.0.11");
    s.at(1310);
    gw2.fipAdd("172.19.0.21", "10.0.2.21");
    setReady(s, 1320, fip2);
    setReady(s, 1495, eip1);
    s.at(1500);
    gw2.eipAdd("172.19.0.21");
    setReady(s, 1700, eip2);
    return finish(s, 2200);
  }

  static History initStopsAtFirstGateway() {
    Map<String, String> parameters = bad(
        "Candidate bug 1 (reference §2.6 step 8, §6): gw2's pod is re-created; its init waits for the pod to run"
            + " and is retried; the controller restarts before the retry; the new controller's initVpcNatGw returns"
            + " at gw1, whose pod is initialised, so gw2's pod is never initialised.",
        "LIVENESS", "gateway/gw2", KnownIssues.INIT_STOPS_AT_FIRST_GATEWAY, null);
    parameters.put("internalSubnet", "10.0.1.0/24 (gw1), 10.0.2.0/24 (gw2)");
    Scenario s = new Scenario("gateway-pod-then-controller-restart", V113, 29, parameters);
    Gateway gw1 = gateway(s, "gw1", "kube-ovn-worker", T0_MS, "172.19.0.5", false);
    Gateway gw2 = gateway(s, "gw2", "kube-ovn-worker", T0_MS + 7_000, "172.19.0.6", false);
    String t0 = redoStamp(T0_MS);
    Res eip1 = eip(s, gw1, "eip-1", "172.19.0.11", "fip", t0);
    Res eip2 = eip(s, gw2, "eip-2", "172.19.0.21", "fip", t0);
    Res fip1 = fip(s, gw1, "fip-1", eip1, "10.0.1.11", t0);
    Res fip2 = fip(s, gw2, "fip-2", eip2, "10.0.2.21", t0);
    start(s, new Gateway[] {gw1, gw2}, eip1, eip2, fip1, fip2);

    movePod(s, gw2, "f1", 700, "kube-ovn-worker2", 760, 1100, 1150);
    s.at(1200).fault("f2", "restart-kube-ovn-controller", FaultPhase.START,
        "kubectl -n kube-system delete pod -l app=kube-ovn-controller");
    s.at(1750).fault("f2", "restart-kube-ovn-controller", FaultPhase.END, "kube-ovn-controller Running and leader");
    return finish(s, 2300);
  }
}

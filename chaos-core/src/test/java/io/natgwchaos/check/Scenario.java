package io.natgwchaos.check;

import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.gateway.IpAddrParser;
import io.natgwchaos.gateway.IptablesSaveParser;
import io.natgwchaos.history.ChangeType;
import io.natgwchaos.history.FaultEvent;
import io.natgwchaos.history.FaultPhase;
import io.natgwchaos.history.GatewayPodObserved;
import io.natgwchaos.history.GatewayPodState;
import io.natgwchaos.history.History;
import io.natgwchaos.history.HistoryEntry;
import io.natgwchaos.history.NatResourceState;
import io.natgwchaos.history.OperationEvent;
import io.natgwchaos.history.OperationPhase;
import io.natgwchaos.history.PhaseMarker;
import io.natgwchaos.history.ProbeFailed;
import io.natgwchaos.history.ResourceObserved;
import io.natgwchaos.history.RunPhase;
import io.natgwchaos.history.RunStarted;
import io.natgwchaos.history.SnapshotTaken;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.NatResourceKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A test fixture that writes histories the way a run records them: a scripted timeline of informer
 * observations, operations and faults, plus a model of each gateway pod's dataplane (net1 addresses and nat
 * rules, with the v1.13.4 script's semantics) that is probed every 50-100 ms of history time and recorded as
 * real {@code iptables-legacy-save -t nat} and {@code ip -o -4 addr} text parsed by the production parsers.
 */
final class Scenario {
  static final Instant WALL_START = Instant.parse("2026-11-26T06:00:00Z");
  static final String FINALIZER = KubeOvn.Finalizers.CONTROLLER;
  private static final long MS = 1_000_000L;

  private final List<HistoryEntry> entries = new ArrayList<>();
  private final Random random;
  private final Map<String, Gateway> gateways = new LinkedHashMap<>();
  private final Map<Long, OperationEvent> invocations = new HashMap<>();
  private long now;
  private long resourceVersion = 41_000;
  private long operationIds;
  private int uids;

  Scenario(String experiment, String kubeOvnVersion, long seed, Map<String, String> parameters) {
    random = new Random(seed);
    append(new RunStarted(0, 0, experiment, "twin", kubeOvnVersion, seed, WALL_START, new TreeMap<>(parameters)));
  }

  History history() {
    return new History(entries);
  }

  // ---- time ----

  /** Advances to {@code ms} after the start, probing every gateway whose probe is due on the way. */
  Scenario at(long ms) {
    long target = ms * MS;
    if (target < now) {
      throw new IllegalStateException("time runs forward: " + ms + " ms < " + now / MS + " ms");
    }
    while (true) {
      Gateway due = null;
      for (Gateway gateway : gateways.values()) {
        if (gateway.probing && gateway.nextProbe <= target && (due == null || gateway.nextProbe < due.nextProbe)) {
          due = gateway;
        }
      }
      if (due == null) {
        break;
      }
      now = Math.max(now, due.nextProbe);
      probe(due);
      due.nextProbe += (50 + random.nextInt(51)) * MS;
    }
    now = target;
    return this;
  }

  long nowMs() {
    return now / MS;
  }

  /** The wall-clock second {@code ms} after the start, as Kube-OVN stamps redo ({@code 2006-01-02T15:04:05}). */
  static String redoStamp(long ms) {
    return WALL_START.plusMillis(ms).toString().substring(0, 19);
  }

  static String rfc3339(long ms) {
    return WALL_START.plusMillis(ms).toString().substring(0, 19) + "Z";
  }

  String newUid(String prefix) {
    return String.format("%s-%08x-%04x", prefix, random.nextInt(), ++uids);
  }

  // ---- entries ----

  private void append(HistoryEntry entry) {
    entries.add(entry);
  }

  private long seq() {
    return entries.size();
  }

  Scenario phase(RunPhase phase) {
    append(new PhaseMarker(seq(), now, phase));
    return this;
  }

  Scenario fault(String faultId, String fault, FaultPhase phase, String detail) {
    append(new FaultEvent(seq(), now, faultId, fault, phase, detail));
    return this;
  }

  long invoke(String action, String kind, String name, Map<String, String> arguments) {
    long id = ++operationIds;
    OperationEvent op = new OperationEvent(seq(), now, id, "worker-" + (1 + id % 2), OperationPhase.INVOKE, action,
        kind, name, arguments, null);
    invocations.put(id, op);
    append(op);
    return id;
  }

  Scenario complete(long id, OperationPhase phase, String error) {
    OperationEvent op = invocations.get(id);
    append(new OperationEvent(seq(), now, id, op.worker(), phase, op.action(), op.kind(), op.name(), op.arguments(),
        error));
    return this;
  }

  /** An informer event for {@code resource} as it is now; ADDED/MODIFIED bump its resourceVersion. */
  Scenario observe(ChangeType change, Res resource) {
    resource.resourceVersion = String.valueOf(++resourceVersion);
    append(new ResourceObserved(seq(), now, change, resource.state()));
    return this;
  }

  Scenario added(Res resource) {
    return observe(ChangeType.ADDED, resource);
  }

  Scenario modified(Res resource) {
    return observe(ChangeType.MODIFIED, resource);
  }

  Scenario deleted(Res resource) {
    return observe(ChangeType.DELETED, resource);
  }

  Scenario podObserved(ChangeType change, Gateway gateway) {
    append(new GatewayPodObserved(seq(), now, change, gateway.podState()));
    return this;
  }

  // ---- the world ----

  Gateway gateway(String name, String node, long podCreatedMs) {
    Gateway gateway = new Gateway(name, node, newUid("pod"), rfc3339(podCreatedMs));
    gateways.put(name, gateway);
    return gateway;
  }

  /** Probes {@code gateway} now, whatever its schedule (tests that need snapshots at exact times). */
  Scenario probeNow(Gateway gateway) {
    probe(gateway);
    return this;
  }

  private void probe(Gateway gateway) {
    if (!gateway.reachable) {
      append(new ProbeFailed(seq(), now, gateway.name, "exec into " + gateway.podName()
          + " failed: container vpc-nat-gw is not running"));
      return;
    }
    if (!gateway.podExists || !"Running".equals(gateway.phase) || gateway.terminating) {
      append(new ProbeFailed(seq(), now, gateway.name, "pod " + gateway.podName() + " is not running"
          + (gateway.podExists ? " (phase " + gateway.phase + (gateway.terminating ? ", terminating" : "") + ")"
          : " (not found)")));
      return;
    }
    GatewaySnapshot snapshot = new GatewaySnapshot(gateway.name, KubeOvn.CONTROLLER_NAMESPACE, gateway.podName(),
        gateway.uid, gateway.node, WALL_START.plusNanos(now), gateway.initialised, gateway.restartCount,
        IpAddrParser.parse(gateway.ipAddr()), IptablesSaveParser.parse(gateway.iptablesSave()), null);
    append(new SnapshotTaken(seq(), now, snapshot));
  }

  /** A gateway pod and the state of its network namespace. */
  static final class Gateway {
    final String name;
    String node;
    String uid;
    String createdAt;
    String phase = "Running";
    boolean podExists = true;
    boolean initialised = true;
    boolean terminating;
    int restartCount;
    boolean probing = true;
    /** False while exec into the pod fails although the API says it is running (node reboot). */
    boolean reachable = true;
    long nextProbe;
    /** Whether the v1.16+ script writes HAIRPIN_SNAT rules. */
    boolean hairpin;
    String primary = "172.19.0.5";
    boolean chains;
    final Set<String> secondary = new LinkedHashSet<>();
    final Map<String, List<String>> rules = new TreeMap<>();

    Gateway(String name, String node, String uid, String createdAt) {
      this.name = name;
      this.node = node;
      this.uid = uid;
      this.createdAt = createdAt;
    }

    String podName() {
      return KubeOvn.gatewayPodName(name);
    }

    GatewayPodState podState() {
      return new GatewayPodState(name, podName(), uid, node, phase, initialised, restartCount, terminating, createdAt);
    }

    /** A new pod: new uid, nothing on net1 but its own address, no chains. */
    void replacePod(String newUid, String newNode, String newCreatedAt) {
      uid = newUid;
      node = newNode;
      createdAt = newCreatedAt;
      phase = "Pending";
      podExists = true;
      initialised = false;
      terminating = false;
      restartCount = 0;
      wipe();
    }

    /** The network namespace is gone (new pod, node reboot): only the primary address comes back. */
    void wipe() {
      chains = false;
      secondary.clear();
      rules.clear();
    }

    /** {@code nat-gateway.sh init}. */
    void init() {
      chains = true;
      rules.computeIfAbsent("PREROUTING", c -> new ArrayList<>()).add("-A PREROUTING -j DNAT_FILTER");
      rules.computeIfAbsent("POSTROUTING", c -> new ArrayList<>()).add("-A POSTROUTING -j SNAT_FILTER");
      rule("DNAT_FILTER", "-A DNAT_FILTER -j EXCLUSIVE_DNAT");
      rule("DNAT_FILTER", "-A DNAT_FILTER -j SHARED_DNAT");
      rule("SNAT_FILTER", "-A SNAT_FILTER -j EXCLUSIVE_SNAT");
      rule("SNAT_FILTER", "-A SNAT_FILTER -j SHARED_SNAT");
      if (hairpin) {
        rule("SNAT_FILTER", "-A SNAT_FILTER -j HAIRPIN_SNAT");
      }
    }

    private void rule(String chain, String line) {
      rules.computeIfAbsent(chain, c -> new ArrayList<>()).add(line);
    }

    private boolean remove(String chain, String line) {
      List<String> lines = rules.get(chain);
      return lines != null && lines.remove(line);
    }

    private boolean anyIn(String chain, String fragment) {
      return rules.getOrDefault(chain, List.of()).stream().anyMatch(l -> l.contains(fragment));
    }

    /** {@code eip-add <ip>/16}: {@code ip addr replace}; v1.16+ also the HAIRPIN_SNAT rule. */
    void eipAdd(String ip) {
      secondary.add(ip);
      if (hairpin && chains && !anyIn("HAIRPIN_SNAT", "--ctorigdst " + ip + " ")) {
        rule("HAIRPIN_SNAT", "-A HAIRPIN_SNAT -o eth0 -m mark --mark 0x1/0x1 -m conntrack --ctstate DNAT --ctorigdst "
            + ip + " -j SNAT --to-source " + ip + " --random-fully");
      }
    }

    void eipDel(String ip) {
      secondary.remove(ip);
      List<String> lines = rules.get("HAIRPIN_SNAT");
      if (lines != null) {
        lines.removeIf(l -> l.contains("--ctorigdst " + ip + " "));
      }
    }

    /** {@code floating-ip-add}: a no-op when any EXCLUSIVE_DNAT rule for the EIP exists (v1.13.4 :132). */
    boolean fipAdd(String eip, String internalIp) {
      if (anyIn("EXCLUSIVE_DNAT", "-d " + eip + "/32 ")) {
        return false;
      }
      rule("EXCLUSIVE_DNAT", "-A EXCLUSIVE_DNAT -d " + eip + "/32 -j DNAT --to-destination " + internalIp);
      rule("EXCLUSIVE_SNAT", "-A EXCLUSIVE_SNAT -s " + internalIp + "/32 -j SNAT --to-source " + eip);
      return true;
    }

    /** {@code floating-ip-del}: deletes the exact pair; false (exit 1) when the rule for the EIP points elsewhere. */
    boolean fipDel(String eip, String internalIp) {
      if (!anyIn("EXCLUSIVE_DNAT", "-d " + eip + "/32 ")) {
        return true;
      }
      boolean dnat = remove("EXCLUSIVE_DNAT", "-A EXCLUSIVE_DNAT -d " + eip + "/32 -j DNAT --to-destination " + internalIp);
      boolean snat = remove("EXCLUSIVE_SNAT", "-A EXCLUSIVE_SNAT -s " + internalIp + "/32 -j SNAT --to-source " + eip);
      return dnat && snat;
    }

    void dnatAdd(String eip, String externalPort, String protocol, String internalIp, String internalPort) {
      String line = dnatLine(eip, externalPort, protocol, internalIp, internalPort);
      if (!rules.getOrDefault("SHARED_DNAT", List.of()).contains(line)) {
        rule("SHARED_DNAT", line);
      }
    }

    void dnatDel(String eip, String externalPort, String protocol, String internalIp, String internalPort) {
      remove("SHARED_DNAT", dnatLine(eip, externalPort, protocol, internalIp, internalPort));
    }

    private static String dnatLine(String eip, String externalPort, String protocol, String internalIp,
        String internalPort) {
      return "-A SHARED_DNAT -d " + eip + "/32 -p " + protocol + " -m " + protocol + " --dport " + externalPort
          + " -j DNAT --to-destination " + internalIp + ":" + internalPort;
    }

    /** {@code snat-add <eip>,<cidr>,--random-fully}; {@code cidr} as iptables prints it. */
    void snatAdd(String eip, String cidr) {
      String line = snatLine(eip, cidr);
      if (!rules.getOrDefault("SHARED_SNAT", List.of()).contains(line)) {
        rule("SHARED_SNAT", line);
      }
    }

    void snatDel(String eip, String cidr) {
      remove("SHARED_SNAT", snatLine(eip, cidr));
    }

    private static String snatLine(String eip, String cidr) {
      return "-A SHARED_SNAT -s " + cidr + " -o net1 -j SNAT --to-source " + eip + " --random-fully";
    }

    String iptablesSave() {
      StringBuilder out = new StringBuilder("# Generated by iptables-save v1.8.9 on Thu Nov 26 06:00:00 2026\n*nat\n");
      List<String> builtin = List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING");
      for (String chain : builtin) {
        out.append(':').append(chain).append(" ACCEPT [0:0]\n");
      }
      List<String> own = new ArrayList<>();
      if (chains) {
        own.addAll(List.of("DNAT_FILTER", "EXCLUSIVE_DNAT", "EXCLUSIVE_SNAT", "SHARED_DNAT", "SHARED_SNAT",
            "SNAT_FILTER"));
        if (hairpin) {
          own.add("HAIRPIN_SNAT");
        }
        own.sort(null);
      }
      for (String chain : own) {
        out.append(':').append(chain).append(" - [0:0]\n");
      }
      for (String chain : builtin) {
        rules.getOrDefault(chain, List.of()).forEach(l -> out.append(l).append('\n'));
      }
      for (String chain : own) {
        rules.getOrDefault(chain, List.of()).forEach(l -> out.append(l).append('\n'));
      }
      return out.append("COMMIT\n# Completed on Thu Nov 26 06:00:00 2026\n").toString();
    }

    String ipAddr() {
      StringBuilder out = new StringBuilder("4: net1    inet " + primary
          + "/16 brd 172.19.255.255 scope global net1\\       valid_lft forever preferred_lft forever\n");
      for (String ip : secondary) {
        out.append("4: net1    inet ").append(ip)
            .append("/16 scope global secondary net1\\       valid_lft forever preferred_lft forever\n");
      }
      return out.toString();
    }
  }

  /** A mutable EIP/FIP/SNAT/DNAT; {@link #state()} is what an informer would hand over. */
  static final class Res {
    final NatResourceKind kind;
    final String name;
    String uid;
    String resourceVersion;
    boolean terminating;
    List<String> finalizers = new ArrayList<>();
    boolean ready;
    String gateway;
    String eip;
    String v4ip;
    String requestedV4ip;
    String label;
    String internalIp;
    String internalCidr;
    String protocol;
    String externalPort;
    String internalPort;
    String nat;
    String redo;

    Res(NatResourceKind kind, String name, String uid) {
      this.kind = kind;
      this.name = name;
      this.uid = uid;
    }

    NatResourceState state() {
      return new NatResourceState(kind, name, uid, resourceVersion, terminating, finalizers, ready, gateway, eip, v4ip,
          requestedV4ip, label, internalIp, internalCidr, protocol, externalPort, internalPort, nat, redo);
    }

    Res finalizer(boolean present) {
      finalizers = present ? new ArrayList<>(List.of(FINALIZER)) : new ArrayList<>();
      return this;
    }
  }

  Res eip(String name, String gateway) {
    Res eip = new Res(NatResourceKind.EIP, name, newUid("eip"));
    eip.gateway = gateway;
    return eip;
  }

  /** An EIP as the controller leaves it after a successful add. */
  Res readyEip(String name, String gateway, String ip, String nat, String redo) {
    Res eip = eip(name, gateway);
    eip.ready = true;
    eip.v4ip = ip;
    eip.requestedV4ip = ip;
    eip.label = ip;
    eip.nat = nat;
    eip.redo = redo;
    return eip.finalizer(true);
  }

  Res fip(String name, String eip, String internalIp) {
    Res fip = new Res(NatResourceKind.FIP, name, newUid("fip"));
    fip.eip = eip;
    fip.internalIp = internalIp;
    return fip;
  }

  Res snat(String name, String eip, String internalCidr) {
    Res snat = new Res(NatResourceKind.SNAT, name, newUid("snat"));
    snat.eip = eip;
    snat.internalCidr = internalCidr;
    return snat;
  }

  Res dnat(String name, String eip, String protocol, String externalPort, String internalIp, String internalPort) {
    Res dnat = new Res(NatResourceKind.DNAT, name, newUid("dnat"));
    dnat.eip = eip;
    dnat.protocol = protocol;
    dnat.externalPort = externalPort;
    dnat.internalIp = internalIp;
    dnat.internalPort = internalPort;
    return dnat;
  }

  /** A FIP/SNAT/DNAT status as the add handler patches it: ready, v4ip, natGwDp, the eip_v4_ip label. */
  static Res programmed(Res rule, String ip, String gateway, String redo) {
    rule.ready = true;
    rule.v4ip = ip;
    rule.gateway = gateway;
    rule.label = ip;
    rule.redo = redo;
    return rule;
  }
}

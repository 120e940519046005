package io.natgwchaos.twin.gateway;

import static io.natgwchaos.twin.profile.Switch.ARPING_DAD;
import static io.natgwchaos.twin.profile.Switch.HAIRPIN_SNAT;
import static io.natgwchaos.twin.profile.Switch.INIT_GRATUITOUS_ARP;
import static io.natgwchaos.twin.profile.Switch.SNAT_LONGEST_PREFIX_FIRST;
import static io.natgwchaos.twin.profile.Switch.STRICT_NAT_SCRIPT;

import io.natgwchaos.gateway.ExecResult;
import io.natgwchaos.twin.TimeScale;
import io.natgwchaos.twin.profile.VersionProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /kube-ovn/nat-gateway.sh} of one Kube-OVN version, run step by step against a gateway pod's
 * sandbox: every {@code iptables}, {@code iptables-save}, {@code ip}, {@code arping} is one step with its
 * (scaled) cost, and the script's checks are the same grep pipelines over the same save text, so their
 * matching quirks, exit codes, stdout and stderr are the real script's. Nothing locks across steps: two
 * runs in one pod interleave exactly where two bash processes could.
 *
 * <p>Modelled ops: init, eip-add/del, floating-ip-add/del, snat-add/del, dnat-add/del,
 * get-iptables-version, subnet-route-add/del. The QoS ops only echo (they change no NAT state).
 */
public final class NatGatewayScript {
  public static final String PATH = "/kube-ovn/nat-gateway.sh";
  // busybox `which` on Alpine edge after the /usr merge; these appear in exec_cmd's error message
  static final String IPTABLES_PATH = "/usr/sbin/iptables";
  static final String IPTABLES_LEGACY_PATH = "/usr/sbin/iptables-legacy";
  private static final List<String> QOS_OPS = List.of("eip-ingress-qos-add", "eip-egress-qos-add",
      "eip-ingress-qos-del", "eip-egress-qos-del", "qos-add", "qos-del");
  private static final List<String> INIT_CHAINS = List.of("DNAT_FILTER", "SNAT_FILTER", "EXCLUSIVE_DNAT",
      "EXCLUSIVE_SNAT", "SHARED_DNAT", "SHARED_SNAT");
  private static final Pattern SNAT_SOURCE = Pattern.compile("-s [0-9.]+/([0-9]+)");

  private final VersionProfile profile;
  private final ScriptRelease release;
  private final StepCosts costs;
  private final Pause pause;
  private final GatewayPods network;

  /**
   * @param network the other gateway sandboxes on the external network (who answers ARP)
   */
  public NatGatewayScript(VersionProfile profile, TimeScale scale, StepCosts costs, GatewayPods network) {
    this.profile = profile;
    this.release = ScriptRelease.of(profile.name());
    this.costs = costs;
    this.pause = new Pause(scale);
    this.network = network;
  }

  /**
   * Runs {@code nat-gateway.sh <args>} in the pod's current sandbox. A sandbox torn down meanwhile kills
   * the script: exit 137 with what it printed so far.
   */
  public ExecResult run(GatewayPod pod, List<String> args) throws InterruptedException {
    Invocation invocation = new Invocation(pod);
    try {
      return invocation.result(invocation.main(args));
    } catch (ScriptExit exit) {
      return invocation.result(exit.status);
    } catch (SandboxGoneException killed) {
      return invocation.result(137);
    }
  }

  /** bash's word splitting of an unquoted expansion. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String word : text.split("[ \t\n]+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  /** {@code arr=(${rule//,/ })}: the comma-separated fields of a rule, empty ones dropped. */
  private static List<String> fields(String rule) {
    return words(rule.replace(',', ' '));
  }

  /** {@code (${x//\// })[0]}: the address without its prefix. */
  private static String withoutPrefix(String address) {
    List<String> parts = words(address.replace('/', ' '));
    return parts.isEmpty() ? "" : parts.get(0);
  }

  private static String field(List<String> fields, int index) {
    return index < fields.size() ? fields.get(index) : "";
  }

  /** {@code exit N} anywhere in the script. */
  private static final class ScriptExit extends RuntimeException {
    final int status;

    ScriptExit(int status) {
      super(null, null, false, false);
      this.status = status;
    }
  }

  /** One run of the script: its output so far and the binaries it chose. */
  private final class Invocation {
    private final GatewayPod pod;
    private final GatewayNetns netns;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private boolean legacy;
    private String iptablesCommand;

    Invocation(GatewayPod pod) {
      this.pod = pod;
      this.netns = pod.netns();
    }

    ExecResult result(int status) {
      return new ExecResult(status, out.toString(), err.toString());
    }

    int main(List<String> argv) throws InterruptedException {
      pause.of(costs.scriptStart());
      // iptables-legacy -t nat -S INPUT 1 2>/dev/null: its stdout is the script's
      ExecResult probe = netns.iptables(true, List.of("-t", "nat", "-S", "INPUT", "1"));
      out.append(probe.stdout());
      legacy = probe.exitCode() == 0;
      iptablesCommand = legacy ? IPTABLES_LEGACY_PATH : IPTABLES_PATH;

      String op = argv.isEmpty() ? "" : argv.get(0);
      List<String> rules = new ArrayList<>();
      argv.subList(Math.min(1, argv.size()), argv.size()).forEach(arg -> rules.addAll(words(arg)));
      String joined = String.join(" ", rules);
      if (!op.equals("init") && (isModelled(op) || QOS_OPS.contains(op))) {
        echo(op + " " + joined);
      }
      return switch (op) {
        case "init" -> init(joined);
        case "get-iptables-version" -> execCmd(iptablesCommand + " --version");
        case "subnet-route-add" -> subnetRouteAdd(rules);
        case "subnet-route-del" -> subnetRouteDel(rules);
        case "eip-add" -> eipAdd(rules);
        case "eip-del" -> eipDel(rules);
        case "floating-ip-add" -> profile.on(STRICT_NAT_SCRIPT) ? floatingIpAddStrict(rules) : floatingIpAdd(rules);
        case "floating-ip-del" -> profile.on(STRICT_NAT_SCRIPT) ? floatingIpDelStrict(rules) : floatingIpDel(rules);
        case "snat-add" -> snatAdd(rules);
        case "snat-del" -> profile.on(STRICT_NAT_SCRIPT) ? snatDelStrict(rules) : snatDel(rules);
        case "dnat-add" -> profile.on(STRICT_NAT_SCRIPT) ? dnatAddStrict(rules) : dnatAdd(rules);
        case "dnat-del" -> profile.on(STRICT_NAT_SCRIPT) ? dnatDelStrict(rules) : dnatDel(rules);
        default -> QOS_OPS.contains(op) ? 0 : unknown(op);
      };
    }

    private boolean isModelled(String op) {
      return List.of("get-iptables-version", "subnet-route-add", "subnet-route-del", "eip-add", "eip-del",
          "floating-ip-add", "floating-ip-del", "snat-add", "snat-del", "dnat-add", "dnat-del").contains(op);
    }

    private int unknown(String op) {
      if (release.atLeast(ScriptRelease.V1_15)) {
        echo("Unknown command: " + op);
        echo("");
        echo("NAT Gateway Configuration Script");
      } else {
        echo("Usage: " + PATH + " [init|subnet-route-add|subnet-route-del|eip-add|eip-del|floating-ip-add"
            + "|floating-ip-del|dnat-add|dnat-del|snat-add|snat-del] ...");
      }
      throw new ScriptExit(1);
    }

    // ---- steps -------------------------------------------------------------------------------

    private void echo(String line) {
      out.append(line).append('\n');
    }

    private void printAll(List<String> lines) {
      lines.forEach(this::echo);
    }

    /** {@code $iptables_cmd <args>}, output passed through. */
    private int iptables(String... args) throws InterruptedException {
      pause.of(costs.iptables());
      ExecResult result = netns.iptables(legacy, Arrays.asList(args));
      out.append(result.stdout());
      err.append(result.stderr());
      return result.exitCode();
    }

    /** {@code $iptables_cmd <args> >/dev/null 2>&1}. */
    private int iptablesQuiet(List<String> args) throws InterruptedException {
      pause.of(costs.iptables());
      return netns.iptables(legacy, args).exitCode();
    }

    /**
     * {@code $iptables_save_cmd [-t table]}: its lines for a pipeline; its stderr is the script's. The dump
     * is read when the process starts and the pipeline takes its time afterwards, while an {@code iptables}
     * change lands when that process ends: the check-then-act window is both costs.
     */
    private List<String> save(Optional<String> table) throws InterruptedException {
      ExecResult result = netns.save(legacy, table);
      pause.of(costs.iptablesSave());
      err.append(result.stderr());
      return Grep.lines(result.stdout());
    }

    private List<String> saveAll() throws InterruptedException {
      return save(Optional.empty());
    }

    private List<String> saveNat() throws InterruptedException {
      return save(Optional.of("nat"));
    }

    private ExecResult ip(List<String> args) throws InterruptedException {
      pause.of(costs.ip());
      return netns.ip(args);
    }

    /**
     * The script's {@code exec_cmd "<command line>"}: runs it word-split; on failure prints
     * {@code failed to exec command "<command line>"} to stderr and exits with its status.
     */
    private int execCmd(String commandLine) throws InterruptedException {
      List<String> words = words(commandLine);
      ExecResult result = command(words);
      out.append(result.stdout());
      err.append(result.stderr());
      if (result.exitCode() != 0) {
        err.append("failed to exec command \"").append(commandLine).append("\"\n");
        throw new ScriptExit(result.exitCode());
      }
      return 0;
    }

    private ExecResult command(List<String> words) throws InterruptedException {
      String program = words.get(0);
      List<String> args = words.subList(1, words.size());
      return switch (program) {
        case IPTABLES_PATH, IPTABLES_LEGACY_PATH -> {
          pause.of(costs.iptables());
          yield netns.iptables(program.equals(IPTABLES_LEGACY_PATH), args);
        }
        case "ip" -> ip(args);
        case "arping" -> arping(args);
        default -> new ExecResult(127, "", "bash: line 1: " + program + ": command not found\n");
      };
    }

    /** iputils {@code arping -I net1 -c 3 (-D|-U) <ip>}. */
    private ExecResult arping(List<String> args) throws InterruptedException {
      String target = args.get(args.size() - 1);
      boolean duplicateDetection = args.contains("-D");
      if (duplicateDetection) {
        if (network.someoneElseAnswersArp(target, pod.uid())) {
          // the first probe is answered at once
          pause.of(costs.ip());
          netns.checkAlive();
          return new ExecResult(1, "ARPING " + target + " from 0.0.0.0 net1\n"
              + "Unicast reply from " + target + " [02:42:AC:13:00:FE]  0.612ms\n"
              + "Sent 1 probes (1 broadcast(s))\nReceived 1 response(s)\n", "");
        }
        pause.of(costs.arpingDad());
        netns.checkAlive();
        return new ExecResult(0, "ARPING " + target + " from 0.0.0.0 net1\n"
            + "Sent 3 probes (3 broadcast(s))\nReceived 0 response(s)\n", "");
      }
      pause.of(costs.arpingUnsolicited());
      netns.checkAlive();
      return new ExecResult(0, "ARPING " + target + " from " + target + " net1\n"
          + "Sent 3 probes (3 broadcast(s))\nReceived 0 response(s)\n", "");
    }

    /** {@code conntrack -D ... 2>/dev/null || true}: nothing visible, never fails. */
    private void conntrackDelete() throws InterruptedException {
      pause.of(costs.conntrack());
    }

    /** {@code check_inited}: needs the {@code SNAT_FILTER -j SHARED_SNAT} line. */
    private void checkInited() throws InterruptedException {
      List<String> matches = Grep.basic("SHARED_SNAT").filter(Grep.basic("SNAT_FILTER").filter(saveNat()));
      printAll(matches);
      if (matches.isEmpty()) {
        err.append("nat gateway not initialized\n");
        throw new ScriptExit(1);
      }
    }

    // ---- ops ---------------------------------------------------------------------------------

    private int init(String interfaces) throws InterruptedException {
      echo("init " + interfaces);
      if (release.atLeast(ScriptRelease.V1_15)) {
        checkInterfaces(interfaces);
      }
      List<String> done = Grep.basic("DNAT_FILTER").filter(saveAll());
      printAll(done);
      if (!done.isEmpty()) {
        throw new ScriptExit(0);
      }
      int status = 0;
      for (String chain : INIT_CHAINS) {
        status = iptables("-t", "nat", "-N", chain);
      }
      if (profile.on(HAIRPIN_SNAT)) {
        status = iptables("-t", "nat", "-N", "HAIRPIN_SNAT");
        status = iptables("-t", "mangle", "-N", "VPC_MARK");
      }
      iptables("-t", "nat", "-A", "PREROUTING", "-j", "DNAT_FILTER");
      iptables("-t", "nat", "-A", "DNAT_FILTER", "-j", "EXCLUSIVE_DNAT");
      iptables("-t", "nat", "-A", "DNAT_FILTER", "-j", "SHARED_DNAT");
      iptables("-t", "nat", "-A", "POSTROUTING", "-j", "SNAT_FILTER");
      iptables("-t", "nat", "-A", "SNAT_FILTER", "-j", "EXCLUSIVE_SNAT");
      status = iptables("-t", "nat", "-A", "SNAT_FILTER", "-j", "SHARED_SNAT");
      if (profile.on(HAIRPIN_SNAT)) {
        iptables("-t", "nat", "-A", "SNAT_FILTER", "-j", "HAIRPIN_SNAT");
        iptables("-t", "mangle", "-A", "PREROUTING", "-j", "VPC_MARK");
        status = iptables("-t", "mangle", "-A", "VPC_MARK", "-i", GatewayNetns.VPC_INTERFACE, "-j", "MARK",
            "--set-xmark", "0x1/0x1");
      }
      if (release.atLeast(ScriptRelease.V1_16)) {
        // modprobe is not possible in the gateway container and ifb is not loaded
        echo("Loading IFB kernel module for ingress QoS support...");
        echo("WARNING: Failed to load IFB kernel module. Ingress QoS may not work correctly.");
        echo("         This is expected in some container environments. The system will attempt");
        echo("         to create IFB devices directly, which may work if the module is built-in.");
        status = 0;
      }
      if (profile.on(INIT_GRATUITOUS_ARP)) {
        status = gratuitousArpForNet1();
      }
      return release.atLeast(ScriptRelease.V1_15) ? 0 : status;
    }

    private void checkInterfaces(String interfaces) throws InterruptedException {
      String vpc = GatewayNetns.VPC_INTERFACE;
      String external = GatewayNetns.EXTERNAL_INTERFACE;
      if (!interfaces.isEmpty()) {
        String[] names = interfaces.replaceAll("\\s*,\\s*", ",").split(",", -1);
        if (names.length != 2) {
          err.append("Error: Expected two interfaces separated by a comma (e.g., net1,net2)\n");
          throw new ScriptExit(1);
        }
        vpc = names[0].strip();
        external = names[1].strip();
        if (vpc.isEmpty() || external.isEmpty()) {
          err.append("Error: Interface names cannot be empty\n");
          throw new ScriptExit(1);
        }
      }
      echo("using VPC interface: " + vpc);
      echo("using External interface: " + external);
      if (ip(List.of("link", "show", vpc)).exitCode() != 0) {
        err.append("Error: VPC interface '").append(vpc).append("' not found\n");
        throw new ScriptExit(1);
      }
      if (ip(List.of("link", "show", external)).exitCode() != 0) {
        err.append("Error: External interface '").append(external).append("' not found\n");
        throw new ScriptExit(1);
      }
    }

    /** {@code ip -4 addr show dev net1 | awk ... | xargs -n1 arping -I net1 -c 3 -U}. */
    private int gratuitousArpForNet1() throws InterruptedException {
      List<String> addresses = new ArrayList<>();
      for (String line : Grep.lines(ip(List.of("-4", "addr", "show", "dev", GatewayNetns.EXTERNAL_INTERFACE))
          .stdout())) {
        List<String> tokens = words(line);
        if (!tokens.isEmpty() && tokens.get(0).equals("inet")) {
          addresses.add(withoutPrefix(tokens.get(1)));
        }
      }
      boolean announce = release.atLeast(ScriptRelease.V1_15);
      if (announce && addresses.isEmpty()) {
        echo("INFO: No IP addresses on net1, skipping gratuitous ARP (no-IPAM mode or waiting for EIP allocation)");
        return 0;
      }
      if (announce) {
        echo("Sending gratuitous ARP for external IPs on net1");
      }
      for (String address : addresses) {
        out.append(arping(List.of("-I", "net1", "-c", "3", "-U", address)).stdout());
      }
      if (announce) {
        echo("Gratuitous ARP completed");
      }
      return 0;
    }

    private int subnetRouteAdd(List<String> rules) throws InterruptedException {
      checkInited();
      int status = 0;
      for (String rule : rules) {
        List<String> fields = fields(rule);
        status = execCmd("ip route replace " + field(fields, 0) + " via " + field(fields, 1) + " dev "
            + GatewayNetns.VPC_INTERFACE);
      }
      return status;
    }

    private int subnetRouteDel(List<String> rules) throws InterruptedException {
      checkInited();
      int status = 0;
      for (String rule : rules) {
        status = execCmd("ip route del " + field(fields(rule), 0) + " dev " + GatewayNetns.VPC_INTERFACE);
      }
      return status;
    }

    private int eipAdd(List<String> rules) throws InterruptedException {
      checkInited();
      for (String eip : rules) {
        String address = withoutPrefix(eip);
        execCmd("ip addr replace " + eip + " dev net1");
        execCmd("arping -I net1 -c 3 " + (profile.on(ARPING_DAD) ? "-D " : "-U ") + address);
        if (profile.on(HAIRPIN_SNAT)) {
          String hairpin = hairpinRule(address);
          if (iptablesQuiet(words("-t nat -C HAIRPIN_SNAT " + hairpin)) != 0) {
            execCmd(iptablesCommand + " -t nat -A HAIRPIN_SNAT " + hairpin);
          }
        }
      }
      if (release.atLeast(ScriptRelease.V1_15)) {
        String onlink = release.atLeast(ScriptRelease.V1_16) ? " onlink" : "";
        String gateway4 = pod.env().getOrDefault("GATEWAY_V4", "");
        if (!gateway4.isEmpty()) {
          execCmd("ip route replace default via " + gateway4 + " dev net1" + onlink);
        }
        String gateway6 = pod.env().getOrDefault("GATEWAY_V6", "");
        if (!gateway6.isEmpty()) {
          execCmd("ip -6 route replace default via " + gateway6 + " dev net1" + onlink);
        }
      }
      return 0;
    }

    private String hairpinRule(String address) {
      return "-m mark --mark 0x1/0x1 -o " + GatewayNetns.VPC_INTERFACE + " -m conntrack --ctstate DNAT --ctorigdst "
          + address + " -j SNAT --to-source " + address + " --random-fully";
    }

    private int eipDel(List<String> rules) throws InterruptedException {
      checkInited();
      for (String rule : rules) {
        String eip = field(fields(rule), 0);
        List<String> shown = Grep.lines(ip(List.of("addr", "show", "net1")).stdout());
        Grep match = release.atLeast(ScriptRelease.V1_16) ? Grep.basicWord(eip) : Grep.basic(eip);
        List<String> cidrs = new ArrayList<>();
        for (String line : match.filter(shown)) {
          List<String> tokens = words(line);
          cidrs.add(tokens.size() > 1 ? tokens.get(1) : "");
        }
        String ipCidr = String.join("\n", cidrs).strip();
        if (!ipCidr.isEmpty()) {
          execCmd("ip addr del " + ipCidr + " dev net1");
        }
        if (profile.on(HAIRPIN_SNAT)) {
          String hairpin = hairpinRule(withoutPrefix(eip));
          if (iptablesQuiet(words("-t nat -C HAIRPIN_SNAT " + hairpin)) == 0) {
            execCmd(iptablesCommand + " -t nat -D HAIRPIN_SNAT " + hairpin);
          }
        }
      }
      return 0;
    }

    /** Before v1.16: any EXCLUSIVE_DNAT rule for the EIP means done, whatever its internal IP. */
    private int floatingIpAdd(List<String> rules) throws InterruptedException {
      checkInited();
      for (String rule : rules) {
        List<String> fields = fields(rule);
        String eip = withoutPrefix(field(fields, 0));
        String internalIp = field(fields, 1);
        List<String> existing = Grep.basic("destination").filter(Grep.basicWord("\\-d " + eip + "/32")
            .filter(Grep.basic("EXCLUSIVE_DNAT").filter(saveAll())));
        printAll(existing);
        if (!existing.isEmpty()) {
          throw new ScriptExit(0);
        }
        execCmd(iptablesCommand + " -t nat -A EXCLUSIVE_DNAT -d " + eip + " -j DNAT --to-destination " + internalIp);
        execCmd(iptablesCommand + " -t nat -A EXCLUSIVE_SNAT -s " + internalIp + " -j SNAT --to-source " + eip);
      }
      return 0;
    }

    /** v1.16+: a rule for the EIP to another internal IP is a conflict (exit 1). */
    private int floatingIpAddStrict(List<String> rules) throws InterruptedException {
      checkInited();
      for (String rule : rules) {
        List<String> fields = fields(rule);
        String eip = withoutPrefix(field(fields, 0));
        String internalIp = field(fields, 1);
        List<String> existing = Grep.basicWord("-d " + eip + "/32")
            .filter(Grep.basic("EXCLUSIVE_DNAT").filter(saveAll()));
        if (!existing.isEmpty()) {
          if (!Grep.basicWord("--to-destination " + internalIp).filter(existing).isEmpty()) {
            throw new ScriptExit(0);
          }
          echo("eip " + eip + " already bindTo rule: " + String.join("\n", existing) + ", but expected internalIp "
              + internalIp);
          throw new ScriptExit(1);
        }
        execCmd(iptablesCommand + " -t nat -A EXCLUSIVE_DNAT -d " + eip + " -j DNAT --to-destination " + internalIp);
        execCmd(iptablesCommand + " -t nat -A EXCLUSIVE_SNAT -s " + internalIp + " -j SNAT --to-source " + eip);
      }
      return 0;
    }

    /** Before v1.16: deletes both exact rules for {@code <eip>,<internalIp>} if the EIP has a DNAT rule. */
    private int floatingIpDel(List<String> rules) throws InterruptedException {
      checkInited();
      for (String rule : rules) {
        List<String> fields = fields(rule);
        String eip = withoutPrefix(field(fields, 0));
        String internalIp = field(fields, 1);
        List<String> existing = Grep.basic("destination").filter(Grep.basicWord("\\-d " + eip + "/32")
            .filter(Grep.basic("EXCLUSIVE_DNAT").filter(saveAll())));
        printAll(existing);
        if (!existing.isEmpty()) {
          execCmd(iptablesCommand + " -t nat -D EXCLUSIVE_DNAT -d " + eip + " -j DNAT --to-destination " + internalIp);
          execCmd(iptablesCommand + " -t nat -D EXCLUSIVE_SNAT -s " + internalIp + " -j SNAT --to-source " + eip);
          conntrackDelete();
        }
      }
      return 0;
    }

    /** v1.16+: takes EIPs only and deletes the first DNAT and SNAT rule of each, whatever they point to. */
    private int floatingIpDelStrict(List<String> eips) throws InterruptedException {
      checkInited();
      for (String eip : eips) {
        List<String> dnat = Grep.basicWord("-d " + eip + "/32").filter(Grep.basic("EXCLUSIVE_DNAT").filter(saveAll()));
        if (!dnat.isEmpty()) {
          execCmd(iptablesCommand + " -t nat -D " + dnat.get(0).replaceFirst("^-A ", ""));
          conntrackDelete();
        }
        List<String> snat = Grep.basicWord("--to-source " + eip)
            .filter(Grep.basic("EXCLUSIVE_SNAT").filter(saveAll()));
        if (!snat.isEmpty()) {
          execCmd(iptablesCommand + " -t nat -D " + snat.get(0).replaceFirst("^-A ", ""));
        }
      }
      return 0;
    }

    private int snatAdd(List<String> rules) throws InterruptedException {
      checkInited();
      boolean strict = profile.on(STRICT_NAT_SCRIPT);
      // v1.16 reads the chain once, and (master) keeps that snapshot current as it inserts
      List<String> shared = strict ? Grep.basic("SHARED_SNAT").filter(saveNat()) : null;
      for (String rule : rules) {
        List<String> fields = fields(rule);
        String eip = withoutPrefix(field(fields, 0));
        String cidr = field(fields, 1);
        String randomFully = field(fields, 2);
        if (strict) {
          List<String> match = Grep.extended("--to-source " + eip + "($| )")
              .filter(Grep.basicWord("-s " + cidr).filter(shared));
          if (!match.isEmpty()) {
            continue;
          }
        } else {
          List<String> match = Grep.basic("source " + eip).filter(Grep.basic("\\-s " + cidr)
              .filter(Grep.basic("SHARED_SNAT").filter(saveAll())));
          printAll(match);
          if (!match.isEmpty()) {
            throw new ScriptExit(0);
          }
        }
        String spec = "-o net1 -s " + cidr + " -j SNAT --to-source " + eip + " " + randomFully;
        if (profile.on(SNAT_LONGEST_PREFIX_FIRST)) {
          List<String> current = strict ? shared : Grep.basic("SHARED_SNAT").filter(saveNat());
          execCmd(iptablesCommand + " -t nat -I SHARED_SNAT " + insertPosition(current, cidr) + " " + spec);
        } else {
          execCmd(iptablesCommand + " -t nat -A SHARED_SNAT " + spec);
        }
        if (strict) {
          shared = new ArrayList<>(shared);
          shared.add("-A SHARED_SNAT " + spec.strip());
        }
      }
      return 0;
    }

    /** master: 1 + the number of SHARED_SNAT rules whose source prefix is at least as long. */
    private int insertPosition(List<String> shared, String cidr) {
      String newPrefix = cidr.substring(cidr.lastIndexOf('/') + 1);
      int longer = 0;
      for (String line : shared) {
        if (!line.startsWith("-A SHARED_SNAT ")) {
          continue;
        }
        Matcher source = SNAT_SOURCE.matcher(line);
        if (source.find() && Integer.parseInt(source.group(1)) >= awkNumber(newPrefix)) {
          longer++;
        }
      }
      return longer + 1;
    }

    /** awk's {@code s + 0}: the leading digits of a string, 0 when none. */
    private int awkNumber(String text) {
      Matcher digits = Pattern.compile("^\\d+").matcher(text);
      return digits.find() ? Integer.parseInt(digits.group()) : 0;
    }

    /** Before v1.16: every matching line, joined, minus the first {@code -A }: two matches break it. */
    private int snatDel(List<String> rules) throws InterruptedException {
      checkInited();
      for (String rule : rules) {
        List<String> fields = fields(rule);
        String eip = withoutPrefix(field(fields, 0));
        String cidr = field(fields, 1);
        List<String> match = Grep.basic("source " + eip).filter(Grep.basic("\\-s " + cidr)
            .filter(Grep.basic("SHARED_SNAT").filter(saveAll())));
        if (!match.isEmpty()) {
          String ruleMatch = String.join(" ", words(String.join("\n", match))).replaceFirst("-A ", "");
          execCmd(iptablesCommand + " -t nat -D " + ruleMatch);
        }
      }
      return 0;
    }

    private int snatDelStrict(List<String> rules) throws InterruptedException {
      checkInited();
      List<String> shared = Grep.basic("SHARED_SNAT").filter(saveNat());
      for (String rule : rules) {
        List<String> fields = fields(rule);
        String eip = withoutPrefix(field(fields, 0));
        String cidr = field(fields, 1);
        List<String> match = Grep.extended("--to-source " + eip + "($| )")
            .filter(Grep.basicWord("-s " + cidr).filter(shared));
        if (!match.isEmpty()) {
          execCmd(iptablesCommand + " -t nat -D " + match.get(0).replaceFirst("^-A ", ""));
        }
      }
      return 0;
    }

    /** Before v1.16: exact five-field match means done; a different target is appended behind it. */
    private int dnatAdd(List<String> rules) throws InterruptedException {
      checkInited();
      for (String rule : rules) {
        Dnat dnat = Dnat.of(rule);
        List<String> existing = dnat.exactMatch(saveAll());
        printAll(existing);
        if (!existing.isEmpty()) {
          throw new ScriptExit(0);
        }
        execCmd(iptablesCommand + " -t nat -A SHARED_DNAT " + dnat.spec());
      }
      return 0;
    }

    private int dnatAddStrict(List<String> rules) throws InterruptedException {
      checkInited();
      for (String rule : rules) {
        Dnat dnat = Dnat.of(rule);
        List<String> existing = dnat.identityMatch(saveAll());
        if (!existing.isEmpty()) {
          if (!Grep.basicWord("destination " + dnat.internalIp + ":" + dnat.internalPort).filter(existing)
              .isEmpty()) {
            throw new ScriptExit(0);
          }
          echo("dnat (" + dnat.eip + ", " + dnat.externalPort + ", " + dnat.protocol + ") already exists: "
              + String.join("\n", existing) + ", but expected " + dnat.internalIp + ":" + dnat.internalPort);
          throw new ScriptExit(1);
        }
        execCmd(iptablesCommand + " -t nat -A SHARED_DNAT " + dnat.spec());
      }
      return 0;
    }

    private int dnatDel(List<String> rules) throws InterruptedException {
      checkInited();
      for (String rule : rules) {
        Dnat dnat = Dnat.of(rule);
        List<String> existing = dnat.exactMatch(saveAll());
        printAll(existing);
        if (!existing.isEmpty()) {
          execCmd(iptablesCommand + " -t nat -D SHARED_DNAT " + dnat.spec());
        }
      }
      return 0;
    }

    /** v1.16+: deletes the first rule with the identity (eip, port, protocol), whatever it points to. */
    private int dnatDelStrict(List<String> rules) throws InterruptedException {
      checkInited();
      for (String rule : rules) {
        Dnat dnat = Dnat.of(rule);
        List<String> existing = dnat.identityMatch(saveAll());
        if (!existing.isEmpty()) {
          execCmd(iptablesCommand + " -t nat -D " + existing.get(0).replaceFirst("^-A ", ""));
          conntrackDelete();
        }
      }
      return 0;
    }
  }

  /** A DNAT rule argument {@code <eip>,<externalPort>,<protocol>,<internalIp>,<internalPort>}. */
  private record Dnat(String eip, String externalPort, String protocol, String internalIp, String internalPort) {
    static Dnat of(String rule) {
      List<String> fields = fields(rule);
      return new Dnat(withoutPrefix(field(fields, 0)), field(fields, 1), field(fields, 2), field(fields, 3),
          field(fields, 4));
    }

    String spec() {
      return "-p " + protocol + " -d " + eip + " --dport " + externalPort + " -j DNAT --to-destination " + internalIp
          + ":" + internalPort;
    }

    List<String> exactMatch(List<String> save) {
      return Grep.basicWord("destination " + internalIp + ":" + internalPort).filter(
          Grep.basicWord("dport " + externalPort).filter(Grep.basic("p " + protocol).filter(
              Grep.basicWord("\\-d " + eip + "/32").filter(Grep.basic("SHARED_DNAT").filter(save)))));
    }

    List<String> identityMatch(List<String> save) {
      return Grep.basicWord("dport " + externalPort).filter(Grep.basicWord("-p " + protocol).filter(
          Grep.basicWord("-d " + eip + "/32").filter(Grep.basic("SHARED_DNAT").filter(save))));
    }
  }
}

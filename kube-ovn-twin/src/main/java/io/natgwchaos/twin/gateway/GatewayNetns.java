package io.natgwchaos.twin.gateway;

import io.natgwchaos.gateway.ExecResult;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The network namespace of one gateway pod sandbox: net1's addresses, routes, and the iptables tables of
 * both backends. Every method is one indivisible step, like one {@code iptables} or {@code ip} process;
 * nothing holds it across steps, so a check and the act that depends on it can interleave with other
 * execs. Once {@link #kill() killed}, every step fails with {@link SandboxGoneException}.
 */
public final class GatewayNetns {
  /** As in a pod: lo 1, eth0 2, the macvlan net1 after them (the index of the real fixture). */
  static final int NET1_INDEX = 4;
  static final String VPC_INTERFACE = "eth0";
  static final String EXTERNAL_INTERFACE = "net1";
  static final String LEGACY_TABLES_WARNING =
      "# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n";
  private static final DateTimeFormatter CTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String pod;
  private final IptablesBackend backend;
  private final Clock clock;
  private final String net1Mac;
  private final List<InterfaceAddress> net1 = new ArrayList<>();
  private final Map<String, String> routes = new LinkedHashMap<>();
  private final IptablesTables legacy = new IptablesTables(IptablesBackend.LEGACY);
  private final IptablesTables nft = new IptablesTables(IptablesBackend.NFT);
  private boolean legacyTablesPresent;
  private boolean alive = true;

  /**
   * A fresh sandbox: net1 has only the pod's own address (set up by the CNI), no table holds a rule.
   *
   * @param pod {@code namespace/name} for messages
   * @param primary net1's own address with the external subnet's prefix
   */
  GatewayNetns(String pod, IptablesBackend backend, InterfaceAddress primary, String net1Mac, Clock clock) {
    this.pod = pod;
    this.backend = backend;
    this.clock = clock;
    this.net1Mac = net1Mac;
    net1.add(new InterfaceAddress(primary.ip(), primary.prefix(), true));
  }

  public IptablesBackend backend() {
    return backend;
  }

  /** The sandbox is torn down: every later step fails. */
  public synchronized void kill() {
    alive = false;
  }

  public synchronized boolean alive() {
    return alive;
  }

  /** A step that only needs the sandbox to still exist (a command that ran the whole time). */
  synchronized void checkAlive() {
    requireAlive();
  }

  private void requireAlive() {
    if (!alive) {
      throw new SandboxGoneException(pod);
    }
  }

  /** net1's IPv4 addresses in order (primary first). */
  public synchronized List<InterfaceAddress> net1Addresses() {
    return List.copyOf(net1);
  }

  /** Whether net1 has {@code ip} and the sandbox is alive: it then answers ARP for it. */
  public synchronized boolean answersArpFor(String ip) {
    return alive && net1.stream().anyMatch(address -> address.ip().equals(ip));
  }

  /** Routes added through {@code ip route}, as their command lines. */
  public synchronized List<String> routes() {
    return List.copyOf(routes.values());
  }

  /**
   * Instantiates a legacy table, as a leftover legacy rule set in the pod would: an nft
   * {@code iptables-save} then warns about it on stderr.
   */
  public synchronized void instantiateLegacyTable(String table) {
    requireAlive();
    legacy.table(table);
    legacyTablesPresent = true;
  }

  /** {@code iptables <args>} (legacy: {@code iptables-legacy <args>}). */
  synchronized ExecResult iptables(boolean legacyBinary, List<String> args) {
    requireAlive();
    if (legacyBinary) {
      boolean versionOnly = args.contains("--version") || args.contains("-V");
      if (!versionOnly && backend != IptablesBackend.LEGACY) {
        return new ExecResult(3, "", IptablesBackend.LEGACY.versionLine() + ": can't initialize iptables table `"
            + tableOf(args) + "': Table does not exist (do you need to insmod?)\n"
            + "Perhaps iptables or your kernel needs to be upgraded.\n");
      }
      if (!versionOnly) {
        legacyTablesPresent = true;
      }
      return legacy.iptables(args);
    }
    return nft.iptables(args);
  }

  private static String tableOf(List<String> args) {
    int t = Math.max(args.indexOf("-t"), args.indexOf("--table"));
    return t >= 0 && t + 1 < args.size() ? args.get(t + 1) : "filter";
  }

  /** {@code iptables-save [-t table]} (legacy: {@code iptables-legacy-save}). */
  synchronized ExecResult save(boolean legacyBinary, Optional<String> table) {
    requireAlive();
    if (table.isPresent() && !IptablesTable.exists(table.get())) {
      return new ExecResult(1, "", "iptables-save: Unable to initialize table '" + table.get() + "'\n");
    }
    String date = CTIME.format(clock.instant());
    if (legacyBinary) {
      if (backend != IptablesBackend.LEGACY) {
        // no legacy table can hold anything here: the dump is the empty table
        return new ExecResult(0, table.map(name -> emptySave(IptablesBackend.LEGACY, name, date)).orElse(""), "");
      }
      if (table.isPresent()) {
        legacyTablesPresent = true;
      }
      return new ExecResult(0, legacy.save(table, date), "");
    }
    // iptables-nft warns after its dump, on stderr, whenever the kernel has legacy tables in this netns
    return new ExecResult(0, nft.save(table, date), legacyTablesPresent ? LEGACY_TABLES_WARNING : "");
  }

  private static String emptySave(IptablesBackend backend, String table, String date) {
    StringBuilder out = new StringBuilder("# Generated by ").append(backend.saveProgram()).append(" on ")
        .append(date).append('\n');
    IptablesTable.empty(table).appendSave(out);
    return out.append("# Completed on ").append(date).append('\n').toString();
  }

  /** The rules of a chain in the backend the script uses, in order; empty when the chain does not exist. */
  public synchronized List<String> rules(String table, String chain) {
    IptablesTables tables = backend == IptablesBackend.LEGACY ? legacy : nft;
    return tables.existing(table).map(t -> t.rules(chain)).map(List::copyOf).orElse(List.of());
  }

  /** {@code ip <args>}, the subset the gateway script and the probe use. */
  synchronized ExecResult ip(List<String> args) {
    requireAlive();
    List<String> rest = new ArrayList<>(args);
    boolean oneLine = false;
    while (!rest.isEmpty() && rest.get(0).startsWith("-")) {
      String option = rest.remove(0);
      switch (option) {
        case "-o", "-oneline" -> oneLine = true;
        case "-4", "-6" -> { }
        default -> {
          return new ExecResult(255, "", "Option \"" + option + "\" is unknown, try \"ip -help\".\n");
        }
      }
    }
    if (rest.isEmpty()) {
      return new ExecResult(255, "", "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n");
    }
    String object = rest.remove(0);
    return switch (object) {
      case "addr", "address", "a" -> address(rest, oneLine, args.contains("-4"));
      case "link", "l" -> link(rest);
      case "route", "r", "ro" -> route(rest, args.contains("-6"));
      default -> new ExecResult(255, "", "Object \"" + object + "\" is unknown, try \"ip help\".\n");
    };
  }

  private ExecResult address(List<String> args, boolean oneLine, boolean inetOnly) {
    String command = args.isEmpty() ? "show" : args.remove(0);
    switch (command) {
      case "show", "list", "s", "ls" -> {
        String device = args.isEmpty() ? EXTERNAL_INTERFACE : args.get(args.size() - 1);
        if (!device.equals(EXTERNAL_INTERFACE)) {
          return deviceMissing(device);
        }
        return new ExecResult(0, oneLine ? net1OneLine() : net1Full(inetOnly), "");
      }
      case "replace", "add", "del", "delete" -> {
        int dev = args.indexOf("dev");
        if (dev < 0 || dev + 1 >= args.size()) {
          return new ExecResult(1, "", "Not enough information: \"dev\" argument is required.\n");
        }
        String device = args.get(dev + 1);
        List<String> addresses = new ArrayList<>(args.subList(0, dev));
        if (!device.equals(EXTERNAL_INTERFACE)) {
          return deviceMissing(device);
        }
        if (addresses.size() != 1) {
          return new ExecResult(1, "", addresses.isEmpty() ? "Not enough information: \"local\" is required.\n"
              : "Error: either \"local\" is duplicate, or \"" + addresses.get(1) + "\" is a garbage.\n");
        }
        InterfaceAddress address;
        try {
          address = InterfaceAddress.parse(addresses.get(0), false);
        } catch (IllegalArgumentException e) {
          return new ExecResult(1, "", "Error: any valid prefix is expected rather than \"" + addresses.get(0)
              + "\".\n");
        }
        return command.startsWith("del") ? deleteAddress(address) : addAddress(address, command.equals("add"));
      }
      default -> {
        return new ExecResult(255, "", "Command \"" + command + "\" is unknown, try \"ip address help\".\n");
      }
    }
  }

  private ExecResult addAddress(InterfaceAddress address, boolean failIfPresent) {
    for (InterfaceAddress existing : net1) {
      if (existing.ip().equals(address.ip()) && existing.prefix() == address.prefix()) {
        return failIfPresent ? new ExecResult(2, "", "RTNETLINK answers: File exists\n")
            : new ExecResult(0, "", "");
      }
    }
    net1.add(address);
    return new ExecResult(0, "", "");
  }

  private ExecResult deleteAddress(InterfaceAddress address) {
    for (int i = 0; i < net1.size(); i++) {
      InterfaceAddress existing = net1.get(i);
      if (existing.ip().equals(address.ip()) && existing.prefix() == address.prefix()) {
        boolean primary = isPrimary(i);
        net1.remove(i);
        if (primary) {
          // promote_secondaries is off in a fresh netns: the primary takes its secondaries with it
          net1.removeIf(other -> other.sameSubnet(existing));
        }
        return new ExecResult(0, "", "");
      }
    }
    return new ExecResult(2, "", "RTNETLINK answers: Cannot assign requested address\n");
  }

  private boolean isPrimary(int index) {
    InterfaceAddress address = net1.get(index);
    for (int i = 0; i < index; i++) {
      if (net1.get(i).sameSubnet(address)) {
        return false;
      }
    }
    return true;
  }

  private String net1OneLine() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < net1.size(); i++) {
      out.append(NET1_INDEX).append(": ").append(EXTERNAL_INTERFACE).append("    ").append(inetLine(i))
          .append("\\       valid_lft forever preferred_lft forever\n");
    }
    return out.toString();
  }

  private String net1Full(boolean inetOnly) {
    StringBuilder out = new StringBuilder().append(NET1_INDEX).append(": ").append(EXTERNAL_INTERFACE)
        .append("@if").append(NET1_INDEX + 3)
        .append(": <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n");
    if (!inetOnly) {
      out.append("    link/ether ").append(net1Mac).append(" brd ff:ff:ff:ff:ff:ff link-netnsid 0\n");
    }
    for (int i = 0; i < net1.size(); i++) {
      out.append("    ").append(inetLine(i)).append("\n       valid_lft forever preferred_lft forever\n");
    }
    if (!inetOnly) {
      out.append("    inet6 ").append(linkLocal()).append("/64 scope link \n")
          .append("       valid_lft forever preferred_lft forever\n");
    }
    return out.toString();
  }

  private String inetLine(int index) {
    InterfaceAddress address = net1.get(index);
    StringBuilder line = new StringBuilder("inet ").append(address.cidr());
    if (address.broadcast()) {
      line.append(" brd ").append(address.broadcastAddress());
    }
    line.append(" scope global ");
    if (!isPrimary(index)) {
      line.append("secondary ");
    }
    return line.append(EXTERNAL_INTERFACE).toString();
  }

  /** The EUI-64 link-local address of net1's MAC. */
  private String linkLocal() {
    String[] bytes = net1Mac.split(":");
    int first = Integer.parseInt(bytes[0], 16) ^ 0x02;
    return String.format("fe80::%x:%xff:fe%s:%x", (first << 8) | Integer.parseInt(bytes[1], 16),
        Integer.parseInt(bytes[2], 16), bytes[3], Integer.parseInt(bytes[4] + bytes[5], 16));
  }

  private ExecResult link(List<String> args) {
    String device = args.isEmpty() ? "" : args.get(args.size() - 1);
    if (args.isEmpty() || !args.get(0).equals("show")) {
      return new ExecResult(255, "", "Command is not modelled by the twin.\n");
    }
    if (device.equals(EXTERNAL_INTERFACE)) {
      return new ExecResult(0, NET1_INDEX + ": net1@if" + (NET1_INDEX + 3)
          + ": <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default\n"
          + "    link/ether " + net1Mac + " brd ff:ff:ff:ff:ff:ff link-netnsid 0\n", "");
    }
    if (device.equals(VPC_INTERFACE)) {
      return new ExecResult(0, "2: eth0@if9: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc noqueue state UP"
          + " mode DEFAULT group default\n", "");
    }
    return deviceMissing(device);
  }

  private ExecResult route(List<String> args, boolean v6) {
    String command = args.isEmpty() ? "show" : args.remove(0);
    switch (command) {
      case "show", "list" -> {
        StringBuilder out = new StringBuilder();
        routes.values().forEach(route -> out.append(route).append('\n'));
        return new ExecResult(0, out.toString(), "");
      }
      case "replace", "add" -> {
        if (args.isEmpty()) {
          return new ExecResult(1, "", "Error: an inet prefix is expected.\n");
        }
        String key = (v6 ? "-6 " : "") + args.get(0);
        if (command.equals("add") && routes.containsKey(key)) {
          return new ExecResult(2, "", "RTNETLINK answers: File exists\n");
        }
        routes.put(key, String.join(" ", args));
        return new ExecResult(0, "", "");
      }
      case "del", "delete" -> {
        if (args.isEmpty() || routes.remove((v6 ? "-6 " : "") + args.get(0)) == null) {
          return new ExecResult(2, "", "RTNETLINK answers: No such process\n");
        }
        return new ExecResult(0, "", "");
      }
      default -> {
        return new ExecResult(255, "", "Command \"" + command + "\" is unknown, try \"ip route help\".\n");
      }
    }
  }

  private static ExecResult deviceMissing(String device) {
    return new ExecResult(1, "", "Device \"" + device + "\" does not exist.\n");
  }

  /** Everything in the sandbox, for diagnostics: both backends' saves, net1, routes. */
  public synchronized String describe() {
    String date = CTIME.format(clock.instant());
    StringBuilder out = new StringBuilder();
    out.append("# pod ").append(pod).append(", backend ").append(backend).append(alive ? "" : ", KILLED")
        .append('\n');
    out.append("# ip -o -4 addr show dev net1\n").append(net1OneLine());
    out.append("# ip route\n");
    routes.values().forEach(route -> out.append(route).append('\n'));
    out.append("# iptables-legacy-save\n").append(legacy.save(Optional.empty(), date));
    out.append("# iptables-save (nft)\n").append(nft.save(Optional.empty(), date));
    return out.toString();
  }
}

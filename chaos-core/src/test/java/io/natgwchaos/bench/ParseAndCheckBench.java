package io.natgwchaos.bench;

import io.natgwchaos.check.Finding;
import io.natgwchaos.check.NatResources;
import io.natgwchaos.check.SafetyCheck;
import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.gateway.IpAddrParser;
import io.natgwchaos.gateway.IptablesSaveParser;
import io.natgwchaos.gateway.NatTable;
import io.natgwchaos.gateway.NetAddress;
import io.natgwchaos.history.NatResourceState;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.NatResourceKind;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How fast the probe's parser and the safety check are at the scale of a big gateway: 5,000 EIPs with one FIP
 * each, a 10,000-rule {@code iptables-legacy-save -t nat} dump and 5,001 net1 addresses. Not a unit test: run
 *
 * <pre>./mvnw -q -Pcore-bench -pl chaos-core -am test -DskipTests</pre>
 *
 * Targets: parsing at least 1,000,000 rule lines/s; one S1-S4 evaluation under 20 ms.
 */
public final class ParseAndCheckBench {
  private static final int EIPS = 5_000;
  private static final String GATEWAY = "gw1";

  private ParseAndCheckBench() {}

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    System.out.printf("ParseAndCheckBench: %d EIPs, %d FIPs; java %s, %d cpus; warm-up %d, iterations %d%n",
        EIPS, EIPS, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), warmup,
        iterations);

    String dump = iptablesSave(-1);
    String addresses = ipAddr(-1);
    int ruleLines = (int) dump.lines().filter(l -> l.startsWith("-A ")).count();

    long[] parse = time(warmup, iterations, () -> IptablesSaveParser.parse(dump));
    double medianParseMs = median(parse) / 1e6;
    System.out.printf("parse iptables-save: %d lines (%d rules, %.1f MB allocated): median %.2f ms, p99 %.2f ms"
        + " -> %,.0f rule lines/s%n", dump.split("\n").length, ruleLines,
        allocated(() -> IptablesSaveParser.parse(dump)) / 1e6, medianParseMs, p99(parse) / 1e6,
        ruleLines / (medianParseMs / 1e3));
    long[] parseAddresses = time(warmup, iterations, () -> IpAddrParser.parse(addresses));
    System.out.printf("parse ip -o -4 addr: %d addresses: median %.2f ms%n", EIPS + 1, median(parseAddresses) / 1e6);

    List<NatResourceState> resources = resources();
    GatewaySnapshot clean = snapshot(IptablesSaveParser.parse(dump), IpAddrParser.parse(addresses));
    report("S1-S4, consistent gateway", clean, resources, warmup, iterations);
    // what the replay does between two resource changes: the resource index and its expectations are reused
    NatResources indexed = NatResources.of(resources);
    long[] cached = time(warmup, iterations, () -> SafetyCheck.evaluate(clean, indexed));
    System.out.printf("S1-S4, consistent gateway, resource index reused: median %.2f ms, p99 %.2f ms%n",
        median(cached) / 1e6, p99(cached) / 1e6);
    // 1% of the FIPs without rules and 1% of the EIPs without their address: the findings path is exercised too
    GatewaySnapshot broken = snapshot(IptablesSaveParser.parse(iptablesSave(100)),
        IpAddrParser.parse(ipAddr(100)));
    report("S1-S4, 1% broken", broken, resources, warmup, iterations);
  }

  private static void report(String what, GatewaySnapshot snapshot, List<NatResourceState> resources, int warmup,
      int iterations) {
    List<Finding> findings = SafetyCheck.evaluate(snapshot, NatResources.of(resources));
    // a fresh NatResources each time: indexing the resources is part of the evaluation, nothing is cached
    long[] check = time(warmup, iterations, () -> SafetyCheck.evaluate(snapshot, NatResources.of(resources)));
    System.out.printf("%s (%d rules, %d addresses, %d resources, %d findings, %.1f MB allocated):"
        + " median %.2f ms, p99 %.2f ms%n", what, snapshot.nat().rules().size(), snapshot.net1().size(),
        resources.size(), findings.size(),
        allocated(() -> SafetyCheck.evaluate(snapshot, NatResources.of(resources))) / 1e6,
        median(check) / 1e6, p99(check) / 1e6);
  }

  private static long[] time(int warmup, int iterations, Runnable body) {
    for (int i = 0; i < warmup; i++) {
      body.run();
    }
    System.gc();
    long[] nanos = new long[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      body.run();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  /** Bytes this thread allocates running {@code body} once, or -1 where the JVM cannot tell. */
  private static long allocated(Runnable body) {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)) {
      return -1;
    }
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    body.run();
    return threads.getThreadAllocatedBytes(id) - before;
  }

  private static double median(long[] sorted) {
    return sorted[sorted.length / 2];
  }

  private static double p99(long[] sorted) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
  }

  static String eipAddress(int i) {
    int host = 256 + i;
    return "172.19." + (host >> 8) + "." + (host & 255);
  }

  static String internalAddress(int i) {
    int host = 256 + i;
    return "10.1." + (host >> 8) + "." + (host & 255);
  }

  /** The dump with FIP_DNAT and FIP_SNAT per EIP; every {@code skipEvery}-th FIP left out (-1: none). */
  static String iptablesSave(int skipEvery) {
    StringBuilder dnat = new StringBuilder();
    StringBuilder snat = new StringBuilder();
    for (int i = 0; i < EIPS; i++) {
      if (skipEvery > 0 && i % skipEvery == 0) {
        continue;
      }
      dnat.append("-A EXCLUSIVE_DNAT -d ").append(eipAddress(i)).append("/32 -j DNAT --to-destination ")
          .append(internalAddress(i)).append('\n');
      snat.append("-A EXCLUSIVE_SNAT -s ").append(internalAddress(i)).append("/32 -j SNAT --to-source ")
          .append(eipAddress(i)).append('\n');
    }
    return "# Generated by iptables-save v1.8.9 on Thu Nov 26 06:00:00 2026\n*nat\n"
        + ":PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
        + ":DNAT_FILTER - [0:0]\n:EXCLUSIVE_DNAT - [0:0]\n:EXCLUSIVE_SNAT - [0:0]\n:SHARED_DNAT - [0:0]\n"
        + ":SHARED_SNAT - [0:0]\n:SNAT_FILTER - [0:0]\n"
        + "-A PREROUTING -j DNAT_FILTER\n-A POSTROUTING -j SNAT_FILTER\n"
        + "-A DNAT_FILTER -j EXCLUSIVE_DNAT\n-A DNAT_FILTER -j SHARED_DNAT\n"
        + dnat + snat
        + "-A SNAT_FILTER -j EXCLUSIVE_SNAT\n-A SNAT_FILTER -j SHARED_SNAT\n"
        + "COMMIT\n# Completed on Thu Nov 26 06:00:00 2026\n";
  }

  /** {@code ip -o -4 addr show dev net1}; every {@code skipEvery}-th EIP address left out (-1: none). */
  static String ipAddr(int skipEvery) {
    StringBuilder out = new StringBuilder(
        "4: net1    inet 172.19.0.5/16 brd 172.19.255.255 scope global net1\\       valid_lft forever preferred_lft forever\n");
    for (int i = 0; i < EIPS; i++) {
      if (skipEvery > 0 && i % skipEvery == 1) {
        continue;
      }
      out.append("4: net1    inet ").append(eipAddress(i))
          .append("/16 scope global secondary net1\\       valid_lft forever preferred_lft forever\n");
    }
    return out.toString();
  }

  static List<NatResourceState> resources() {
    List<NatResourceState> states = new ArrayList<>(2 * EIPS);
    List<String> finalizers = List.of(KubeOvn.Finalizers.CONTROLLER);
    for (int i = 0; i < EIPS; i++) {
      String ip = eipAddress(i);
      states.add(new NatResourceState(NatResourceKind.EIP, "eip-" + i, "uid-e" + i, "1", false, finalizers, true,
          GATEWAY, null, ip, ip, ip, null, null, null, null, null, "fip", "2026-11-26T06:00:00"));
      states.add(new NatResourceState(NatResourceKind.FIP, "fip-" + i, "uid-f" + i, "1", false, finalizers, true,
          GATEWAY, "eip-" + i, ip, null, ip, internalAddress(i), null, null, null, null, null,
          "2026-11-26T06:00:00"));
    }
    return states;
  }

  static GatewaySnapshot snapshot(NatTable nat, List<NetAddress> net1) {
    return new GatewaySnapshot(GATEWAY, KubeOvn.CONTROLLER_NAMESPACE, KubeOvn.gatewayPodName(GATEWAY), "pod-uid",
        "kube-ovn-worker", Instant.parse("2026-11-26T06:00:00Z"), true, 0, net1, nat, null);
  }
}

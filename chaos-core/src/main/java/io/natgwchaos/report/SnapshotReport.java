package io.natgwchaos.report;

import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.gateway.NatRule;
import io.natgwchaos.gateway.NetAddress;
import io.natgwchaos.gateway.RuleShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A gateway snapshot for people: who the pod was, its net1 addresses and its nat table chain by chain, as text or
 * as a small self-contained HTML page, and the raw dump the probe received.
 */
public final class SnapshotReport {
  private SnapshotReport() {}

  /** The identity line: gateway, pod, uid, node, time, initialised, restarts. */
  public static String identity(GatewaySnapshot s) {
    return "gateway " + s.gateway() + ", pod " + (s.namespace() == null ? "" : s.namespace() + "/") + s.podName()
        + " uid=" + s.podUid() + " on " + s.node() + ", taken " + s.takenAt() + ", initialised=" + s.initialised()
        + ", restartCount=" + s.restartCount();
  }

  /** The parsed snapshot as aligned text: addresses, then every chain with its rules and their shapes. */
  public static String text(GatewaySnapshot s) {
    StringBuilder out = new StringBuilder();
    out.append(identity(s)).append('\n');
    out.append("iptables backend: ").append(s.nat().variant()).append('\n');
    for (String warning : s.nat().warnings()) {
      out.append("warning: ").append(warning).append('\n');
    }
    out.append("\nnet1 addresses (").append(s.net1().size()).append(")\n");
    for (NetAddress address : s.net1()) {
      out.append("  ").append(address.cidr()).append(address.secondary() ? "  secondary (an EIP)" : "  primary (the pod's own)")
          .append('\n');
    }
    Map<String, List<NatRule>> chains = chains(s);
    out.append("\nnat table: ").append(s.nat().rules().size()).append(" rules in ").append(chains.size())
        .append(" chains\n");
    int width = 0;
    for (List<NatRule> rules : chains.values()) {
      for (NatRule rule : rules) {
        width = Math.max(width, ruleBody(rule).length());
      }
    }
    width = Math.min(width, 100);
    for (Map.Entry<String, List<NatRule>> chain : chains.entrySet()) {
      out.append("  ").append(chain.getKey()).append(" (").append(chain.getValue().size()).append(")\n");
      for (NatRule rule : chain.getValue()) {
        out.append("    ").append(String.format(Locale.ROOT, "%-" + Math.max(width, 1) + "s", ruleBody(rule)))
            .append("  ").append(shape(rule)).append('\n');
      }
    }
    List<NatRule> unrecognised = s.nat().unrecognisedRules();
    if (!unrecognised.isEmpty()) {
      out.append("\n").append(unrecognised.size()).append(" rule(s) of no Kube-OVN shape (kept, never dropped)\n");
    }
    return out.toString();
  }

  /** The parsed snapshot as a self-contained HTML page (inline style, no scripts). */
  public static String html(GatewaySnapshot s) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(Svg.escape("snapshot " + s.podName())).append("</title><style>")
        .append("body{font-family:sans-serif;font-size:13px;margin:8px}")
        .append("table{border-collapse:collapse;margin:6px 0 14px}")
        .append("td,th{border:1px solid #ddd;padding:2px 8px;text-align:left;vertical-align:top}")
        .append("th{background:#f3f3f3}td.rule{font-family:monospace}tr.chain td{background:#eef3f7;font-weight:bold}")
        .append(".unrecognised{color:#b71c1c;font-weight:bold}")
        .append("</style></head><body>\n");
    out.append("<p><b>").append(Svg.escape(identity(s))).append("</b><br>iptables backend: ")
        .append(Svg.escape(String.valueOf(s.nat().variant()))).append("</p>\n");
    for (String warning : s.nat().warnings()) {
      out.append("<p>warning: ").append(Svg.escape(warning)).append("</p>\n");
    }
    out.append("<table><tr><th>net1 address</th><th>role</th></tr>\n");
    for (NetAddress address : s.net1()) {
      out.append("<tr><td class=\"rule\">").append(Svg.escape(address.cidr())).append("</td><td>")
          .append(address.secondary() ? "secondary (an EIP)" : "primary (the pod's own)").append("</td></tr>\n");
    }
    out.append("</table>\n<table><tr><th>chain / rule</th><th>shape</th></tr>\n");
    for (Map.Entry<String, List<NatRule>> chain : chains(s).entrySet()) {
      out.append("<tr class=\"chain\"><td colspan=\"2\">").append(Svg.escape(chain.getKey())).append(" (")
          .append(chain.getValue().size()).append(")</td></tr>\n");
      for (NatRule rule : chain.getValue()) {
        boolean odd = rule.shape() == RuleShape.UNRECOGNISED;
        out.append("<tr><td class=\"rule\">").append(Svg.escape(ruleBody(rule))).append("</td><td")
            .append(odd ? " class=\"unrecognised\"" : "").append('>').append(Svg.escape(shape(rule)))
            .append("</td></tr>\n");
      }
    }
    out.append("</table>\n</body></html>\n");
    return out.toString();
  }

  /**
   * What the probe received: {@code ip -o -4 addr show dev net1} and {@code iptables-save -t nat}. A snapshot read
   * back from a saved history has no raw text; then the parsed snapshot is printed in the same formats, and the
   * first line says so.
   */
  public static String raw(GatewaySnapshot s) {
    StringBuilder out = new StringBuilder();
    if (s.raw() != null) {
      out.append("# ").append(identity(s)).append("\n# ip -o -4 addr show dev net1\n")
          .append(nonNull(s.raw().ipAddr())).append(endLine(s.raw().ipAddr()))
          .append("# iptables-save -t nat\n").append(nonNull(s.raw().iptablesSave()))
          .append(endLine(s.raw().iptablesSave()));
      return out.toString();
    }
    out.append("# ").append(identity(s))
        .append("\n# re-rendered from the parsed snapshot: the probe's raw output was not kept in this history\n")
        .append("# ip -o -4 addr show dev net1\n");
    int ifindex = 2; // one interface: every line carries the same index
    for (NetAddress address : s.net1()) {
      out.append(ifindex).append(": net1    inet ").append(address.cidr()).append(address.secondary() ? " scope global secondary net1"
          : " scope global net1").append('\n');
    }
    out.append("# iptables-save -t nat\n").append(s.renderIptablesSave());
    return out.toString();
  }

  /** Rules by chain: declared chains first (in printed order, empty ones included), then any other chain used. */
  static Map<String, List<NatRule>> chains(GatewaySnapshot s) {
    Map<String, List<NatRule>> chains = new LinkedHashMap<>();
    for (String chain : s.nat().chains()) {
      chains.put(chain, new ArrayList<>());
    }
    for (NatRule rule : s.nat().rules()) {
      chains.computeIfAbsent(rule.chain(), c -> new ArrayList<>()).add(rule);
    }
    return chains;
  }

  /** A rule without its {@code -A CHAIN} prefix. */
  static String ruleBody(NatRule rule) {
    String prefix = "-A " + rule.chain() + " ";
    return rule.line().startsWith(prefix) ? rule.line().substring(prefix.length()) : rule.line();
  }

  private static String shape(NatRule rule) {
    return switch (rule.shape()) {
      case JUMP -> "jump";
      case FIP_DNAT -> "FIP inbound";
      case FIP_SNAT -> "FIP outbound";
      case SHARED_DNAT -> "DNAT rule";
      case SHARED_SNAT -> "SNAT rule";
      case HAIRPIN_SNAT -> "EIP hairpin";
      case UNRECOGNISED -> "not a Kube-OVN shape";
    };
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }

  private static String endLine(String text) {
    return text == null || text.isEmpty() || text.endsWith("\n") ? "" : "\n";
  }
}

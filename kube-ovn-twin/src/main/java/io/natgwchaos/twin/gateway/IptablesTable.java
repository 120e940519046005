package io.natgwchaos.twin.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One table ({@code nat}, {@code mangle}, ...) of one iptables backend in one network namespace: its
 * built-in chains in hook order, user chains, and rules per chain in order. Not thread-safe: the
 * namespace that owns it serialises access.
 */
final class IptablesTable {
  private static final Map<String, List<String>> BUILTINS = Map.of(
      "nat", List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"),
      "mangle", List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"),
      "filter", List.of("INPUT", "FORWARD", "OUTPUT"),
      "raw", List.of("PREROUTING", "OUTPUT"));
  /** Targets that are not chains. */
  private static final Set<String> TARGET_EXTENSIONS = Set.of("ACCEPT", "DROP", "RETURN", "DNAT", "SNAT",
      "MASQUERADE", "MARK", "REDIRECT", "LOG", "CONNMARK", "REJECT", "NOTRACK", "CT");

  private final String name;
  private final List<String> builtins;
  private final Map<String, List<String>> builtinRules = new LinkedHashMap<>();
  /** User chains sorted by name, as both backends print them. */
  private final TreeMap<String, List<String>> userChains = new TreeMap<>();

  private IptablesTable(String name, List<String> builtins) {
    this.name = name;
    this.builtins = builtins;
    builtins.forEach(chain -> builtinRules.put(chain, new ArrayList<>()));
  }

  static boolean exists(String table) {
    return BUILTINS.containsKey(table);
  }

  static IptablesTable empty(String table) {
    List<String> builtins = BUILTINS.get(table);
    if (builtins == null) {
      throw new IllegalArgumentException("no iptables table " + table);
    }
    return new IptablesTable(table, builtins);
  }

  String name() {
    return name;
  }

  boolean hasChain(String chain) {
    return builtinRules.containsKey(chain) || userChains.containsKey(chain);
  }

  boolean isBuiltin(String chain) {
    return builtinRules.containsKey(chain);
  }

  boolean canJumpTo(String target) {
    return target.isEmpty() || TARGET_EXTENSIONS.contains(target) || userChains.containsKey(target);
  }

  /** Rules of a chain in order, or null when it does not exist. */
  List<String> rules(String chain) {
    List<String> rules = builtinRules.get(chain);
    return rules != null ? rules : userChains.get(chain);
  }

  /** Built-in chains in hook order, then user chains by name: the order saves and listings use. */
  List<String> chains() {
    List<String> chains = new ArrayList<>(builtins);
    chains.addAll(userChains.keySet());
    return chains;
  }

  void removeChain(String chain) {
    userChains.remove(chain);
  }

  boolean newChain(String chain) {
    if (hasChain(chain)) {
      return false;
    }
    userChains.put(chain, new ArrayList<>());
    return true;
  }

  boolean isEmpty() {
    return userChains.isEmpty() && builtinRules.values().stream().allMatch(List::isEmpty);
  }

  /** The table as {@code iptables-save -t <name>} prints it, between the header and footer comments. */
  void appendSave(StringBuilder out) {
    out.append('*').append(name).append('\n');
    for (String chain : builtins) {
      out.append(':').append(chain).append(" ACCEPT [0:0]\n");
    }
    for (String chain : userChains.keySet()) {
      out.append(':').append(chain).append(" - [0:0]\n");
    }
    builtinRules.forEach((chain, rules) -> appendRules(out, chain, rules));
    userChains.forEach((chain, rules) -> appendRules(out, chain, rules));
    out.append("COMMIT\n");
  }

  private static void appendRules(StringBuilder out, String chain, List<String> rules) {
    for (String rule : rules) {
      out.append("-A ").append(chain);
      if (!rule.isEmpty()) {
        out.append(' ').append(rule);
      }
      out.append('\n');
    }
  }
}

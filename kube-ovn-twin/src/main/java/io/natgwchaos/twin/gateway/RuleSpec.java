package io.natgwchaos.twin.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A rule specification in the form {@code iptables-save} prints it after {@code -A <chain> }: addresses
 * with their prefix (a host gets {@code /32}, a network is masked), then {@code -s -d -i -o -p}, the
 * matches in the order they were loaded (the protocol's own match appears where its first option was
 * given), then the target and its options in the order the target prints them. Two command lines
 * that iptables would treat as the same rule give equal specs, which is how {@code -D} and {@code -C}
 * find a rule.
 *
 * @param target the {@code -j} target, or empty when there is none
 */
record RuleSpec(String text, String target) {
  private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp", "sctp", "all");

  /**
   * Parses the rule part of a command line (everything after the chain name).
   *
   * @throws IptablesUsageException as iptables does for an unknown option or a bad argument
   */
  static RuleSpec parse(List<String> args) throws IptablesUsageException {
    String source = null;
    String destination = null;
    String in = null;
    String out = null;
    String protocol = null;
    Map<String, Map<String, String>> matches = new LinkedHashMap<>();
    Map<String, String> currentMatch = null;
    String target = null;
    Map<String, String> targetOptions = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      switch (option) {
        case "-s", "--source" -> source = cidr(value(args, ++i, option));
        case "-d", "--destination" -> destination = cidr(value(args, ++i, option));
        case "-i", "--in-interface" -> in = value(args, ++i, option);
        case "-o", "--out-interface" -> out = value(args, ++i, option);
        case "-p", "--protocol" -> {
          protocol = value(args, ++i, option).toLowerCase(Locale.ROOT);
          if (!PROTOCOLS.contains(protocol)) {
            throw new IptablesUsageException("unknown protocol \"" + protocol + "\" specified");
          }
        }
        case "-m", "--match" -> {
          String name = value(args, ++i, option);
          currentMatch = matches.computeIfAbsent(name, n -> new LinkedHashMap<>());
        }
        case "-j", "--jump" -> target = value(args, ++i, option);
        case "--dport", "--destination-port", "--sport", "--source-port" -> {
          if (protocol == null || !(protocol.equals("tcp") || protocol.equals("udp"))) {
            throw new IptablesUsageException("unknown option \"" + option + "\"");
          }
          // iptables loads the protocol's match implicitly at its first option
          Map<String, String> portMatch = matches.computeIfAbsent(protocol, n -> new LinkedHashMap<>());
          String key = option.equals("--dport") || option.equals("--destination-port") ? "--dport" : "--sport";
          portMatch.put(key, port(value(args, ++i, option)));
        }
        case "--mark" -> requireMatch(currentMatch, "mark", option).put("--mark", mark(value(args, ++i, option)));
        case "--ctstate" -> requireMatch(currentMatch, "conntrack", option)
            .put("--ctstate", value(args, ++i, option).toUpperCase(Locale.ROOT));
        case "--ctorigdst" -> requireMatch(currentMatch, "conntrack", option)
            .put("--ctorigdst", hostOrCidr(value(args, ++i, option)));
        case "--to-destination", "--to-source", "--set-xmark", "--set-mark" -> {
          requireTarget(target, option);
          String value = value(args, ++i, option);
          if (option.equals("--set-mark")) {
            targetOptions.put("--set-xmark", mark(value) + "/0xffffffff");
          } else {
            targetOptions.put(option, option.equals("--set-xmark") ? mark(value) : value);
          }
        }
        case "--random", "--random-fully", "--persistent" -> {
          requireTarget(target, option);
          targetOptions.put(option, null);
        }
        default -> {
          if (option.startsWith("-")) {
            throw new IptablesUsageException("unknown option \"" + option + "\"");
          }
          throw new IptablesUsageException("Bad argument `" + option + "'");
        }
      }
    }
    List<String> parts = new ArrayList<>();
    add(parts, "-s", source);
    add(parts, "-d", destination);
    add(parts, "-i", in);
    add(parts, "-o", out);
    if (protocol != null && !protocol.equals("all")) {
      add(parts, "-p", protocol);
    }
    for (Map.Entry<String, Map<String, String>> match : matches.entrySet()) {
      parts.add("-m " + match.getKey());
      Map<String, String> options = match.getValue();
      for (String key : List.of("--sport", "--dport", "--mark", "--ctstate", "--ctorigdst")) {
        add(parts, key, options.get(key));
      }
    }
    if (target != null) {
      parts.add("-j " + target);
      for (String key : List.of("--to-destination", "--to-source", "--set-xmark")) {
        add(parts, key, targetOptions.get(key));
      }
      for (String flag : List.of("--random", "--random-fully", "--persistent")) {
        if (targetOptions.containsKey(flag)) {
          parts.add(flag);
        }
      }
    }
    return new RuleSpec(String.join(" ", parts), target == null ? "" : target);
  }

  private static void add(List<String> parts, String option, String value) {
    if (value != null) {
      parts.add(option + " " + value);
    }
  }

  private static String value(List<String> args, int index, String option) throws IptablesUsageException {
    if (index >= args.size() || args.get(index).isEmpty()) {
      throw new IptablesUsageException("option \"" + option + "\" requires an argument");
    }
    return args.get(index);
  }

  private static Map<String, String> requireMatch(Map<String, String> current, String name, String option)
      throws IptablesUsageException {
    if (current == null) {
      throw new IptablesUsageException("unknown option \"" + option + "\"");
    }
    return current;
  }

  private static void requireTarget(String target, String option) throws IptablesUsageException {
    if (target == null) {
      throw new IptablesUsageException("unknown option \"" + option + "\"");
    }
  }

  /** A host or network as iptables prints it: {@code a.b.c.d/32}, or masked to its prefix. */
  private static String cidr(String text) throws IptablesUsageException {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    int prefix;
    try {
      prefix = slash < 0 ? 32 : Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IptablesUsageException("host/network `" + text + "' not found");
    }
    long value = ipv4(address, text);
    if (prefix < 0 || prefix > 32) {
      throw new IptablesUsageException("invalid mask `" + text.substring(slash + 1) + "' specified");
    }
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return format(value & mask) + "/" + prefix;
  }

  /** {@code --ctorigdst} keeps a host without prefix. */
  private static String hostOrCidr(String text) throws IptablesUsageException {
    String canonical = cidr(text);
    return canonical.endsWith("/32") ? canonical.substring(0, canonical.length() - 3) : canonical;
  }

  private static long ipv4(String address, String whole) throws IptablesUsageException {
    String[] octets = address.split("\\.", -1);
    if (octets.length != 4) {
      throw new IptablesUsageException("host/network `" + whole + "' not found");
    }
    long value = 0;
    for (String octet : octets) {
      int number;
      try {
        number = Integer.parseInt(octet);
      } catch (NumberFormatException e) {
        throw new IptablesUsageException("host/network `" + whole + "' not found");
      }
      if (number < 0 || number > 255 || octet.isEmpty() || octet.startsWith("+")) {
        throw new IptablesUsageException("host/network `" + whole + "' not found");
      }
      value = (value << 8) | number;
    }
    return value;
  }

  private static String format(long value) {
    return ((value >> 24) & 0xFF) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + (value & 0xFF);
  }

  private static String port(String text) throws IptablesUsageException {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return Integer.toString(port);
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IptablesUsageException("invalid port/service `" + text + "' specified");
  }

  /** A mark value or value/mask, printed in hex. */
  private static String mark(String text) throws IptablesUsageException {
    int slash = text.indexOf('/');
    if (slash >= 0) {
      return mark(text.substring(0, slash)) + "/" + mark(text.substring(slash + 1));
    }
    try {
      long value = text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16)
          : Long.parseLong(text);
      return "0x" + Long.toHexString(value);
    } catch (NumberFormatException e) {
      throw new IptablesUsageException("Bad MARK value \"" + text + "\"");
    }
  }
}

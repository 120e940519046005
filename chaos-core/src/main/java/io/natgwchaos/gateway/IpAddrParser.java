package io.natgwchaos.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the IPv4 addresses of one device from {@code ip -o -4 addr show dev net1} (one line per
 * address, continuation marked by a backslash) or from the multi-line {@code ip -4 addr show net1}.
 */
public final class IpAddrParser {
  private static final String WHAT = "ip addr";

  private IpAddrParser() {}

  public static List<NetAddress> parse(String text) {
    List<NetAddress> addresses = new ArrayList<>();
    int lineNumber = 0;
    for (String raw : text.split("\n", -1)) {
      lineNumber++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("valid_lft") || line.startsWith("link/")) {
        continue;
      }
      String[] tokens = line.split("\\s+");
      int inet = indexOf(tokens, "inet");
      if (inet < 0) {
        if (indexOf(tokens, "inet6") >= 0) {
          continue;
        }
        if (isInterfaceHeader(tokens)) {
          continue;
        }
        throw new GatewayOutputException(WHAT, lineNumber, raw,
            "an interface header '<n>: <dev>: <flags> ...' or an 'inet <ip>/<len> ...' line");
      }
      if (inet + 1 >= tokens.length || tokens[inet + 1].indexOf('/') < 0) {
        throw new GatewayOutputException(WHAT, lineNumber, raw, "'inet <ip>/<prefix length>'");
      }
      boolean secondary = indexOf(tokens, "secondary") > inet;
      try {
        addresses.add(NetAddress.of(tokens[inet + 1], secondary));
      } catch (IllegalArgumentException e) {
        throw new GatewayOutputException(WHAT, lineNumber, raw, "'inet <ip>/<prefix length 0..32>'");
      }
    }
    return List.copyOf(addresses);
  }

  private static boolean isInterfaceHeader(String[] tokens) {
    return tokens.length >= 2 && tokens[0].endsWith(":") && tokens[0].length() > 1
        && Character.isDigit(tokens[0].charAt(0));
  }

  private static int indexOf(String[] tokens, String word) {
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i].equals(word)) {
        return i;
      }
    }
    return -1;
  }
}

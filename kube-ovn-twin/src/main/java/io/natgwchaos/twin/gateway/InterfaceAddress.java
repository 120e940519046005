package io.natgwchaos.twin.gateway;

import java.util.Objects;

/**
 * An IPv4 address on an interface, as {@code ip addr} holds it.
 *
 * @param broadcast whether it was added with a broadcast address (the CNI does; {@code ip addr replace
 *     <ip>/<len>} does not)
 */
public record InterfaceAddress(String ip, int prefix, boolean broadcast) {
  public InterfaceAddress {
    Objects.requireNonNull(ip, "ip");
    toInt(ip);
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("prefix length " + prefix + " of " + ip + " is not in 0..32");
    }
  }

  /** Parses {@code a.b.c.d/len} ({@code /32} when the length is missing). */
  public static InterfaceAddress parse(String cidr, boolean broadcast) {
    int slash = cidr.indexOf('/');
    String ip = slash < 0 ? cidr : cidr.substring(0, slash);
    int prefix = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
    return new InterfaceAddress(ip, prefix, broadcast);
  }

  public String cidr() {
    return ip + "/" + prefix;
  }

  /** Whether {@code other} is in the same subnet with the same prefix length (then one is secondary). */
  boolean sameSubnet(InterfaceAddress other) {
    return prefix == other.prefix && (toInt(ip) & mask()) == (toInt(other.ip) & mask());
  }

  String broadcastAddress() {
    return fromInt((toInt(ip) & mask()) | ~mask());
  }

  private int mask() {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  static int toInt(String ip) {
    String[] octets = ip.split("\\.", -1);
    if (octets.length != 4) {
      throw new IllegalArgumentException("'" + ip + "' is not an IPv4 address");
    }
    int value = 0;
    for (String octet : octets) {
      int number = Integer.parseInt(octet);
      if (number < 0 || number > 255) {
        throw new IllegalArgumentException("'" + ip + "' is not an IPv4 address");
      }
      value = (value << 8) | number;
    }
    return value;
  }

  static String fromInt(int value) {
    return ((value >>> 24) & 0xFF) + "." + ((value >>> 16) & 0xFF) + "." + ((value >>> 8) & 0xFF) + "."
        + (value & 0xFF);
  }
}

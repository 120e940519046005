package io.natgwchaos.gateway;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * An IPv4 address on net1. The pod's own address (from the external subnet's IPAM) is the primary;
 * every EIP that {@code eip-add} put there is a secondary of the same prefix.
 */
public record NetAddress(String ip, int prefixLength, boolean secondary) {
  public NetAddress {
    Objects.requireNonNull(ip, "ip");
    Ipv4.toInt(ip); // validates: 'inet /16' or 'inet 172.19.0.300/16' is not an address
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("prefix length of " + ip + " must be 0..32, was " + prefixLength);
    }
  }

  /** Parses {@code ip/len} plus the secondary flag. */
  public static NetAddress of(String cidr, boolean secondary) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return new NetAddress(cidr, 32, secondary);
    }
    return new NetAddress(cidr.substring(0, slash), Integer.parseInt(cidr.substring(slash + 1)), secondary);
  }

  /** Reads {@link #toString()}'s form: {@code 172.19.0.6/16} or {@code 172.19.0.6/16 secondary}. */
  @JsonCreator
  public static NetAddress parse(String text) {
    String trimmed = text.strip();
    boolean secondary = trimmed.endsWith(" secondary");
    return of(secondary ? trimmed.substring(0, trimmed.length() - " secondary".length()) : trimmed, secondary);
  }

  public String cidr() {
    return ip + "/" + prefixLength;
  }

  @JsonValue
  @Override
  public String toString() {
    return cidr() + (secondary ? " secondary" : "");
  }
}

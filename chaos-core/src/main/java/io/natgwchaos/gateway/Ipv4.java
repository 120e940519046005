package io.natgwchaos.gateway;

/** IPv4 text helpers: the forms iptables prints addresses in. */
public final class Ipv4 {
  private Ipv4() {}

  /** {@code 10.0.1.2} → {@code 10.0.1.2/32}; {@code 10.0.1.5/24} → {@code 10.0.1.0/24}, as iptables prints. */
  public static String canonicalCidr(String addressOrCidr) {
    int slash = addressOrCidr.indexOf('/');
    if (slash < 0) {
      toInt(addressOrCidr);
      return addressOrCidr + "/32";
    }
    int prefix;
    try {
      prefix = Integer.parseInt(addressOrCidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an IPv4 CIDR: '" + addressOrCidr + "'");
    }
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("prefix length must be 0..32: '" + addressOrCidr + "'");
    }
    int address;
    try {
      address = toInt(addressOrCidr.substring(0, slash));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an IPv4 CIDR: '" + addressOrCidr + "'", e);
    }
    int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
    return toText(address & mask) + "/" + prefix;
  }

  /** The address part of {@code ip/len}, or the text itself. */
  public static String address(String addressOrCidr) {
    int slash = addressOrCidr.indexOf('/');
    return slash < 0 ? addressOrCidr : addressOrCidr.substring(0, slash);
  }

  public static int toInt(String address) {
    String[] parts = address.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: '" + address + "'");
    }
    int value = 0;
    for (String part : parts) {
      // 1-3 decimal digits, no sign, no leading zero (iptables would read 010 as octal)
      int length = part.length();
      if (length == 0 || length > 3 || length > 1 && part.charAt(0) == '0') {
        throw new IllegalArgumentException("not an IPv4 address: '" + address + "'");
      }
      int octet = 0;
      for (int i = 0; i < length; i++) {
        char c = part.charAt(i);
        if (c < '0' || c > '9') {
          throw new IllegalArgumentException("not an IPv4 address: '" + address + "'");
        }
        octet = octet * 10 + (c - '0');
      }
      if (octet > 255) {
        throw new IllegalArgumentException("not an IPv4 address: '" + address + "'");
      }
      value = value << 8 | octet;
    }
    return value;
  }

  public static String toText(int address) {
    return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
  }
}

package io.natgwchaos.twin.controller;

import io.natgwchaos.gateway.Ipv4;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kube-ovn-controller's in-memory IPAM for the external subnet: EIP addresses and gateway pods' net1
 * addresses. An owner (EIP name or pod attachment) keeps its address until released; a StatefulSet pod
 * re-created under the same name gets the same address back. Rebuilt from the cluster when the
 * process starts, as upstream does.
 */
final class Ipam {
  private final Map<String, Set<String>> usedBySubnet = new HashMap<>();
  private final Map<String, String> addressByOwner = new HashMap<>();

  /** Records an address already in use (start-up rebuild). */
  synchronized void reserve(String subnet, String owner, String address) {
    usedBySubnet.computeIfAbsent(subnet, s -> new HashSet<>()).add(address);
    addressByOwner.put(subnet + "/" + owner, address);
  }

  /** The owner's address, or the first free one in {@code cidr} (gateway and exclusions skipped). */
  synchronized String acquire(String subnet, String owner, String cidr, String gateway, List<String> excludeIps)
      throws RetryableError {
    String existing = addressByOwner.get(subnet + "/" + owner);
    if (existing != null) {
      return existing;
    }
    Set<String> used = usedBySubnet.computeIfAbsent(subnet, s -> new HashSet<>());
    Set<String> excluded = expand(excludeIps);
    int slash = cidr.indexOf('/');
    int base = Ipv4.toInt(cidr.substring(0, slash));
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    long size = 1L << (32 - prefix);
    for (long i = 1; i < size - 1; i++) {
      String candidate = Ipv4.toText((int) (base + i));
      if (!candidate.equals(gateway) && !excluded.contains(candidate) && !used.contains(candidate)) {
        used.add(candidate);
        addressByOwner.put(subnet + "/" + owner, candidate);
        return candidate;
      }
    }
    throw new RetryableError("AddressExhausted: no free address in subnet " + subnet);
  }

  /** A requested address for an owner; conflicts with another owner are an error. */
  synchronized String acquireStatic(String subnet, String owner, String address) throws RetryableError {
    String key = subnet + "/" + owner;
    String existing = addressByOwner.get(key);
    if (address.equals(existing)) {
      return address;
    }
    Set<String> used = usedBySubnet.computeIfAbsent(subnet, s -> new HashSet<>());
    if (used.contains(address)) {
      throw new RetryableError("AddressConflict: " + address + " in subnet " + subnet + " is already in use");
    }
    used.add(address);
    addressByOwner.put(key, address);
    return address;
  }

  synchronized void release(String subnet, String owner) {
    String address = addressByOwner.remove(subnet + "/" + owner);
    if (address != null) {
      usedBySubnet.getOrDefault(subnet, Set.of()).remove(address);
    }
  }

  private static Set<String> expand(List<String> excludeIps) {
    Set<String> out = new HashSet<>();
    if (excludeIps == null) {
      return out;
    }
    for (String item : excludeIps) {
      int dots = item.indexOf("..");
      if (dots < 0) {
        out.add(item.strip());
      } else {
        int from = Ipv4.toInt(item.substring(0, dots).strip());
        int to = Ipv4.toInt(item.substring(dots + 2).strip());
        for (long a = Integer.toUnsignedLong(from); a <= Integer.toUnsignedLong(to); a++) {
          out.add(Ipv4.toText((int) a));
        }
      }
    }
    return out;
  }
}

package io.natgwchaos.gateway;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * One {@code -A} line of the nat table, split into the parts Kube-OVN's rules use. Addresses are kept
 * as iptables prints them ({@code 172.19.0.6/32}, {@code 10.0.1.0/24}); absent parts are null.
 *
 * @param chain the chain the rule is appended to
 * @param source {@code -s}
 * @param destination {@code -d}
 * @param protocol {@code -p}
 * @param destinationPort {@code --dport} of the tcp/udp match
 * @param inInterface {@code -i}
 * @param outInterface {@code -o}
 * @param target {@code -j} (or {@code -g}, which is then also kept as {@code "-g"} in otherOptions): DNAT,
 *     SNAT, or a chain name
 * @param toDestination DNAT {@code --to-destination}, {@code ip} or {@code ip:port}
 * @param toSource SNAT {@code --to-source}
 * @param randomFully SNAT {@code --random-fully}
 * @param conntrackOriginalDestination {@code -m conntrack --ctorigdst} (HAIRPIN_SNAT rules)
 * @param otherOptions every option not listed above, in order, as printed (e.g. {@code -m mark --mark 0x1/0x1})
 * @param shape what this rule is, if it is one of Kube-OVN's shapes
 * @param line the whole line as printed, starting with {@code -A}
 */
public record NatRule(
    String chain,
    String source,
    String destination,
    String protocol,
    String destinationPort,
    String inInterface,
    String outInterface,
    String target,
    String toDestination,
    String toSource,
    boolean randomFully,
    String conntrackOriginalDestination,
    List<String> otherOptions,
    RuleShape shape,
    @JsonValue String line) {

  public NatRule {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(line, "line");
    otherOptions = List.copyOf(otherOptions);
  }

  /** Re-parses a rule from its line; how rules are stored in a history. */
  @JsonCreator
  public static NatRule fromLine(String line) {
    return IptablesSaveParser.parseRule(line, 1);
  }

  /** The address part of {@code --to-destination} (without {@code :port}). */
  public String toDestinationAddress() {
    if (toDestination == null) {
      return null;
    }
    int colon = toDestination.indexOf(':');
    return colon < 0 ? toDestination : toDestination.substring(0, colon);
  }

  /** The port part of {@code --to-destination}, or null. */
  public String toDestinationPort() {
    if (toDestination == null) {
      return null;
    }
    int colon = toDestination.indexOf(':');
    return colon < 0 ? null : toDestination.substring(colon + 1);
  }

  @JsonIgnore
  public boolean isRecognised() {
    return shape != RuleShape.UNRECOGNISED;
  }

  @Override
  public String toString() {
    return line;
  }
}

package io.natgwchaos.twin.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * What each step of a gateway command costs upstream, before the twin's time scale shrinks it. The
 * arping figures follow from iputils' timing (one probe a second, {@code -D} waits for the fourth tick);
 * the process costs are typical for a small Alpine container and only order the steps.
 *
 * @param scriptStart bash start-up, two {@code which} and the legacy probe before any op runs
 * @param iptables one {@code iptables} (or {@code -legacy}) process
 * @param iptablesSave one {@code iptables-save} process piped into grep
 * @param ip one {@code ip} process
 * @param conntrack one {@code conntrack -D}
 * @param arpingDad {@code arping -c 3 -D} without an answer
 * @param arpingUnsolicited {@code arping -c 3 -U}
 */
public record StepCosts(Duration scriptStart, Duration iptables, Duration iptablesSave, Duration ip,
    Duration conntrack, Duration arpingDad, Duration arpingUnsolicited) {
  public StepCosts {
    Objects.requireNonNull(scriptStart, "scriptStart");
    Objects.requireNonNull(iptables, "iptables");
    Objects.requireNonNull(iptablesSave, "iptablesSave");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(conntrack, "conntrack");
    Objects.requireNonNull(arpingDad, "arpingDad");
    Objects.requireNonNull(arpingUnsolicited, "arpingUnsolicited");
  }

  public static StepCosts upstream() {
    return new StepCosts(Duration.ofMillis(10), Duration.ofMillis(3), Duration.ofMillis(4), Duration.ofMillis(2),
        Duration.ofMillis(2), Duration.ofSeconds(3), Duration.ofSeconds(2));
  }

  /** No cost at all: for tests of the script's logic alone. */
  public static StepCosts free() {
    return new StepCosts(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
        Duration.ZERO);
  }
}

package io.natgwchaos.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A FIP's delete refreshes its EIP's {@code status.nat} through a reset delayed by 3 s (upstream), which a restart
 * loses. The modelled fix also resets the EIP on the FIP's delete event. At a quarter of upstream time the delayed reset comes
 * 750 ms after the finalizer is removed: the event's reset is seen long before it.
 */
class RuleDeleteRefreshesEipTest {
  static final double QUARTER_SPEED = 0.25;
  static final Duration BEFORE_THE_DELAYED_RESET = Duration.ofMillis(400);

  @Test
  void onFixedTheDeleteEventRefreshesTheEipAtOnce() {
    try (TwinScenario s = TwinScenario.start("fixed", "del-event", 1, 0, 0, 0, 7, QUARTER_SPEED)) {
      String eip = deleteTheFip(s);

      await().atMost(BEFORE_THE_DELAYED_RESET).pollInterval(Duration.ofMillis(20))
          .until(() -> nat(s, eip).isEmpty());
    }
  }

  @Test
  void upstreamRefreshesItOnlyWithTheDelayedReset() throws InterruptedException {
    try (TwinScenario s = TwinScenario.start("v1.16.2", "del-event", 1, 0, 0, 0, 7, QUARTER_SPEED)) {
      String eip = deleteTheFip(s);
      long gone = System.nanoTime();

      Thread.sleep(BEFORE_THE_DELAYED_RESET.toMillis());
      assertThat(nat(s, eip)).as("nat %s ms after the FIP went", (System.nanoTime() - gone) / 1_000_000)
          .isEqualTo("fip");
      await().atMost(Duration.ofSeconds(10)).until(() -> nat(s, eip).isEmpty());
    }
  }

  /** Deletes the topology's FIP, waits until it is gone, and returns its EIP's name. */
  private static String deleteTheFip(TwinScenario s) {
    String fip = s.topology.fips().get(0);
    String eip = s.client.resources(IptablesFipRule.class).withName(fip).get().getSpec().getEip();
    await().atMost(Duration.ofSeconds(10)).until(() -> nat(s, eip).equals("fip"));
    s.client.resources(IptablesFipRule.class).withName(fip).delete();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> s.client.resources(IptablesFipRule.class).withName(fip).get() == null);
    return eip;
  }

  private static String nat(TwinScenario s, String eip) {
    IptablesEip current = s.client.resources(IptablesEip.class).withName(eip).get();
    return current.getStatus() == null || current.getStatus().getNat() == null ? "" : current.getStatus().getNat();
  }
}

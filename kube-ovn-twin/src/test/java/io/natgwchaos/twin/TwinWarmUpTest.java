package io.natgwchaos.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.targets.TargetSettings;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TwinWarmUpTest {
  @Test
  void theWarmUpRunsAtMostOncePerJvmAndNotWhenSwitchedOff() {
    AtomicInteger meanwhile = new AtomicInteger();
    assertThat(TwinWarmUp.onceBefore(new TargetSettings(Map.of(TwinWarmUp.PROPERTY, "false")),
        meanwhile::incrementAndGet)).isFalse();
    assertThat(meanwhile).as("nothing started alongside a warm-up that did not run").hasValue(0);

    // runs now, unless a twin opened earlier in this JVM (another test class) already ran it
    boolean ran = TwinWarmUp.onceBefore(new TargetSettings(Map.of()), meanwhile::incrementAndGet);
    assertThat(meanwhile).as("started once exactly when the warm-up ran").hasValue(ran ? 1 : 0);
    assertThat(TwinWarmUp.onceBefore(new TargetSettings(Map.of()), meanwhile::incrementAndGet)).isFalse();
    assertThat(meanwhile).hasValue(ran ? 1 : 0);
  }
}

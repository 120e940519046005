package io.natgwchaos.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.targets.TargetSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwinWarmUpTest {
  @Test
  void theWarmUpRunsAtMostOncePerJvmAndNotWhenSwitchedOff() {
    assertThat(TwinWarmUp.onceBefore(new TargetSettings(Map.of(TwinWarmUp.PROPERTY, "false")))).isFalse();

    // runs now, unless a twin opened earlier in this JVM (another test class) already ran it
    TwinWarmUp.onceBefore(new TargetSettings(Map.of()));
    assertThat(TwinWarmUp.onceBefore(new TargetSettings(Map.of()))).isFalse();
  }
}

package io.natgwchaos.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.targets.TargetSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwinWarmUpTest {
  @Test
  void theWarmUpRunsOncePerJvmAndNotWhenSwitchedOff() {
    assertThat(TwinWarmUp.onceBefore(new TargetSettings(Map.of(TwinWarmUp.PROPERTY, "false")))).isFalse();

    assertThat(TwinWarmUp.onceBefore(new TargetSettings(Map.of()))).isTrue();
    assertThat(TwinWarmUp.onceBefore(new TargetSettings(Map.of()))).isFalse();
  }
}

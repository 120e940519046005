package io.natgwchaos.twin;

import io.natgwchaos.target.ChaosTarget;
import io.natgwchaos.target.ChaosTargetProvider;
import io.natgwchaos.target.TargetSettings;

/** {@code -Dchaos.target=twin}: the embedded twin with the controller model (see {@link TwinSettings}). */
public final class TwinTargetProvider implements ChaosTargetProvider {
  @Override
  public String name() {
    return TwinTarget.NAME;
  }

  @Override
  public ChaosTarget open(TargetSettings settings) {
    return TwinTarget.open(TwinSettings.from(settings));
  }
}

package io.natgwchaos.targets.kind;

import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.ChaosTargetProvider;
import io.natgwchaos.targets.PlanModeException;
import io.natgwchaos.targets.TargetSettings;
import io.natgwchaos.targets.process.SystemProcessRunner;
import java.time.Clock;

/** {@code chaos.target=kind}: a kind cluster made for this run. */
public final class KindTargetProvider implements ChaosTargetProvider {
  @Override
  public String name() {
    return "kind";
  }

  @Override
  public ChaosTarget open(TargetSettings settings) {
    KindSettings kind = KindSettings.from(settings, Clock.systemUTC());
    if (settings.getBoolean(KindSettings.PLAN, false)) {
      String plan = KindPlan.render(kind, settings);
      System.out.print(plan);
      throw new PlanModeException(KindSettings.PLAN + "=true: printed the kind target's plan for run "
          + kind.runId() + "; nothing was run");
    }
    return KindTarget.open(kind, KindHost.system(kind));
  }

  @Override
  public void checkPrerequisites(TargetSettings settings) {
    KindPrerequisites.check(new SystemProcessRunner(), KindSettings.from(settings, Clock.systemUTC()));
  }
}

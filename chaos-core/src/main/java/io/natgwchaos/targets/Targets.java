package io.natgwchaos.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the provider named by {@code chaos.target} and opens its target. */
public final class Targets {
  private Targets() {}

  public static ChaosTarget open(TargetSettings settings) {
    return provider(settings.target()).open(settings);
  }

  public static ChaosTargetProvider provider(String name) {
    List<String> known = new ArrayList<>();
    for (ChaosTargetProvider provider : ServiceLoader.load(ChaosTargetProvider.class)) {
      if (provider.name().equals(name)) {
        return provider;
      }
      known.add(provider.name());
    }
    String hint = name.equals("twin") ? " (the twin target needs module kube-ovn-twin on the test classpath)" : "";
    throw new IllegalArgumentException("unknown " + TargetSettings.TARGET + " '" + name + "': expected one of "
        + (known.isEmpty() ? "<no providers found>" : String.join(", ", known.stream().sorted().toList())) + hint);
  }
}

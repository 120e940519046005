package io.natgwchaos.twin.scenario;

import io.natgwchaos.targets.TargetSettings;
import io.natgwchaos.targets.TopologyProvisioner;
import io.natgwchaos.targets.TopologySpec;
import io.natgwchaos.targets.TopologyTimeouts;
import io.natgwchaos.twin.TwinSettings;
import io.natgwchaos.twin.TwinTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks of the twin, printed (not asserted): start-up time, time to a ready gateway with 10 EIPs and
 * 10 FIPs, and the #5114 scenario repeated over seeds — reproduction rate on affected profiles, false
 * positives on fixed, time per repetition. Run from the repository root:
 * <pre>./mvnw -q -Ptwin-bench -pl kube-ovn-twin -am test -DskipTests -Dbench.args="50 v1.13.4 fixed"</pre>
 * args: repetitions (default 50), then profiles (default v1.13.4 fixed).
 */
public final class TwinBench {
  private TwinBench() {}

  public static void main(String[] args) {
    int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    List<String> versions = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("v1.13.4", "fixed");
    startup();
    for (String version : versions) {
      repeat5114(version, repetitions);
    }
  }

  private static void startup() {
    List<Long> opens = new ArrayList<>();
    List<Long> readies = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      long t0 = System.nanoTime();
      try (TwinTarget twin = TwinTarget.open(TwinSettings.from(new TargetSettings(Map.of("kubeovn.version", "v1.13.4"))))) {
        long t1 = System.nanoTime();
        TopologySpec spec = TopologySpec.of("bench", twin.gatewayNodes()).withRules(10, 0, 0);
        new TopologyProvisioner(twin.client(), TwinScenario.NS, new TopologyTimeouts(Duration.ofSeconds(60),
            Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofMillis(100)))
            .provision(spec, twin.externalNetwork());
        long t2 = System.nanoTime();
        opens.add((t1 - t0) / 1_000_000);
        readies.add((t2 - t1) / 1_000_000);
      }
    }
    System.out.printf("twin open (ms), first (cold JVM) then warm: %s%n", opens);
    System.out.printf("gateway + 10 EIPs + 10 FIPs ready (ms), v1.13.4, scale 0.05: %s (incl. 100 ms pause after init)%n",
        readies);
  }

  private static void repeat5114(String version, int repetitions) {
    int reproduced = 0;
    int unsettled = 0;
    List<Long> times = new ArrayList<>();
    for (int seed = 1; seed <= repetitions; seed++) {
      Issue5114Scenario.Outcome outcome = Issue5114Scenario.run(version, seed);
      if (outcome.reproduced()) {
        reproduced++;
      }
      if (!outcome.unsettled().isEmpty()) {
        unsettled++;
        System.out.printf("  %s seed %d did not settle: %s%n", version, seed, outcome.unsettled());
      }
      times.add(outcome.took().toMillis());
    }
    System.out.printf("#5114 scenario on %s: %d of %d runs did not settle%n", version, unsettled, repetitions);
    times.sort(Long::compare);
    System.out.printf("#5114 scenario on %s: reproduced in %d of %d seeds (%.0f%%); per repetition median %d ms,"
            + " max %d ms%n", version, reproduced, repetitions, 100.0 * reproduced / repetitions,
        times.get(times.size() / 2), times.get(times.size() - 1));
  }
}

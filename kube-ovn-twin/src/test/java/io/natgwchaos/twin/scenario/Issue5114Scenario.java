package io.natgwchaos.twin.scenario;

import static org.awaitility.Awaitility.await;

import io.natgwchaos.check.Finding;
import io.natgwchaos.check.Invariant;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The #5114 mechanism driven by hand: with N EIPs and N FIPs ready, delete the gateway pod, and while the
 * EIPs wait to be re-programmed delete a seeded half of the FIPs whose EIPs are still waiting; let the
 * system settle and read the end state with the probe and S1.
 */
final class Issue5114Scenario {
  static final int EIPS = 10;

  /** What one run showed. */
  record Outcome(String version, long seed, List<String> deletedFipEips, List<Finding> s1, String unsettled,
      Duration took) {
    boolean reproduced() {
      return !s1.isEmpty();
    }
  }

  private Issue5114Scenario() {}

  static Outcome run(String version, long seed) {
    long start = System.nanoTime();
    Random random = new Random(seed);
    try (TwinScenario s = TwinScenario.start(version, "t5114", EIPS, 0, 0, 0, seed)) {
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
          .until(() -> s.findings().stream().noneMatch(f -> f.invariant() != Invariant.S4));
      String oldUid = s.pod().getMetadata().getUid();

      s.client.pods().inNamespace(TwinScenario.NS).withName(s.podName()).delete();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() ->
          s.pod() != null && !oldUid.equals(s.pod().getMetadata().getUid())
              && eips(s).stream().filter(Issue5114Scenario::notReadyWithRedo).count() >= EIPS / 2);
      List<String> waiting = new ArrayList<>(eips(s).stream().filter(Issue5114Scenario::notReadyWithRedo)
          .map(e -> e.getMetadata().getName()).sorted().toList());
      Collections.shuffle(waiting, random);
      List<String> chosen = waiting.subList(0, Math.max(1, waiting.size() / 2));
      List<IptablesFipRule> victims = s.client.resources(IptablesFipRule.class).list().getItems().stream()
          .filter(f -> chosen.contains(f.getSpec().getEip())).toList();
      victims.forEach(f -> s.client.resources(IptablesFipRule.class).resource(f).delete());

      // settle: upstream 120 s for everything that can converge
      long deadline = System.nanoTime() + (long) (120e9 * s.twin.timeScale());
      String unsettled = unsettled(s, victims);
      while (!unsettled.isEmpty() && System.nanoTime() < deadline) {
        sleepUpstream(s, Duration.ofSeconds(1));
        unsettled = unsettled(s, victims);
      }
      sleepUpstream(s, Duration.ofSeconds(30));
      List<Finding> s1 = s.findings().stream().filter(f -> f.invariant() == Invariant.S1).toList();
      if (!unsettled.isEmpty()) {
        unsettled = unsettled + " (diagnostics: " + s.diagnostics("5114-" + version + "-" + seed) + ")";
      }
      return new Outcome(version, seed, victims.stream().map(v -> v.getSpec().getEip()).sorted().toList(), s1,
          unsettled, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** What has not converged: EIPs not ready, deleted FIPs still there; empty when settled. */
  private static String unsettled(TwinScenario s, List<IptablesFipRule> victims) {
    List<String> notReady = eips(s).stream()
        .filter(e -> e.getStatus() == null || !Boolean.TRUE.equals(e.getStatus().getReady()))
        .map(e -> e.getMetadata().getName() + "(redo=" + (e.getStatus() == null ? "" : e.getStatus().getRedo())
            + ", ip=" + (e.getStatus() == null ? "" : e.getStatus().getIp()) + ")").toList();
    List<String> stuck = s.client.resources(IptablesFipRule.class).list().getItems().stream()
        .filter(f -> victims.stream().anyMatch(v -> v.getMetadata().getName().equals(f.getMetadata().getName())))
        .map(f -> f.getMetadata().getName()).toList();
    if (notReady.isEmpty() && stuck.isEmpty()) {
      return "";
    }
    return "EIPs not ready " + notReady + ", deleted FIPs still present " + stuck;
  }

  private static boolean notReadyWithRedo(IptablesEip eip) {
    return eip.getStatus() != null && !Boolean.TRUE.equals(eip.getStatus().getReady())
        && eip.getStatus().getRedo() != null && !eip.getStatus().getRedo().isEmpty();
  }

  private static List<IptablesEip> eips(TwinScenario s) {
    return s.client.resources(IptablesEip.class).list().getItems();
  }

  static void sleepUpstream(TwinScenario s, Duration upstream) {
    try {
      Thread.sleep(Math.max(1, (long) (upstream.toMillis() * s.twin.timeScale())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

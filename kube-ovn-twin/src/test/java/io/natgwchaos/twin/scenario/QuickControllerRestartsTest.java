package io.natgwchaos.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.natgwchaos.kubeovn.IptablesEip;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kube-ovn-controller restarted again a few milliseconds after its new instance started: the instance after that
 * must still handle events (a new EIP gets its address).
 */
class QuickControllerRestartsTest {
  static final int ROUNDS = Integer.getInteger("quickRestarts.rounds", 6);

  @Test
  void anInstanceStartedRightAfterAnotherWasStoppedStillHandlesEvents() throws Exception {
    try (TwinScenario s = TwinScenario.start("fixed", "quick", 1, 0, 0)) {
      for (int round = 0; round < ROUNDS; round++) {
        int before = s.twin.controller().instancesStarted();
        deleteControllerPods(s);
        assertThat(s.twin.controller().awaitInstance(before + 1, Duration.ofSeconds(20)))
            .as("round %d: instance %d started; events:%n%s", round, before + 1, events(s)).isTrue();
        Thread.sleep(round * 5L);
        deleteControllerPods(s);
        assertThat(s.twin.controller().awaitInstance(before + 2, Duration.ofSeconds(70)))
            .as("round %d: instance %d started; events:%n%s", round, before + 2, events(s)).isTrue();

        String name = "probe-" + round;
        IptablesEip eip = new IptablesEip();
        eip.setMetadata(new ObjectMetaBuilder().withName(name).build());
        eip.setSpec(new IptablesEip.Spec());
        eip.getSpec().setNatGwDp(s.gateway());
        s.client.resource(eip).create();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        boolean ready = false;
        while (!ready && System.nanoTime() < deadline) {
          IptablesEip now = s.client.resources(IptablesEip.class).withName(name).get();
          ready = now.getStatus() != null && Boolean.TRUE.equals(now.getStatus().getReady());
          Thread.sleep(20);
        }
        assertThat(ready).as("round %d (second restart %d ms after the first instance started): %s\n%s", round,
            round * 5, name, s.twin.controller().controllerState()).isTrue();
      }
    }
  }

  private static String events(TwinScenario s) {
    List<String> all = s.twin.events().entries().stream().map(Object::toString).toList();
    StringBuilder threads = new StringBuilder();
    Thread.getAllStackTraces().forEach((t, stack) -> {
      if (t.getName().startsWith("twin-controller-process")) {
        threads.append(t.getName()).append(' ').append(t.getState()).append('\n');
        for (StackTraceElement e : stack) {
          threads.append("    at ").append(e).append('\n');
        }
      }
    });
    return String.join("\n", all.subList(Math.max(0, all.size() - 12), all.size())) + "\n" + threads
        + "instances started " + s.twin.controller().instancesStarted() + ", running "
        + s.twin.controller().runningInstance();
  }

  private static void deleteControllerPods(TwinScenario s) {
    List<Pod> pods = s.client.pods().inNamespace(TwinScenario.NS).withLabel("app", "kube-ovn-controller").list()
        .getItems();
    pods.forEach(p -> s.client.pods().inNamespace(TwinScenario.NS).withName(p.getMetadata().getName()).delete());
  }
}

package io.natgwchaos.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.targets.ProvisionedTopology;
import io.natgwchaos.targets.TopologyProvisioner;
import io.natgwchaos.targets.TopologySpec;
import io.natgwchaos.targets.TopologyTimeouts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A worker of the modelled controller is a goroutine: only the process dying ends it. fabric8's exec sometimes
 * leaves a stray interrupt on the calling thread; a worker that ended on it left its queue without a worker, and
 * every later object of that kind stayed without status (seen as "chaos-fip-4 (no status) not ready after 30s").
 */
class ControllerWorkerTest {
  @Test
  void interruptedWorkersKeepServingTheirQueues() {
    try (TwinScenario s = TwinScenario.start("fixed", "first", 1, 1, 0)) {
      List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith("natgw-ctl-add_") && t.isAlive()).toList();
      assertThat(workers).extracting(Thread::getName)
          .contains("natgw-ctl-add_eip", "natgw-ctl-add_fip", "natgw-ctl-add_snat");
      workers.forEach(Thread::interrupt);

      ProvisionedTopology second = new TopologyProvisioner(s.client, TwinScenario.NS,
          new TopologyTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(10),
              Duration.ofMillis(20), Duration.ofMillis(100)))
          .provision(TopologySpec.of("second", s.twin.gatewayNodes()).withRules(1, 1, 0), s.twin.externalNetwork());

      assertThat(second.fips()).hasSize(1);
      assertThat(s.twin.controllerLog()).anyMatch(line -> line.contains("worker interrupted while waiting"));
    }
  }
}

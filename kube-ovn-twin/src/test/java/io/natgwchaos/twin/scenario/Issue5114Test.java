package io.natgwchaos.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kube-ovn#5114 emerges from the modelled controller racing a FIP deletion against the redo of a moved
 * gateway pod: on v1.13.4 and master (the reset still forces ready=true), not on fixed.
 */
class Issue5114Test {

  @ParameterizedTest
  @CsvSource({"v1.13.4, true", "master, true", "fixed, false"})
  void aFipDeletedDuringTheRedoLeavesItsEipReadyWithoutItsAddress(String version, boolean affected) {
    if (!affected) {
      assertThat(Issue5114Scenario.run(version, 42).s1()).as("fixed: every ready EIP is on net1").isEmpty();
      return;
    }
    // a race, not a script: the twin bench measures 98% per seed on v1.13.4, so three seeds make a miss 1 in 100,000
    List<String> misses = new ArrayList<>();
    for (long seed = 42; seed < 45; seed++) {
      Issue5114Scenario.Outcome outcome = Issue5114Scenario.run(version, seed);
      if (outcome.s1().stream().anyMatch(f -> outcome.deletedFipEips().contains(f.resource().name()))) {
        return;
      }
      misses.add("seed " + seed + ": S1 " + outcome.s1() + ", EIPs of deleted FIPs " + outcome.deletedFipEips());
    }
    fail(version + ": no EIP whose FIP was deleted in the redo window ended ready but not on net1: " + misses);
  }
}

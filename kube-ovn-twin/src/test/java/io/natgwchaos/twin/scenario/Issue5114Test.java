package io.natgwchaos.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;

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
    Issue5114Scenario.Outcome outcome = Issue5114Scenario.run(version, 42);

    if (affected) {
      assertThat(outcome.s1()).as("%s: an EIP whose FIP was deleted in the redo window is ready but not on net1",
          version).isNotEmpty().allSatisfy(f -> assertThat(outcome.deletedFipEips()).contains(f.resource().name()));
    } else {
      assertThat(outcome.s1()).as("fixed: every ready EIP is on net1").isEmpty();
    }
  }
}

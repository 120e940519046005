package io.natgwchaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.kubeovn.NatResourceKind;
import io.natgwchaos.targets.TargetSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadPlanTest {
  static final List<Slot> SLOTS = slots();

  static List<Slot> slots() {
    List<Slot> slots = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      slots.add(new Slot(NatResourceKind.FIP, "fip-" + i, Map.of("eip", "eip-" + i, "internalIp", "10.0.1." + (10 + i)),
          Map.of(), true));
    }
    slots.add(new Slot(NatResourceKind.SNAT, "snat-0", Map.of("eip", "eip-40", "internalCIDR", "10.0.1.0/24"),
        Map.of(), true));
    return slots;
  }

  static final Workload FIP_CHURN = Workload.fipChurn().workers(16).rate(100).duration(Duration.ofSeconds(30));

  @Test
  void theSameSeedGivesEveryWorkerTheSameOperations() {
    WorkloadPlan a = FIP_CHURN.plan(SLOTS, 1234);
    WorkloadPlan b = FIP_CHURN.plan(SLOTS, 1234);
    for (int w = 0; w < 16; w++) {
      assertThat(a.workers().get(w).first(500)).as("worker %d", w).isEqualTo(b.workers().get(w).first(500));
    }
  }

  @Test
  void aDifferentSeedGivesDifferentOperations() {
    WorkloadPlan a = FIP_CHURN.plan(SLOTS, 1234);
    WorkloadPlan b = FIP_CHURN.plan(SLOTS, 1235);
    assertThat(a.workers().get(0).first(100)).isNotEqualTo(b.workers().get(0).first(100));
  }

  @Test
  void workersOwnDisjointSlotsOfTheChurnedKindsOnly() {
    WorkloadPlan plan = FIP_CHURN.plan(SLOTS, 1);
    Set<String> seen = new HashSet<>();
    for (WorkloadPlan.WorkerPlan worker : plan.workers()) {
      Set<String> touched = new HashSet<>();
      worker.first(300).forEach(step -> step.operations().forEach(op -> touched.add(op.name())));
      assertThat(touched).allMatch(n -> n.startsWith("fip-"));
      assertThat(seen).doesNotContainAnyElementsOf(touched);
      seen.addAll(touched);
    }
    assertThat(seen).hasSize(40);
  }

  @Test
  void eachWorkerDeletesOnlyWhatItsPlanHasCreatedAndQuickPairsAreBackToBack() {
    WorkloadPlan plan = Workload.fipChurn().quickAddDelete(0.5).workers(4).rate(0).duration(Duration.ZERO)
        .plan(SLOTS, 99);
    for (WorkloadPlan.WorkerPlan worker : plan.workers()) {
      Map<String, Boolean> present = new HashMap<>();
      worker.slots().forEach(s -> present.put(s.name(), s.initiallyPresent()));
      int quick = 0;
      for (WorkloadPlan.Step step : worker.first(1000)) {
        if (step.operations().size() == 2) {
          quick++;
          assertThat(step.operations()).extracting(Operation::action)
              .containsExactly(Operation.Action.CREATE, Operation.Action.DELETE);
          assertThat(present.get(step.operations().get(0).name())).isFalse();
          continue;
        }
        Operation op = step.operations().get(0);
        boolean before = present.get(op.name());
        assertThat(op.action()).isEqualTo(before ? Operation.Action.DELETE : Operation.Action.CREATE);
        present.put(op.name(), !before);
      }
      assertThat(quick).isGreaterThan(50);
    }
  }

  @Test
  void createsCarryTheSlotSpecAndUnsetValuesComeFromProperties() {
    Workload resolved = Workload.fipChurn().resolve(new TargetSettings(Map.of("chaos.workload.workers", "3",
        "chaos.workload.duration", "90s")));
    assertThat(resolved.workers()).isEqualTo(3);
    assertThat(resolved.duration()).isEqualTo(Duration.ofSeconds(90));
    assertThat(resolved.rate()).isEqualTo(Workload.DEFAULT_RATE);
    Operation create = Operation.create(SLOTS.get(3));
    assertThat(create.arguments()).containsEntry("eip", "eip-3").containsEntry("internalIp", "10.0.1.13");
    assertThat(Operation.delete(SLOTS.get(3)).arguments()).isEmpty();
  }

  @Test
  void moreWorkersThanSlotsLeavesSomeIdle() {
    WorkloadPlan plan = Workload.snatChurn().workers(4).rate(1).duration(Duration.ZERO).plan(SLOTS, 5);
    assertThat(plan.activeWorkers()).isEqualTo(1);
    assertThat(plan.workers().get(1).steps().hasNext()).isFalse();
  }
}

package io.natgwchaos.workload;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The operations each worker makes, fixed by the seed before anything runs. Slots are dealt round-robin, so
 * workers own disjoint slots and no two workers ever touch the same object; each worker walks its own slots with
 * its own random stream and its own model of which objects exist. Two plans with the same seed, slots and
 * worker count produce the same operation sequence per worker, however the calls turn out.
 */
public final class WorkloadPlan {
  /** One unit of a worker's work: one operation, or a quick create + delete made back to back. */
  public record Step(List<Operation> operations) {
    public Step {
      operations = List.copyOf(operations);
    }

    @Override
    public String toString() {
      return operations.toString();
    }
  }

  /** One worker's share: its slots and its endless, deterministic sequence of steps. */
  public record WorkerPlan(int worker, List<Slot> slots, long seed, double quickAddDelete) {
    public WorkerPlan {
      slots = List.copyOf(slots);
    }

    /** A fresh iterator over this worker's steps, always the same sequence; empty when it owns no slot. */
    public Iterator<Step> steps() {
      if (slots.isEmpty()) {
        return List.<Step>of().iterator();
      }
      SplittableRandom random = new SplittableRandom(seed);
      boolean[] present = new boolean[slots.size()];
      for (int i = 0; i < present.length; i++) {
        present[i] = slots.get(i).initiallyPresent();
      }
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return true;
        }

        @Override
        public Step next() {
          int i = random.nextInt(slots.size());
          Slot slot = slots.get(i);
          if (present[i]) {
            present[i] = false;
            return new Step(List.of(Operation.delete(slot)));
          }
          if (random.nextDouble() < quickAddDelete) {
            return new Step(List.of(Operation.create(slot), Operation.delete(slot)));
          }
          present[i] = true;
          return new Step(List.of(Operation.create(slot)));
        }
      };
    }

    /** The first {@code n} steps. */
    public List<Step> first(int n) {
      List<Step> steps = new ArrayList<>(n);
      Iterator<Step> it = steps();
      for (int i = 0; i < n && it.hasNext(); i++) {
        steps.add(it.next());
      }
      return steps;
    }
  }

  private final long seed;
  private final List<WorkerPlan> workers;

  private WorkloadPlan(long seed, List<WorkerPlan> workers) {
    this.seed = seed;
    this.workers = List.copyOf(workers);
  }

  static WorkloadPlan of(List<Slot> slots, int workerCount, double quickAddDelete, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    List<List<Slot>> owned = new ArrayList<>();
    for (int w = 0; w < workerCount; w++) {
      owned.add(new ArrayList<>());
    }
    for (int i = 0; i < slots.size(); i++) {
      owned.get(i % workerCount).add(slots.get(i));
    }
    List<WorkerPlan> workers = new ArrayList<>();
    for (int w = 0; w < workerCount; w++) {
      workers.add(new WorkerPlan(w, owned.get(w), root.nextLong(), quickAddDelete));
    }
    return new WorkloadPlan(seed, workers);
  }

  public long seed() {
    return seed;
  }

  public List<WorkerPlan> workers() {
    return workers;
  }

  /** Workers that own at least one slot. */
  public long activeWorkers() {
    return workers.stream().filter(w -> !w.slots().isEmpty()).count();
  }
}

package io.natgwchaos.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.targets.ExternalNetwork;
import io.natgwchaos.targets.ProvisionedTopology;
import io.natgwchaos.targets.TopologyResources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The slots a provisioned topology offers a workload. */
public final class Slots {
  private Slots() {}

  /**
   * Every FIP, SNAT and DNAT the topology created, with the spec it was created with, and every spare EIP (one no
   * rule uses); all present at the start. Built from the topology's spec, so it needs no API call.
   */
  public static List<Slot> of(ProvisionedTopology topology, ExternalNetwork network) {
    TopologyResources resources = TopologyResources.of(topology.spec(), network);
    List<Slot> slots = new ArrayList<>();
    add(slots, resources.fips(), Set.copyOf(topology.fips()));
    add(slots, resources.snats(), Set.copyOf(topology.snats()));
    add(slots, resources.dnats(), Set.copyOf(topology.dnats()));
    Set<String> used = new HashSet<>();
    resources.fips().forEach(r -> used.add(r.getSpec().getEip()));
    resources.snats().forEach(r -> used.add(r.getSpec().getEip()));
    resources.dnats().forEach(r -> used.add(r.getSpec().getEip()));
    List<IptablesEip> spare = resources.eips().stream().filter(e -> !used.contains(e.getMetadata().getName())).toList();
    add(slots, spare, Set.copyOf(topology.eips()));
    return slots;
  }

  private static void add(List<Slot> slots, List<? extends HasMetadata> resources, Set<String> created) {
    for (HasMetadata resource : resources) {
      if (created.contains(resource.getMetadata().getName())) {
        slots.add(Slot.of(resource, true));
      }
    }
  }
}

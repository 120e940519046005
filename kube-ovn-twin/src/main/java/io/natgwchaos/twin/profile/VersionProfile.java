package io.natgwchaos.twin.profile;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The behaviour of one Kube-OVN version as the twin models it: a set of {@link Switch}es plus the two
 * multi-valued behaviours.
 *
 * @param name profile name, e.g. {@code v1.13.4}, {@code master}, {@code fixed}
 * @param switches the switches that are on
 * @param redoStamp how the redo stamp is kept
 * @param missingEipOnCreate what happens when an EIP vanishes during its own add
 */
public record VersionProfile(String name, Set<Switch> switches, RedoStamp redoStamp,
    MissingEipOnCreate missingEipOnCreate) {

  public VersionProfile {
    Objects.requireNonNull(name, "name");
    switches = switches.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(switches));
    Objects.requireNonNull(redoStamp, "redoStamp");
    Objects.requireNonNull(missingEipOnCreate, "missingEipOnCreate");
  }

  public boolean on(Switch behaviour) {
    return switches.contains(behaviour);
  }

  /** A copy with one switch changed, for tests that isolate a mechanism. */
  public VersionProfile with(Switch behaviour, boolean enabled) {
    EnumSet<Switch> copy = switches.isEmpty() ? EnumSet.noneOf(Switch.class) : EnumSet.copyOf(switches);
    if (enabled) {
      copy.add(behaviour);
    } else {
      copy.remove(behaviour);
    }
    return new VersionProfile(name + (enabled ? "+" : "-") + behaviour.name(), copy, redoStamp, missingEipOnCreate);
  }
}

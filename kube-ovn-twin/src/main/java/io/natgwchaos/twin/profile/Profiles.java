package io.natgwchaos.twin.profile;

import static io.natgwchaos.twin.profile.Switch.*;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named version profiles. Each lists the switches on at that release (see {@link Switch} for the
 * upstream code each models); {@code fixed} is master's behaviour with every bug switch off.
 */
public final class Profiles {
  private Profiles() {}

  public static final String FIXED = "fixed";

  private static final Map<String, VersionProfile> PROFILES = new LinkedHashMap<>();

  static {
    EnumSet<Switch> v1134 = EnumSet.of(ARPING_DAD, FULL_STATUS_PATCH_FROM_CACHE, RESETS_LOST_ON_RESTART,
        RULE_ADD_SETS_EIP_READY,
        EIP_RESET_FORCES_READY, EIP_POD_CHECK_BEFORE_IPAM, EIP_FINALIZER_SKIP_IF_ANY, RULE_REDO_MARKS_EIP_BLINDLY,
        EIP_REDO_MARK_WITHOUT_PRECONDITION,
        SNAT_FINALIZER_REMOVED_ON_ADD, RULE_FINALIZER_SKIP_IF_ANY, FINALIZER_HELPER_IGNORES_MISSING,
        DELETE_SUCCEEDS_WITHOUT_POD, SNAT_UPDATE_NEEDS_STATUS_CIDR, LABEL_REPLACE_ALWAYS,
        INIT_ONLY_UNINITED_RETURNS_EARLY, INIT_SCAN_RETURNS_ON_FIRST_INITED);
    register("v1.13.4", v1134, RedoStamp.GLOBAL_OVERWRITE, MissingEipOnCreate.PANIC);

    EnumSet<Switch> v11315 = EnumSet.copyOf(v1134);
    v11315.remove(ARPING_DAD);
    v11315.add(FIP_FINALIZER_FIRST);
    register("v1.13.15", v11315, RedoStamp.GLOBAL_OVERWRITE, MissingEipOnCreate.PANIC);

    EnumSet<Switch> v11441 = EnumSet.copyOf(v11315);
    v11441.removeAll(EnumSet.of(SNAT_FINALIZER_REMOVED_ON_ADD, RULE_FINALIZER_SKIP_IF_ANY));
    v11441.addAll(EnumSet.of(INIT_GRATUITOUS_ARP, DNAT_DUP_INCLUDES_PROTOCOL, CONTAINER_RESTART_ROLLOUT));
    register("v1.14.41", v11441, RedoStamp.GLOBAL_OVERWRITE, MissingEipOnCreate.PANIC);

    EnumSet<Switch> v11524 = EnumSet.copyOf(v11441);
    v11524.removeAll(EnumSet.of(EIP_FINALIZER_SKIP_IF_ANY, SNAT_UPDATE_NEEDS_STATUS_CIDR));
    v11524.addAll(EnumSet.of(EXEC_LOCK_PER_POD, EIP_LABELS_IN_UPDATE, EIP_DELETE_WAITS_FOR_NAT_USERS));
    register("v1.15.24", v11524, RedoStamp.GLOBAL_OVERWRITE, MissingEipOnCreate.RESURRECT);

    EnumSet<Switch> v1162 = EnumSet.copyOf(v11524);
    v1162.remove(DELETE_SUCCEEDS_WITHOUT_POD);
    v1162.addAll(EnumSet.of(HAIRPIN_SNAT, STRICT_NAT_SCRIPT, DNAT_SNAT_FINALIZER_FIRST, UPDATE_HANDLER_REWRITE,
        REDO_START_TIME_SKIP));
    register("v1.16.2", v1162, RedoStamp.GLOBAL_OVERWRITE, MissingEipOnCreate.RESURRECT);

    EnumSet<Switch> master = EnumSet.copyOf(v1162);
    master.removeAll(EnumSet.of(EIP_POD_CHECK_BEFORE_IPAM, INIT_ONLY_UNINITED_RETURNS_EARLY,
        INIT_SCAN_RETURNS_ON_FIRST_INITED));
    master.addAll(EnumSet.of(SNAT_LONGEST_PREFIX_FIRST, EXEC_ARGV, ACTIVE_GATEWAY_PODS, RESET_AFTER_ADD, TERMINATING_ADD_ROUTES_TO_UPDATE));
    register("master", master, RedoStamp.GLOBAL_MAX, MissingEipOnCreate.RESURRECT);

    EnumSet<Switch> fixed = EnumSet.copyOf(master);
    fixed.removeIf(Switch::isBug);
    register(FIXED, fixed, RedoStamp.PER_GATEWAY, MissingEipOnCreate.IGNORE);
  }

  private static void register(String name, EnumSet<Switch> switches, RedoStamp stamp, MissingEipOnCreate missing) {
    PROFILES.put(name, new VersionProfile(name, switches, stamp, missing));
  }

  /** Profile names in release order, {@code fixed} last. */
  public static List<String> names() {
    return List.copyOf(PROFILES.keySet());
  }

  /**
   * The profile for a name; a release tag of a modelled line maps to its profile only when it is the
   * exact modelled tag.
   *
   * @throws IllegalArgumentException naming the input and the known profiles
   */
  public static VersionProfile named(String name) {
    VersionProfile profile = PROFILES.get(name);
    if (profile == null) {
      throw new IllegalArgumentException("unknown Kube-OVN version profile '" + name + "' for the twin: expected one of "
          + String.join(", ", PROFILES.keySet()));
    }
    return profile;
  }
}

package io.natgwchaos.twin.profile;

/**
 * One upstream behaviour the twin reproduces, as it was at some Kube-OVN versions. A switch changes
 * one modelled step the way the upstream code did; none writes a verdict or a final state.
 * Citations are {@code file:line@tag} in kubeovn/kube-ovn ({@code nat.go} = pkg/controller/vpc_nat_gw_nat.go,
 * {@code eip.go} = vpc_nat_gw_eip.go, {@code gw.go} = vpc_nat_gateway.go, {@code sh} =
 * dist/images/vpcnatgateway/nat-gateway.sh).
 */
public enum Switch {
  // --- gateway script -------------------------------------------------------------------------
  /** eip-add probes with {@code arping -c 3 -D} (~3 s) instead of {@code -U} (~2 s). */
  ARPING_DAD(false, "#4690/#4987, fixed by #5546", "sh:105@v1.13.4 vs sh:105@v1.13.15"),
  /** The first init sends a gratuitous ARP (~2 s) for each net1 address. */
  INIT_GRATUITOUS_ARP(false, "#5607", "sh:50-53@v1.14.41"),
  /** init creates HAIRPIN_SNAT; eip-add/eip-del add/remove one HAIRPIN_SNAT rule per EIP. */
  HAIRPIN_SNAT(false, "#6329, #6445", "sh:165-178, 265-272, 302-307@v1.16.2"),
  /**
   * floating-ip-add/dnat-add exit 1 on a conflicting rule (before: floating-ip-add exits 0 on any rule
   * for the EIP, dnat-add appends a shadowed duplicate); deletes match by identity; SNAT matches whole words.
   */
  STRICT_NAT_SCRIPT(false, "#6412", "sh:331-338, 458-465@v1.16.2 vs sh:132, 202@v1.13.4"),
  /** snat-add inserts rules longest prefix first instead of appending. */
  SNAT_LONGEST_PREFIX_FIRST(false, "#6680", "sh:413-431@master"),

  // --- controller: exec -----------------------------------------------------------------------
  /**
   * Status writes merge-patch the whole status struct built from the lister's (possibly stale) copy, so a
   * write can put back fields another writer changed meanwhile — e.g. an EIP's address (lost update).
   * Off: only the fields the write means to change are sent.
   */
  FULL_STATUS_PATCH_FROM_CACHE(true, "derived (fact sheet §2.5, §6 candidate 5)", "eip.go:801-861, nat.go:1018-1065@v1.13.4"),

  /**
   * Delayed EIP resets (and so {@code status.nat} refreshes) live only in the controller's memory: a restart
   * loses those pending and nothing recomputes them. Off: at start-up every EIP gets one reset, and a rule's
   * delete event resets its EIP (a start-up reset can run while the cache still holds a rule deleted just before).
   */
  RESETS_LOST_ON_RESTART(true, "derived (fact sheet §2.2; twin notes B.8-5)", "nat.go:287@v1.13.4 (AddAfter), controller.go:1298-1320@v1.13.4"),

  /** A per-pod exec lock ({@code nat-gw-exec:<ns>/<pod>}, hashed) serialises script execs. */
  EXEC_LOCK_PER_POD(false, "#5817", "gw.go:730-737@v1.15.24"),
  /** Script arguments are passed as argv instead of a {@code bash -c} string. */
  EXEC_ARGV(false, "#6700", "gw.go:955@master"),

  /**
   * Gateway pods are looked up as the set of active (Running, not terminating) pods; none means a 5 s
   * sleep and a plain error, never NotFound (HA gateways).
   */
  ACTIVE_GATEWAY_PODS(false, "#6661", "gw.go:1586-1607@master"),

  // --- controller: EIP ------------------------------------------------------------------------
  /** The delayed EIP reset after a rule delete patches {@code ready=true} unconditionally. */
  EIP_RESET_FORCES_READY(true, "#5114 (the #5141 fix covered only OvnEip)", "eip.go:176@v1.13.4, :170@v1.16.2, :191@master"),
  /**
   * A FIP/DNAT/SNAT add (and its EIP-change path) ends with {@code patchEipStatus(eip, ready=true)} to refresh
   * {@code status.nat}: it also marks an EIP ready that still waits to be re-programmed (#5114, add path).
   */
  RULE_ADD_SETS_EIP_READY(true, "#5114 (add path: nat.go:233@v1.13.4)", "nat.go:233, :331@v1.13.4; nat.go:260@v1.16.2"),
  /** EIP add requires a Running gateway pod before allocating from IPAM. */
  EIP_POD_CHECK_BEFORE_IPAM(false, "#4924; removed by #6661", "eip.go:113-117@v1.13.4"),
  /** EIP labels (incl. eip_v4_ip) are written in the spec Update() rather than a separate patch. */
  EIP_LABELS_IN_UPDATE(false, "#6068", "eip.go:624-635@v1.15.24"),
  /** The EIP add-finalizer helper does nothing when the EIP has any finalizer. */
  EIP_FINALIZER_SKIP_IF_ANY(true, "#6068", "eip.go:683@v1.13.4, :696@v1.14.41"),
  /** EIP deletion waits (returns without retry) while rules labelled with its address exist. */
  EIP_DELETE_WAITS_FOR_NAT_USERS(false, "#6068", "eip.go:207-220@v1.15.24"),
  /** Rule redo marking sets the EIP ready=false without looking at the EIP's own redo stamp. */
  RULE_REDO_MARKS_EIP_BLINDLY(true, "derived", "nat.go:1076-1088@v1.13.4, :1379-1391@v1.16.2"),
  /**
   * An EIP's redo marking (the gateway's EIP pass, a rule's redo) is decided on the lister's copy and written
   * without that copy's resourceVersion: a copy from before the EIP was re-programmed for the same stamp sets it
   * not ready again, and a status change that keeps the stamp enqueues nothing.
   */
  EIP_REDO_MARK_WITHOUT_PRECONDITION(true, "derived",
      "vpc_nat_gateway.go:404-413@v1.13.4, :483-492@v1.16.2; nat.go:1076-1088@v1.13.4"),

  // --- controller: FIP / DNAT / SNAT ------------------------------------------------------------
  /** The FIP finalizer is added before floating-ip-add (before: after programming, #5115). */
  FIP_FINALIZER_FIRST(false, "#5115/#5142", "nat.go:216→229@v1.13.4 vs :220→226@v1.13.15"),
  /** DNAT and SNAT finalizers are added before programming. */
  DNAT_SNAT_FINALIZER_FIRST(false, "#6412", "nat.go:429→444@v1.15.24 vs :553→557, 838→842@v1.16.2"),
  /** The SNAT add-finalizer helper removes instead of adds: SNATs never get a finalizer. */
  SNAT_FINALIZER_REMOVED_ON_ADD(true, "#5799, fixed by #5806", "nat.go:969-970@v1.13.4 vs :984@v1.14.41"),
  /** The FIP/DNAT/SNAT add-finalizer helpers do nothing when the object has any finalizer. */
  RULE_FINALIZER_SKIP_IF_ANY(true, "#5806", "nat.go:769, 841, 965@v1.13.4"),
  /**
   * The add-finalizer helpers return success when the object is already gone, and the add handler
   * goes on programming (residual window R1 of #5115).
   */
  FINALIZER_HELPER_IGNORES_MISSING(true, "#5115 (R1, not fixed)", "nat.go:766@v1.13.15, :1061@v1.16.2, :1171@master"),
  /**
   * The v1.16 update handlers: act only on a spec change or redo, delete by identity with the EIP as
   * fallback when status is empty (closes R2 of #5115), old-EIP reset 3 s later from the handler, and
   * incomplete specs dropped at enqueue. Off: every update pass deletes and re-adds the rules.
   */
  UPDATE_HANDLER_REWRITE(false, "#6412", "nat.go:328-492, 1698-1753@v1.16.2 vs nat.go:259-370@v1.13.4"),
  /** A delete whose gateway pod cannot be found counts as done (rules may be left behind). */
  DELETE_SUCCEEDS_WITHOUT_POD(true, "#6784", "nat.go:1388-1395@v1.13.4 vs :1906-1927@v1.16.2"),
  /** FIP/DNAT/SNAT redo does nothing (stays not ready) when the container started before the redo stamp. */
  REDO_START_TIME_SKIP(false, "#6412", "nat.go:468-477@v1.16.2, :487-501@master"),
  /** Every successful FIP/DNAT/SNAT add schedules the EIP reset 3 s later (refreshes status.nat). */
  RESET_AFTER_ADD(false, "#6595", "nat.go:283, 623, 958@master"),
  /** The DNAT duplicate check includes the protocol. */
  DNAT_DUP_INCLUDES_PROTOCOL(false, "#6201", "nat.go:1539-1553@v1.14.41"),
  /** The SNAT update handler errors before its delete branch when status.internalCIDR is empty. */
  SNAT_UPDATE_NEEDS_STATUS_CIDR(true, "derived", "nat.go:643-652@v1.13.4"),
  /** FIP/SNAT label patches compare the wrong label and rewrite labels on every call. */
  LABEL_REPLACE_ALWAYS(true, "derived", "nat.go:912@v1.13.4, :1325@master"),

  // --- controller: gateway lifecycle -----------------------------------------------------------
  /** The init handler returns without redo marking when the pod already has the init annotation. */
  INIT_ONLY_UNINITED_RETURNS_EARLY(false, "#6661 (master always marks)", "gw.go:308-310@v1.13.4, :343-345@v1.16.2"),
  /** The start-up init scan stops at the first gateway whose pod is already initialised. */
  INIT_SCAN_RETURNS_ON_FIRST_INITED(true, "#6661 (master: continue)", "gw.go:1257-1258@v1.13.4, :1442-1443@v1.16.2"),
  /** A restarted gateway container (restartCount > 0) rolls the StatefulSet, re-creating the pod (#5029). */
  CONTAINER_RESTART_ROLLOUT(false, "#5029/#5072", "pod.go:522-526, gw.go:223, 755-760@v1.14.41"),
  /** On informer add, terminating EIP/FIP/DNAT/SNAT go to the update queue (before: stuck terminating). */
  TERMINATING_ADD_ROUTES_TO_UPDATE(false, "#7210", "eip.go:29, nat.go:28/84/145@master");

  private final boolean bug;
  private final String upstream;
  private final String citation;

  Switch(boolean bug, String upstream, String citation) {
    this.bug = bug;
    this.upstream = upstream;
    this.citation = citation;
  }

  /** Whether the {@code fixed} profile turns this off. */
  public boolean isBug() {
    return bug;
  }

  /** The upstream issue or PR. */
  public String upstream() {
    return upstream;
  }

  /** Where upstream does it, {@code file:line@tag}. */
  public String citation() {
    return citation;
  }
}

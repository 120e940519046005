package io.natgwchaos.twin.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.natgwchaos.gateway.Ipv4;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import io.natgwchaos.twin.profile.Switch;
import io.natgwchaos.twin.profile.VersionProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/** What differs between the three parallel rule flows: FIP, DNAT and SNAT. */
enum RuleKind {
  FIP(IptablesFipRule.class, "fip", "floating-ip-add", "floating-ip-del", QueueName.ADD_FIP, QueueName.UPDATE_FIP),
  DNAT(IptablesDnatRule.class, "dnat", "dnat-add", "dnat-del", QueueName.ADD_DNAT, QueueName.UPDATE_DNAT),
  SNAT(IptablesSnatRule.class, "snat", "snat-add", "snat-del", QueueName.ADD_SNAT, QueueName.UPDATE_SNAT);

  final Class<? extends HasMetadata> type;
  /** The word in an EIP's status.nat. */
  final String natWord;
  final String addOperation;
  final String deleteOperation;
  final QueueName addQueue;
  final QueueName updateQueue;

  RuleKind(Class<? extends HasMetadata> type, String natWord, String addOperation, String deleteOperation,
      QueueName addQueue, QueueName updateQueue) {
    this.type = type;
    this.natWord = natWord;
    this.addOperation = addOperation;
    this.deleteOperation = deleteOperation;
    this.addQueue = addQueue;
    this.updateQueue = updateQueue;
  }

  @SuppressWarnings("unchecked")
  Cache<HasMetadata> cache(ControllerContext ctx) {
    return (Cache<HasMetadata>) (Cache<?>) switch (this) {
      case FIP -> ctx.fips;
      case DNAT -> ctx.dnats;
      case SNAT -> ctx.snats;
    };
  }

  RuleView view(ControllerContext ctx, String name) {
    HasMetadata object = cache(ctx).get(name);
    return object == null ? null : RuleView.of(object);
  }

  boolean finalizerFirst(VersionProfile profile) {
    return this == FIP ? profile.on(Switch.FIP_FINALIZER_FIRST) : profile.on(Switch.DNAT_SNAT_FINALIZER_FIRST);
  }

  /** The SNAT v4 CIDR: a bare address stays as written (iptables prints it as /32). */
  static String v4Cidr(String cidr) {
    for (String part : cidr.split(",")) {
      if (part.contains(".")) {
        return part.strip();
      }
    }
    return "";
  }

  /** The rule string of the add operation for the desired state. */
  String addRule(String eipIp, RuleView rule, boolean fromStatus) {
    return switch (this) {
      case FIP -> eipIp + "," + (fromStatus ? rule.statusInternalIp() : rule.internalIp());
      case DNAT -> eipIp + "," + (fromStatus ? rule.statusExternalPort() : rule.externalPort()) + ","
          + (fromStatus ? rule.statusProtocol() : rule.protocol()) + ","
          + (fromStatus ? rule.statusInternalIp() : rule.internalIp()) + ","
          + (fromStatus ? rule.statusInternalPort() : rule.internalPort());
      case SNAT -> eipIp + "," + v4Cidr(fromStatus && !rule.statusInternalCidr().isEmpty()
          ? rule.statusInternalCidr() : rule.internalCidr());
    };
  }

  /**
   * The rule string of the delete operation. Before v1.16 it carries the full status values; from v1.16
   * FIP deletes by EIP only and DNAT by (eip, port, protocol).
   */
  String deleteRule(String eipIp, String internalIp, String cidr, String protocol, String externalPort,
      String internalPort, boolean byIdentity) {
    return switch (this) {
      case FIP -> byIdentity ? eipIp : eipIp + "," + internalIp;
      case DNAT -> byIdentity ? eipIp + "," + externalPort + "," + protocol
          : eipIp + "," + externalPort + "," + protocol + "," + internalIp + "," + internalPort;
      case SNAT -> eipIp + "," + v4Cidr(cidr);
    };
  }

  /**
   * The whole status as patch*Status would write it: the cached status with ready/redo changed and,
   * when ready, the programmed values copied in; null when nothing changed.
   */
  Map<String, Object> statusPatch(RuleView rule, String v4ip, String v6ip, String natGwDp, String redo, boolean ready) {
    boolean changed = false;
    boolean newReady = rule.ready();
    String newRedo = rule.redo();
    String newV4 = rule.v4ip();
    String newV6 = rule.v6ip();
    String newGw = rule.natGwDp();
    String iip = rule.statusInternalIp();
    String cidr = rule.statusInternalCidr();
    String proto = rule.statusProtocol();
    String eport = rule.statusExternalPort();
    String iport = rule.statusInternalPort();
    if (newReady != ready) {
      newReady = ready;
      changed = true;
    }
    if (!redo.isEmpty() && !redo.equals(newRedo)) {
      newRedo = redo;
      changed = true;
    }
    if (ready && !v4ip.isEmpty() && !v4ip.equals(newV4)) {
      newV4 = v4ip;
      newV6 = v6ip;
      newGw = natGwDp;
      changed = true;
    }
    if (ready) {
      switch (this) {
        case FIP -> {
          if (!rule.internalIp().isEmpty() && !rule.internalIp().equals(iip)) {
            iip = rule.internalIp();
            changed = true;
          }
        }
        case DNAT -> {
          if (!rule.protocol().isEmpty() && !rule.protocol().equals(proto)) {
            proto = rule.protocol();
            changed = true;
          }
          if (!rule.internalIp().isEmpty() && !rule.internalIp().equals(iip)) {
            iip = rule.internalIp();
            changed = true;
          }
          if (!rule.internalPort().isEmpty() && !rule.internalPort().equals(iport)) {
            iport = rule.internalPort();
            changed = true;
          }
          if (!rule.externalPort().isEmpty() && !rule.externalPort().equals(eport)) {
            eport = rule.externalPort();
            changed = true;
          }
        }
        case SNAT -> {
          String spec = v4Cidr(rule.internalCidr());
          if (!spec.isEmpty() && !spec.equals(v4Cidr(cidr))) {
            cidr = spec;
            changed = true;
          }
        }
      }
    }
    if (!changed) {
      return null;
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("ready", newReady);
    status.put("v4ip", newV4);
    status.put("v6ip", newV6);
    status.put("natGwDp", newGw);
    status.put("redo", newRedo);
    switch (this) {
      case FIP -> status.put("internalIp", iip);
      case DNAT -> {
        status.put("protocol", proto);
        status.put("internalIp", iip);
        status.put("internalPort", iport);
        status.put("externalPort", eport);
      }
      case SNAT -> status.put("internalCIDR", cidr);
    }
    return status;
  }

  /** Only the fields of {@code status} that differ from the cached rule's status. */
  Map<String, Object> changedFields(RuleView rule, Map<String, Object> status) {
    Map<String, Object> cached = new LinkedHashMap<>();
    cached.put("ready", rule.ready());
    cached.put("v4ip", rule.v4ip());
    cached.put("v6ip", rule.v6ip());
    cached.put("natGwDp", rule.natGwDp());
    cached.put("redo", rule.redo());
    cached.put("internalIp", rule.statusInternalIp());
    cached.put("internalCIDR", rule.statusInternalCidr());
    cached.put("protocol", rule.statusProtocol());
    cached.put("externalPort", rule.statusExternalPort());
    cached.put("internalPort", rule.statusInternalPort());
    Map<String, Object> changed = new LinkedHashMap<>();
    status.forEach((field, value) -> {
      if (!value.equals(cached.get(field))) {
        changed.put(field, value);
      }
    });
    return changed;
  }

  /** The enqueue filter of the informer's update event (nat.go:35-61, 73-125, 127-173@v1.13.4). */
  boolean updateNeedsWork(RuleView old, RuleView now) {
    boolean common = !old.v4ip().equals(now.v4ip()) || !old.eip().equals(now.eip()) || !old.redo().equals(now.redo());
    return switch (this) {
      case FIP -> common || !old.internalIp().equals(now.internalIp());
      case DNAT -> common || !old.protocol().equals(now.protocol()) || !old.internalIp().equals(now.internalIp())
          || !old.internalPort().equals(now.internalPort()) || !old.externalPort().equals(now.externalPort());
      case SNAT -> common || !old.internalCidr().equals(now.internalCidr());
    };
  }

  /** v1.16 drops update events whose spec is incomplete (nat.go:39, 90, 146@v1.16.2). */
  boolean specComplete(RuleView rule) {
    return switch (this) {
      case FIP -> !rule.eip().isEmpty() && !rule.internalIp().isEmpty();
      case DNAT -> !rule.eip().isEmpty() && !rule.externalPort().isEmpty() && !rule.protocol().isEmpty()
          && !rule.internalIp().isEmpty() && !rule.internalPort().isEmpty();
      case SNAT -> !rule.eip().isEmpty() && !rule.internalCidr().isEmpty();
    };
  }

  /** v1.16: the status holds everything a safe replacement needs (nat.go:387-391@v1.16.2). */
  boolean statusComplete(RuleView rule) {
    boolean common = !rule.v4ip().isEmpty() && !rule.natGwDp().isEmpty();
    return switch (this) {
      case FIP -> common && !rule.statusInternalIp().isEmpty();
      case DNAT -> common && !rule.statusProtocol().isEmpty() && !rule.statusInternalIp().isEmpty()
          && !rule.statusExternalPort().isEmpty() && !rule.statusInternalPort().isEmpty();
      case SNAT -> common && !rule.statusInternalCidr().isEmpty();
    };
  }

  /** v1.16: status (what is in the pod) differs from spec + EIP (what is wanted). */
  boolean specChanged(RuleView rule, String eipIp) {
    boolean ip = !rule.v4ip().equals(eipIp);
    return switch (this) {
      case FIP -> ip || !rule.statusInternalIp().equals(rule.internalIp());
      case DNAT -> ip || !rule.statusProtocol().equals(rule.protocol())
          || !rule.statusExternalPort().equals(rule.externalPort())
          || !rule.statusInternalIp().equals(rule.internalIp())
          || !rule.statusInternalPort().equals(rule.internalPort());
      case SNAT -> ip || !Ipv4Normal.same(rule.statusInternalCidr(), v4Cidr(rule.internalCidr()));
    };
  }

  /** Minimal CIDR comparison that treats a bare address and its /32 as equal (master normalises). */
  static final class Ipv4Normal {
    private Ipv4Normal() {}

    static boolean same(String a, String b) {
      if (a.equals(b)) {
        return true;
      }
      try {
        return Ipv4.canonicalCidr(a).equals(Ipv4.canonicalCidr(b));
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }
}

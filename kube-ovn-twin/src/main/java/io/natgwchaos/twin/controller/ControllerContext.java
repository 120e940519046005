package io.natgwchaos.twin.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.natgwchaos.kubeovn.IptablesDnatRule;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.IptablesFipRule;
import io.natgwchaos.kubeovn.IptablesSnatRule;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.kubeovn.Vpc;
import io.natgwchaos.kubeovn.VpcNatGateway;
import io.natgwchaos.twin.TimeScale;
import io.natgwchaos.twin.TwinClock;
import io.natgwchaos.twin.profile.Switch;
import io.natgwchaos.twin.profile.VersionProfile;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one controller process: listers, queues, locks and the package globals of upstream's
 * {@code pkg/controller} ({@code vpcNatEnabled}, {@code natGwCreatedAT}).
 */
final class ControllerContext {
  static final Logger LOG = LoggerFactory.getLogger("io.natgwchaos.twin.controller");
  static final String ENABLED = "true";
  /** Buckets of the hashed key locks: max(2 × CPUs, 2 × workers) on an 8-CPU controller host. */
  static final int LOCK_BUCKETS = 16;

  final ControllerConfig config;
  final VersionProfile profile;
  final TimeScale scale;
  final TwinClock clock;
  final Api api;
  final String namespace;
  final HashedKeyMutex keyMutex = new HashedKeyMutex(LOCK_BUCKETS);
  final HashedKeyMutex execMutex = new HashedKeyMutex(LOCK_BUCKETS);
  final Ipam ipam = new Ipam();
  final RedoStamps redoStamps;
  final Queues queues;
  volatile String vpcNatEnabled = "unknown";

  Cache<IptablesEip> eips;
  Cache<IptablesFipRule> fips;
  Cache<IptablesSnatRule> snats;
  Cache<IptablesDnatRule> dnats;
  Cache<VpcNatGateway> gateways;
  Cache<Pod> pods;
  Cache<Subnet> subnets;
  Cache<Vpc> vpcs;
  Cache<StatefulSet> statefulSets;
  Cache<io.fabric8.kubernetes.api.model.ConfigMap> configMaps;

  ControllerContext(ControllerConfig config, Queues queues) {
    this.config = config;
    this.profile = config.profile();
    this.scale = config.timeScale();
    this.clock = config.clock();
    this.api = new Api(config.client());
    this.namespace = config.namespace();
    this.redoStamps = new RedoStamps(profile.redoStamp());
    this.queues = queues;
  }

  boolean on(Switch behaviour) {
    return profile.on(behaviour);
  }

  void requireEnabled() throws RetryableError {
    if (!ENABLED.equals(vpcNatEnabled)) {
      throw new RetryableError("iptables nat gw not enable");
    }
  }

  /** Sleeps an upstream duration, scaled. */
  void sleep(Duration upstream) throws InterruptedException {
    scale.sleep(upstream);
  }

  /** Runs {@code body} under the hashed key lock of {@code key}. */
  <T> T locked(String key, LockedBody<T> body) throws RetryableError, InterruptedException {
    keyMutex.lock(key);
    try {
      return body.run();
    } finally {
      keyMutex.unlock(key);
    }
  }

  interface LockedBody<T> {
    T run() throws RetryableError, InterruptedException;
  }

  static Map<String, String> labelsOf(io.fabric8.kubernetes.api.model.HasMetadata o) {
    Map<String, String> labels = o.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  static Map<String, String> annotationsOf(io.fabric8.kubernetes.api.model.HasMetadata o) {
    Map<String, String> annotations = o.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  static boolean terminating(io.fabric8.kubernetes.api.model.HasMetadata o) {
    return o.getMetadata().getDeletionTimestamp() != null;
  }

  static String nz(String value) {
    return value == null ? "" : value;
  }
}

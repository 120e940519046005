package io.natgwchaos.twin.gateway;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every running gateway container of the twin, by pod uid and by pod name. It is also the external
 * network's ARP view: an address is answered for when any live sandbox has it on net1.
 */
public final class GatewayPods {
  private final Map<String, GatewayPod> byUid = new ConcurrentHashMap<>();
  private final Map<String, GatewayPod> byName = new ConcurrentHashMap<>();
  private final Clock clock;

  public GatewayPods(Clock clock) {
    this.clock = clock;
  }

  /** A gateway container starts for the first time in a fresh sandbox. */
  public GatewayPod start(String namespace, String name, String uid, IptablesBackend backend,
      InterfaceAddress primary, Map<String, String> env) {
    GatewayPod pod = new GatewayPod(namespace, name, uid, backend, primary, env, clock);
    GatewayPod previous = byUid.put(uid, pod);
    if (previous != null) {
      previous.kill();
    }
    byName.put(key(namespace, name), pod);
    return pod;
  }

  public Optional<GatewayPod> byUid(String uid) {
    return Optional.ofNullable(byUid.get(uid));
  }

  /** The pod of that name the twin runs now (the newest uid). */
  public Optional<GatewayPod> byName(String namespace, String name) {
    return Optional.ofNullable(byName.get(key(namespace, name)));
  }

  /** The container is gone for good (pod deleted): its sandbox is torn down. */
  public void remove(String uid) {
    GatewayPod pod = byUid.remove(uid);
    if (pod != null) {
      pod.kill();
      byName.remove(key(pod.namespace(), pod.name()), pod);
    }
  }

  /** Whether a live sandbox other than {@code askingUid}'s has {@code ip} on net1 and so answers ARP for it. */
  boolean someoneElseAnswersArp(String ip, String askingUid) {
    for (GatewayPod pod : byUid.values()) {
      if (!pod.uid().equals(askingUid) && pod.netns().answersArpFor(ip)) {
        return true;
      }
    }
    return false;
  }

  public List<GatewayPod> all() {
    return new ArrayList<>(byUid.values());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}

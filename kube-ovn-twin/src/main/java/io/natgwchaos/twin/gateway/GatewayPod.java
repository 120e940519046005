package io.natgwchaos.twin.gateway;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway container of one pod (one uid) and the sandbox it runs in. A restart in place keeps the
 * pod but gives it a new sandbox, as after a node reboot (kube-ovn#5029): net1 is back to the address the
 * CNI set up, every table is empty.
 */
public final class GatewayPod {
  private final String namespace;
  private final String name;
  private final String uid;
  private final IptablesBackend backend;
  private final InterfaceAddress primary;
  private final Map<String, String> env;
  private final Clock clock;
  private volatile GatewayNetns netns;
  private int sandboxes;

  /**
   * @param primary net1's own address: the allocated IP with the external subnet's prefix
   * @param env the container's environment (v1.15+ templates set {@code GATEWAY_V4})
   */
  GatewayPod(String namespace, String name, String uid, IptablesBackend backend, InterfaceAddress primary,
      Map<String, String> env, Clock clock) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.name = Objects.requireNonNull(name, "name");
    this.uid = Objects.requireNonNull(uid, "uid");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.primary = Objects.requireNonNull(primary, "primary");
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.netns = newSandbox();
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  public String uid() {
    return uid;
  }

  public IptablesBackend backend() {
    return backend;
  }

  public InterfaceAddress primary() {
    return primary;
  }

  Map<String, String> env() {
    return env;
  }

  /** The current sandbox's network namespace. */
  public GatewayNetns netns() {
    return netns;
  }

  /** The container and its sandbox die; commands still running in it are killed. */
  void kill() {
    netns.kill();
  }

  /** The container starts again in a fresh sandbox (the old one, if still alive, is torn down). */
  synchronized void restartInFreshSandbox() {
    netns.kill();
    netns = newSandbox();
  }

  private synchronized GatewayNetns newSandbox() {
    sandboxes++;
    return new GatewayNetns(namespace + "/" + name, backend, primary, mac(uid, sandboxes), clock);
  }

  /** A locally administered MAC, different for each sandbox of each pod, as a new macvlan gets. */
  private static String mac(String uid, int sandbox) {
    int hash = (uid + "#" + sandbox).hashCode();
    return String.format("02:42:%02x:%02x:%02x:%02x", (hash >>> 24) & 0xFF, (hash >>> 16) & 0xFF,
        (hash >>> 8) & 0xFF, hash & 0xFF);
  }

  @Override
  public String toString() {
    return namespace + "/" + name + " (" + uid + ")";
  }
}

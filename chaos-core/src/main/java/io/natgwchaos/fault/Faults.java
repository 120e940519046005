package io.natgwchaos.fault;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.kubeovn.VpcNatGateway;
import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.NodeControl;
import io.natgwchaos.targets.TargetCapability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The fault catalogue. Every fault here is destructive ({@link TargetCapability#DESTRUCTIVE_FAULTS}); node
 * faults also need {@link TargetCapability#STOP_NODE} / {@link TargetCapability#PAUSE_NODE} (kind only) and the
 * in-place container restart {@link TargetCapability#RESTART_CONTAINER_IN_PLACE}.
 */
public final class Faults {
  /** Label selecting kube-ovn-controller pods (install.sh and both helm charts). */
  public static final String CONTROLLER_APP_LABEL = "kube-ovn-controller";
  /** How long a controller restart waits for a pod to restart when the Deployment is still replacing the last. */
  static final Duration CONTROLLER_POD_WAIT = Duration.ofMinutes(2);
  static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

  private Faults() {}

  /** {@code fault} aimed at the run's {@code index}-th gateway (0 is the first; see Experiment#gateways). */
  public static Fault onGateway(int index, Fault fault) {
    return new Fault() {
      @Override
      public String name() {
        return fault.name() + "@gateway-" + index;
      }

      @Override
      public java.util.Set<TargetCapability> requires() {
        return fault.requires();
      }

      @Override
      public FaultHandle inject(FaultContext context) {
        return fault.inject(context.onGateway(index));
      }

      @Override
      public String toString() {
        return name();
      }
    };
  }

  /**
   * Moves the gateway to another gateway node the clean way (reference §5.6): {@code spec.selector} of the
   * VpcNatGateway is set to that node's hostname, so the controller rolls the StatefulSet and the pod is
   * re-created there. Heal restores the original selector (which may move the pod once more).
   */
  public static Fault rescheduleGateway() {
    return new SimpleFault("reschedule-gateway", EnumSet.of(TargetCapability.DESTRUCTIVE_FAULTS),
        Faults::reschedule);
  }

  /**
   * Cordons the gateway pod's node and deletes the pod, so the StatefulSet re-creates it on another candidate
   * node. Heal uncordons the node (unless it was already cordoned).
   */
  public static Fault cordonAndDeleteGatewayPod() {
    return new SimpleFault("cordon-and-delete-gateway-pod", EnumSet.of(TargetCapability.DESTRUCTIVE_FAULTS),
        Faults::cordonAndDelete);
  }

  /** Deletes the gateway pod; the StatefulSet re-creates it (same name, new uid), usually on the same node. */
  public static Fault deleteGatewayPod() {
    return new SimpleFault("delete-gateway-pod", EnumSet.of(TargetCapability.DESTRUCTIVE_FAULTS), context -> {
      Pod pod = gatewayPod(context);
      deletePod(context.target().client(), context.gatewayNamespace(), context.gatewayPod());
      return FaultHandle.nothingToHeal("deleted pod " + describe(context, pod));
    });
  }

  /**
   * Restarts the gateway container in place (same pod and uid, fresh network namespace), as a node reboot does
   * (kube-ovn#5029).
   */
  public static Fault restartGatewayContainer() {
    return new SimpleFault("restart-gateway-container",
        EnumSet.of(TargetCapability.DESTRUCTIVE_FAULTS, TargetCapability.RESTART_CONTAINER_IN_PLACE), context -> {
          Pod pod = gatewayPod(context);
          context.target().restartContainer(context.gatewayNamespace(), context.gatewayPod(),
              KubeOvn.GATEWAY_CONTAINER);
          return FaultHandle.nothingToHeal("restarted container " + KubeOvn.GATEWAY_CONTAINER + " of "
              + describe(context, pod));
        });
  }

  /**
   * Restarts kube-ovn-controller: deletes its pods ({@code app=kube-ovn-controller} in the controller namespace);
   * the Deployment starts new ones, which re-list everything and re-run gateway init.
   */
  public static Fault restartController() {
    return new SimpleFault("restart-controller", EnumSet.of(TargetCapability.DESTRUCTIVE_FAULTS), context -> {
      ChaosTarget target = context.target();
      String namespace = target.controllerNamespace();
      // a restart soon after another finds the Deployment still replacing the last pod: wait for it
      long deadline = System.nanoTime() + CONTROLLER_POD_WAIT.toNanos();
      List<String> names = controllerPods(target, namespace);
      while (names.isEmpty() && System.nanoTime() < deadline) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for a kube-ovn-controller pod to restart", e);
        }
        names = controllerPods(target, namespace);
      }
      if (names.isEmpty()) {
        throw new IllegalStateException("no kube-ovn-controller pods (label app=" + CONTROLLER_APP_LABEL + ") in "
            + namespace + " to restart, after waiting " + CONTROLLER_POD_WAIT.toSeconds() + " s for one");
      }
      for (String name : names) {
        deletePod(target.client(), namespace, name);
      }
      return FaultHandle.nothingToHeal("deleted " + namespace + "/" + names);
    });
  }

  private static List<String> controllerPods(ChaosTarget target, String namespace) {
    return target.client().pods().inNamespace(namespace).withLabel("app", CONTROLLER_APP_LABEL).list().getItems()
        .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).map(p -> p.getMetadata().getName())
        .sorted().toList();
  }

  /** Stops the machine behind the gateway pod's node (kind: {@code docker stop}); heal starts it. */
  public static Fault stopGatewayNode() {
    return new SimpleFault("stop-gateway-node",
        EnumSet.of(TargetCapability.DESTRUCTIVE_FAULTS, TargetCapability.STOP_NODE), context -> {
          String node = gatewayNode(context);
          NodeControl control = context.target().nodeControl();
          control.stop(node);
          return handle("stopped node " + node, () -> control.start(node));
        });
  }

  /** Freezes the machine behind the gateway pod's node (kind: {@code docker pause}); heal unpauses it. */
  public static Fault pauseGatewayNode() {
    return new SimpleFault("pause-gateway-node",
        EnumSet.of(TargetCapability.DESTRUCTIVE_FAULTS, TargetCapability.PAUSE_NODE), context -> {
          String node = gatewayNode(context);
          NodeControl control = context.target().nodeControl();
          control.pause(node);
          return handle("paused node " + node, () -> control.unpause(node));
        });
  }

  // ---- implementations ----------------------------------------------------------------------------

  private static FaultHandle reschedule(FaultContext context) {
    KubernetesClient client = context.target().client();
    String gateway = context.topology().gateway();
    String from = gatewayNode(context);
    List<String> candidates = new ArrayList<>(context.topology().spec().candidateNodes());
    candidates.retainAll(context.target().gatewayNodes());
    if (candidates.stream().allMatch(from::equals)) {
      throw new IllegalStateException("cannot reschedule gateway " + gateway + " away from node " + from
          + ": the topology has no other gateway node (candidates " + context.topology().spec().candidateNodes() + ")");
    }
    // the next candidate after the current node, so repeated reschedules cycle through all of them
    int at = candidates.indexOf(from);
    String to = at < 0 ? candidates.get(0) : candidates.get((at + 1) % candidates.size());
    VpcNatGateway current = client.resources(VpcNatGateway.class).withName(gateway).get();
    if (current == null) {
      throw new IllegalStateException("VpcNatGateway " + gateway + " does not exist");
    }
    List<String> original = List.copyOf(current.getSpec().getSelector());
    List<String> moved = List.of(HOSTNAME_LABEL + ": " + to);
    client.resources(VpcNatGateway.class).withName(gateway).edit(g -> {
      g.getSpec().setSelector(moved);
      return g;
    });
    return handle("selector of VpcNatGateway " + gateway + " " + original + " -> " + moved + " (pod was on " + from
        + ")", () -> {
          VpcNatGateway now = client.resources(VpcNatGateway.class).withName(gateway).get();
          if (now != null && !original.equals(now.getSpec().getSelector())) {
            client.resources(VpcNatGateway.class).withName(gateway).edit(g -> {
              g.getSpec().setSelector(original);
              return g;
            });
          }
        });
  }

  private static FaultHandle cordonAndDelete(FaultContext context) {
    KubernetesClient client = context.target().client();
    Pod pod = gatewayPod(context);
    String node = gatewayNode(context);
    boolean alreadyCordoned = Boolean.TRUE.equals(client.nodes().withName(node).get().getSpec().getUnschedulable());
    if (!alreadyCordoned) {
      setUnschedulable(client, node, true);
    }
    deletePod(client, context.gatewayNamespace(), context.gatewayPod());
    return handle("cordoned node " + node + (alreadyCordoned ? " (already cordoned)" : "") + ", deleted pod "
        + describe(context, pod), () -> {
          if (!alreadyCordoned) {
            setUnschedulable(client, node, false);
          }
        });
  }

  static void setUnschedulable(KubernetesClient client, String node, boolean unschedulable) {
    client.nodes().withName(node).edit(n -> {
      n.getSpec().setUnschedulable(unschedulable ? Boolean.TRUE : null);
      return n;
    });
  }

  private static void deletePod(KubernetesClient client, String namespace, String name) {
    client.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
  }

  private static Pod gatewayPod(FaultContext context) {
    return context.target().client().pods().inNamespace(context.gatewayNamespace())
        .withName(context.gatewayPod()).get();
  }

  /** The node the gateway pod runs on now; the provisioned node if the pod is momentarily absent. */
  static String gatewayNode(FaultContext context) {
    Pod pod = gatewayPod(context);
    String node = pod == null || pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (node == null) {
      node = context.topology().gatewayNode();
    }
    if (node == null) {
      throw new IllegalStateException("gateway pod " + context.gatewayNamespace() + "/" + context.gatewayPod()
          + " is not on any node");
    }
    return node;
  }

  private static String describe(FaultContext context, Pod pod) {
    return context.gatewayNamespace() + "/" + context.gatewayPod()
        + (pod == null ? " (absent)" : " uid=" + pod.getMetadata().getUid() + " on " + pod.getSpec().getNodeName());
  }

  /** A handle whose undo runs at most once successfully. */
  private static FaultHandle handle(String detail, Runnable undo) {
    AtomicBoolean healed = new AtomicBoolean();
    return new FaultHandle() {
      @Override
      public String detail() {
        return detail;
      }

      @Override
      public synchronized void heal() {
        if (!healed.get()) {
          undo.run();
          healed.set(true);
        }
      }
    };
  }

  /** A catalogue fault: a name, its requirements and what it does. */
  private record SimpleFault(String name, Set<TargetCapability> requires, Function<FaultContext, FaultHandle> action)
      implements Fault {
    SimpleFault {
      requires = Set.copyOf(requires);
    }

    @Override
    public FaultHandle inject(FaultContext context) {
      return action.apply(context);
    }

    @Override
    public String toString() {
      return name;
    }
  }
}

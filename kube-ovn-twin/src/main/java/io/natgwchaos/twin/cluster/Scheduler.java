package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

/**
 * Binds pending pods to a node they fit ({@link NodeFit}), preferring the node with the fewest pods;
 * a pod that fits nowhere gets {@code PodScheduled=False/Unschedulable} and is tried again whenever a
 * node changes. Binding sets {@code spec.nodeName} with the pod's resourceVersion as precondition.
 */
final class Scheduler implements AutoCloseable {
  private final KubernetesClient client;
  private final EventLog events;
  private final Random random;
  private final WorkQueue queue;
  /** Pods bound by this scheduler whose binding the cache may not show yet (kube-scheduler's "assumed" pods). */
  private final Set<String> bound = ConcurrentHashMap.newKeySet();
  private SharedIndexInformer<Pod> pods;
  private SharedIndexInformer<Node> nodes;

  Scheduler(KubernetesClient client, EventLog events, Random random, ScheduledExecutorService timer) {
    this.client = client;
    this.events = events;
    this.random = random;
    this.queue = new WorkQueue("scheduler", this::schedule, timer);
  }

  void start() {
    pods = client.pods().inAnyNamespace().runnableInformer(0);
    pods.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        changed(pod);
      }

      @Override
      public void onUpdate(Pod before, Pod after) {
        changed(after);
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        bound.remove(pod.getMetadata().getUid());
      }
    });
    nodes = client.nodes().runnableInformer(0);
    nodes.addEventHandler(Informers.onAnyChange(node -> requeueUnscheduled()));
    Informers.startAndSync(nodes);
    Informers.startAndSync(pods);
    queue.start();
    requeueUnscheduled();
  }

  private void changed(Pod pod) {
    if (pod.getSpec() == null) {
      return;
    }
    if (pod.getSpec().getNodeName() != null) {
      bound.remove(pod.getMetadata().getUid());
    } else {
      queue.add(Informers.key(pod));
    }
  }

  private void requeueUnscheduled() {
    if (pods == null) {
      return;
    }
    for (Pod pod : pods.getStore().list()) {
      if (pod.getSpec().getNodeName() == null) {
        queue.add(Informers.key(pod));
      }
    }
  }

  private Duration schedule(String key) {
    Pod pod = pods.getStore().getByKey(key);
    if (pod == null || pod.getSpec().getNodeName() != null || pod.getMetadata().getDeletionTimestamp() != null
        || bound.contains(pod.getMetadata().getUid())) {
      return null;
    }
    Map<NodeFit.Misfit, Integer> misfits = new EnumMap<>(NodeFit.Misfit.class);
    List<Node> feasible = new ArrayList<>();
    List<Node> all = nodes.getStore().list();
    for (Node node : all) {
      Optional<NodeFit.Misfit> misfit = NodeFit.check(pod, node);
      if (misfit.isPresent()) {
        misfits.merge(misfit.get(), 1, Integer::sum);
      } else {
        feasible.add(node);
      }
    }
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    if (feasible.isEmpty()) {
      String message = "0/" + all.size() + " nodes are available: " + misfits.entrySet().stream()
          .map(e -> e.getValue() + " " + e.getKey().text).collect(Collectors.joining(", ")) + ".";
      if (!message.equals(unschedulableMessage(pod))) {
        patchStatus(namespace, name, "{\"status\":{\"phase\":\"Pending\",\"conditions\":[{\"type\":\"PodScheduled\","
            + "\"status\":\"False\",\"reason\":\"Unschedulable\",\"message\":" + quote(message)
            + ",\"lastTransitionTime\":\"" + now() + "\"}]}}");
        events.record("scheduler", namespace + "/" + name + " unschedulable: " + message);
      }
      return null;
    }
    Node chosen = choose(feasible);
    // A binding sets nodeName and PodScheduled in one write; here the condition goes first, so that
    // it cannot land after (and replace) the conditions the kubelet writes once it sees the node.
    Pod scheduled = patchStatus(namespace, name, "{\"status\":{\"phase\":\"Pending\",\"conditions\":[{\"type\":"
        + "\"PodScheduled\",\"status\":\"True\",\"lastTransitionTime\":\"" + now() + "\"}]}}");
    if (scheduled == null || !pod.getMetadata().getUid().equals(scheduled.getMetadata().getUid())) {
      return null;
    }
    try {
      client.pods().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
          "{\"metadata\":{\"resourceVersion\":\"" + scheduled.getMetadata().getResourceVersion() + "\"},"
              + "\"spec\":{\"nodeName\":\"" + chosen.getMetadata().getName() + "\"}}");
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 409) {
        // gone or replaced meanwhile: the informer brings the new state and the pod back here
        return null;
      }
      throw e;
    }
    bound.add(pod.getMetadata().getUid());
    events.record("scheduler", namespace + "/" + name + " (" + pod.getMetadata().getUid() + ") bound to "
        + chosen.getMetadata().getName());
    return null;
  }

  private Node choose(List<Node> feasible) {
    Map<String, Long> podsPerNode = pods.getStore().list().stream()
        .filter(p -> p.getSpec().getNodeName() != null)
        .collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()));
    long fewest = feasible.stream().mapToLong(n -> podsPerNode.getOrDefault(n.getMetadata().getName(), 0L)).min()
        .orElse(0);
    List<Node> best = feasible.stream()
        .filter(n -> podsPerNode.getOrDefault(n.getMetadata().getName(), 0L) == fewest)
        .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
        .toList();
    synchronized (random) {
      return best.get(random.nextInt(best.size()));
    }
  }

  private static String unschedulableMessage(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return null;
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
        .map(io.fabric8.kubernetes.api.model.PodCondition::getMessage).findFirst().orElse(null);
  }

  /** The pod after the patch, or null when it is gone. */
  private Pod patchStatus(String namespace, String name, String json) {
    try {
      return client.pods().inNamespace(namespace).withName(name).subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), json);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      return null;
    }
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public void close() {
    queue.close();
    if (pods != null) {
      pods.close();
    }
    if (nodes != null) {
      nodes.close();
    }
  }
}

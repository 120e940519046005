package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The StatefulSet controller for {@code apps/v1} StatefulSets: pods {@code <sts>-<ordinal>} from the
 * template (labels, annotations, spec, controller ownerReference, revision label). A deleted pod is
 * created again with the same name and a new uid; with {@code RollingUpdate}, a pod of an older template
 * revision is deleted (highest ordinal first, one at a time) and re-created from the new template once it
 * is gone; a Failed pod is replaced. Deleting the StatefulSet deletes its pods, as the garbage collector
 * would. Status reports replicas, ready replicas and revisions.
 */
final class StatefulSetController implements AutoCloseable {
  static final String REVISION_LABEL = "controller-revision-hash";
  static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

  private final KubernetesClient client;
  private final EventLog events;
  private final WorkQueue queue;
  private final KubernetesSerialization json = new KubernetesSerialization();
  private SharedIndexInformer<StatefulSet> statefulSets;
  private SharedIndexInformer<Pod> pods;

  StatefulSetController(KubernetesClient client, EventLog events, ScheduledExecutorService timer) {
    this.client = client;
    this.events = events;
    this.queue = new WorkQueue("statefulset-controller", this::sync, timer);
  }

  void start() {
    statefulSets = client.apps().statefulSets().inAnyNamespace().runnableInformer(0);
    statefulSets.addEventHandler(Informers.onAnyChange(sts -> queue.add(Informers.key(sts))));
    pods = client.pods().inAnyNamespace().runnableInformer(0);
    pods.addEventHandler(Informers.onAnyChange(pod -> owner(pod).ifPresent(queue::add)));
    Informers.startAndSync(pods);
    Informers.startAndSync(statefulSets);
    queue.start();
  }

  /** The key of the StatefulSet controlling the pod. */
  private static Optional<String> owner(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    if (owners == null) {
      return Optional.empty();
    }
    return owners.stream()
        .filter(o -> "StatefulSet".equals(o.getKind()) && Boolean.TRUE.equals(o.getController()))
        .map(o -> Informers.key(pod.getMetadata().getNamespace(), o.getName()))
        .findFirst();
  }

  private Duration sync(String key) {
    StatefulSet sts = statefulSets.getStore().getByKey(key);
    if (sts == null) {
      deleteOrphans(key);
      return null;
    }
    String namespace = sts.getMetadata().getNamespace();
    String name = sts.getMetadata().getName();
    String revision = name + "-" + templateHash(sts.getSpec().getTemplate());
    int replicas = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
    boolean rolling = sts.getSpec().getUpdateStrategy() == null
        || !"OnDelete".equals(sts.getSpec().getUpdateStrategy().getType());

    int ready = 0;
    int current = 0;
    boolean rolled = false;
    for (int ordinal = replicas - 1; ordinal >= 0; ordinal--) {
      String podName = name + "-" + ordinal;
      Pod pod = pods.getStore().getByKey(Informers.key(namespace, podName));
      if (pod == null) {
        createPod(sts, ordinal, revision);
        continue;
      }
      if (!isControlledBy(pod, sts) || pod.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      boolean upToDate = revision.equals(labels(pod).get(REVISION_LABEL));
      if ("Failed".equals(phase(pod))) {
        delete(pod, "failed");
      } else if (!upToDate && rolling && !rolled) {
        delete(pod, "template revision " + labels(pod).get(REVISION_LABEL) + " replaced by " + revision);
        rolled = true;
      } else {
        ready += isReady(pod) ? 1 : 0;
        current += upToDate ? 1 : 0;
      }
    }
    for (Pod pod : pods.getStore().list()) {
      if (namespace.equals(pod.getMetadata().getNamespace()) && isControlledBy(pod, sts)
          && ordinal(pod, name) >= replicas) {
        delete(pod, "scaled down");
      }
    }
    updateStatus(sts, replicas, ready, current, revision);
    return null;
  }

  private void createPod(StatefulSet sts, int ordinal, String revision) {
    String name = sts.getMetadata().getName() + "-" + ordinal;
    PodTemplateSpec template = sts.getSpec().getTemplate();
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.put(REVISION_LABEL, revision);
    labels.put(POD_NAME_LABEL, name);
    labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
    Map<String, String> annotations = template.getMetadata() == null || template.getMetadata().getAnnotations() == null
        ? Map.of() : template.getMetadata().getAnnotations();
    Pod pod = new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(sts.getMetadata().getNamespace()).withLabels(labels)
        .withAnnotations(new HashMap<>(annotations)).withOwnerReferences(controllerReference(sts)).endMetadata()
        .withSpec(json.clone(template.getSpec()))
        .editSpec().withHostname(name).withSubdomain(sts.getSpec().getServiceName()).endSpec()
        .build();
    try {
      Pod created = client.pods().inNamespace(sts.getMetadata().getNamespace()).resource(pod).create();
      events.record("statefulset-controller", "created pod " + created.getMetadata().getNamespace() + "/" + name
          + " (" + created.getMetadata().getUid() + ") revision " + revision);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // the old pod is still there or our cache is behind: its events bring us back
    }
  }

  private static OwnerReference controllerReference(StatefulSet sts) {
    return new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet")
        .withName(sts.getMetadata().getName()).withUid(sts.getMetadata().getUid()).withController(true)
        .withBlockOwnerDeletion(true).build();
  }

  private static boolean isControlledBy(Pod pod, StatefulSet sts) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(o -> Boolean.TRUE.equals(o.getController())
        && sts.getMetadata().getUid().equals(o.getUid()));
  }

  private void deleteOrphans(String stsKey) {
    String namespace = stsKey.substring(0, stsKey.indexOf('/'));
    String name = stsKey.substring(stsKey.indexOf('/') + 1);
    for (Pod pod : pods.getStore().list()) {
      if (namespace.equals(pod.getMetadata().getNamespace()) && owner(pod).filter(stsKey::equals).isPresent()
          && ordinal(pod, name) >= 0) {
        delete(pod, "owner StatefulSet deleted");
      }
    }
  }

  private void delete(Pod pod, String why) {
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
      events.record("statefulset-controller", "deleted pod " + pod.getMetadata().getNamespace() + "/"
          + pod.getMetadata().getName() + " (" + pod.getMetadata().getUid() + "): " + why);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private void updateStatus(StatefulSet sts, int replicas, int ready, int current, String revision) {
    var status = sts.getStatus();
    long generation = sts.getMetadata().getGeneration() == null ? 1 : sts.getMetadata().getGeneration();
    if (status != null && Integer.valueOf(replicas).equals(status.getReplicas())
        && Integer.valueOf(ready).equals(status.getReadyReplicas())
        && Integer.valueOf(current).equals(status.getUpdatedReplicas())
        && revision.equals(status.getUpdateRevision()) && Long.valueOf(generation).equals(status.getObservedGeneration())) {
      return;
    }
    String body = "{\"status\":{\"replicas\":" + replicas + ",\"readyReplicas\":" + ready + ",\"availableReplicas\":"
        + ready + ",\"currentReplicas\":" + current + ",\"updatedReplicas\":" + current + ",\"currentRevision\":\""
        + (current == replicas ? revision : status == null ? revision : status.getCurrentRevision())
        + "\",\"updateRevision\":\"" + revision + "\",\"observedGeneration\":" + generation
        + ",\"collisionCount\":0}}";
    try {
      client.apps().statefulSets().inNamespace(sts.getMetadata().getNamespace()).withName(sts.getMetadata().getName())
          .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), body);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  /** The template's revision: a hash of its serialised form, as the controller-revision-hash label. */
  private String templateHash(PodTemplateSpec template) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(json.asJson(template).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int ordinal(Pod pod, String stsName) {
    String name = pod.getMetadata().getName();
    if (!name.startsWith(stsName + "-")) {
      return -1;
    }
    try {
      return Integer.parseInt(name.substring(stsName.length() + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Map<String, String> labels(Pod pod) {
    return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  @Override
  public void close() {
    queue.close();
    if (statefulSets != null) {
      statefulSets.close();
    }
    if (pods != null) {
      pods.close();
    }
  }
}

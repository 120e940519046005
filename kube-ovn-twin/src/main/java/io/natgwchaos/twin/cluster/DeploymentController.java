package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Deployment and ReplicaSet controllers in one: a Deployment gets one ReplicaSet per template
 * ({@code <deployment>-<hash>}), which keeps {@code replicas} pods {@code <replicaset>-<5 chars>}; a
 * deleted pod is replaced at once by a new one with a new name. A template change replaces all pods
 * (Recreate-like; the twin runs a single kube-ovn-controller replica).
 */
final class DeploymentController implements AutoCloseable {
  static final String TEMPLATE_HASH_LABEL = "pod-template-hash";
  private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final KubernetesClient client;
  private final EventLog events;
  private final Random random;
  private final WorkQueue queue;
  private final KubernetesSerialization json = new KubernetesSerialization();
  private SharedIndexInformer<Deployment> deployments;
  private SharedIndexInformer<ReplicaSet> replicaSets;
  private SharedIndexInformer<Pod> pods;

  DeploymentController(KubernetesClient client, EventLog events, Random random, ScheduledExecutorService timer) {
    this.client = client;
    this.events = events;
    this.random = random;
    this.queue = new WorkQueue("deployment-controller", this::sync, timer);
  }

  void start() {
    deployments = client.apps().deployments().inAnyNamespace().runnableInformer(0);
    deployments.addEventHandler(Informers.onAnyChange(d -> queue.add(Informers.key(d))));
    replicaSets = client.apps().replicaSets().inAnyNamespace().runnableInformer(0);
    replicaSets.addEventHandler(Informers.onAnyChange(rs -> controller(rs.getMetadata().getOwnerReferences(),
        "Deployment").ifPresent(d -> queue.add(Informers.key(rs.getMetadata().getNamespace(), d)))));
    pods = client.pods().inAnyNamespace().runnableInformer(0);
    pods.addEventHandler(Informers.onAnyChange(pod -> controller(pod.getMetadata().getOwnerReferences(), "ReplicaSet")
        .map(rs -> replicaSets.getStore().getByKey(Informers.key(pod.getMetadata().getNamespace(), rs)))
        .flatMap(rs -> controller(rs.getMetadata().getOwnerReferences(), "Deployment"))
        .ifPresent(d -> queue.add(Informers.key(pod.getMetadata().getNamespace(), d)))));
    Informers.startAndSync(pods);
    Informers.startAndSync(replicaSets);
    Informers.startAndSync(deployments);
    queue.start();
  }

  private static Optional<String> controller(List<OwnerReference> owners, String kind) {
    return owners == null ? Optional.empty() : owners.stream()
        .filter(o -> kind.equals(o.getKind()) && Boolean.TRUE.equals(o.getController()))
        .map(OwnerReference::getName).findFirst();
  }

  private Duration sync(String key) {
    Deployment deployment = deployments.getStore().getByKey(key);
    String namespace = key.substring(0, key.indexOf('/'));
    String name = key.substring(key.indexOf('/') + 1);
    String hash = deployment == null ? null : templateHash(deployment);
    ReplicaSet current = null;
    for (ReplicaSet rs : replicaSets.getStore().list()) {
      if (namespace.equals(rs.getMetadata().getNamespace())
          && controller(rs.getMetadata().getOwnerReferences(), "Deployment").filter(name::equals).isPresent()) {
        if (hash != null && rs.getMetadata().getName().equals(name + "-" + hash)) {
          current = rs;
        } else {
          retire(rs);
        }
      }
    }
    if (deployment == null) {
      return null;
    }
    if (current == null) {
      current = client.apps().replicaSets().inNamespace(namespace).resource(replicaSet(deployment, hash)).create();
      events.record("deployment-controller", "created replicaset " + namespace + "/" + current.getMetadata().getName());
    }
    int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    List<Pod> owned = ownedPods(current);
    for (int i = owned.size(); i < replicas; i++) {
      createPod(current, hash);
    }
    for (int i = replicas; i < owned.size(); i++) {
      deletePod(owned.get(i), "scaled down");
    }
    int ready = (int) owned.stream().filter(StatefulSetController::isReady).count();
    patchStatus(deployment, replicas, Math.min(ready, replicas));
    return null;
  }

  private ReplicaSet replicaSet(Deployment deployment, String hash) {
    Map<String, String> labels = new LinkedHashMap<>(podLabels(deployment));
    labels.put(TEMPLATE_HASH_LABEL, hash);
    return new ReplicaSetBuilder()
        .withNewMetadata().withName(deployment.getMetadata().getName() + "-" + hash)
        .withNamespace(deployment.getMetadata().getNamespace()).withLabels(labels)
        .withOwnerReferences(reference("Deployment", deployment.getMetadata().getName(),
            deployment.getMetadata().getUid()))
        .endMetadata()
        .withNewSpec().withReplicas(deployment.getSpec().getReplicas()).withNewSelector().withMatchLabels(labels)
        .endSelector().withTemplate(json.clone(deployment.getSpec().getTemplate()))
        .editTemplate().editOrNewMetadata().withLabels(labels).endMetadata().endTemplate()
        .endSpec()
        .build();
  }

  private void createPod(ReplicaSet rs, String hash) {
    var template = rs.getSpec().getTemplate();
    String name = rs.getMetadata().getName() + "-" + randomSuffix();
    Map<String, String> annotations = template.getMetadata().getAnnotations() == null ? Map.of()
        : template.getMetadata().getAnnotations();
    Pod pod = new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(rs.getMetadata().getNamespace())
        .withLabels(new HashMap<>(template.getMetadata().getLabels())).withAnnotations(new HashMap<>(annotations))
        .withOwnerReferences(reference("ReplicaSet", rs.getMetadata().getName(), rs.getMetadata().getUid()))
        .endMetadata()
        .withSpec(json.clone(template.getSpec()))
        .build();
    Pod created = client.pods().inNamespace(rs.getMetadata().getNamespace()).resource(pod).create();
    events.record("deployment-controller", "created pod " + created.getMetadata().getNamespace() + "/" + name + " ("
        + created.getMetadata().getUid() + ")");
    awaitInCache(Informers.key(created));
  }

  /**
   * Names are random, so a sync that ran before the new pod reached the cache would create another:
   * wait for it (client-go controllers keep "expectations" for the same reason).
   */
  private void awaitInCache(String key) {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (pods.getStore().getByKey(key) == null && System.nanoTime() < deadline) {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private String randomSuffix() {
    StringBuilder suffix = new StringBuilder();
    synchronized (random) {
      for (int i = 0; i < 5; i++) {
        suffix.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
      }
    }
    return suffix.toString();
  }

  private List<Pod> ownedPods(ReplicaSet rs) {
    return pods.getStore().list().stream()
        .filter(p -> rs.getMetadata().getNamespace().equals(p.getMetadata().getNamespace()))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> controller(p.getMetadata().getOwnerReferences(), "ReplicaSet")
            .filter(rs.getMetadata().getName()::equals).isPresent())
        .toList();
  }

  /** An old template's ReplicaSet: its pods and itself go. */
  private void retire(ReplicaSet rs) {
    for (Pod pod : ownedPods(rs)) {
      deletePod(pod, "template changed");
    }
    try {
      client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName())
          .delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private void deletePod(Pod pod, String why) {
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
      events.record("deployment-controller", "deleted pod " + pod.getMetadata().getNamespace() + "/"
          + pod.getMetadata().getName() + ": " + why);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private void patchStatus(Deployment deployment, int replicas, int ready) {
    var status = deployment.getStatus();
    if (status != null && Integer.valueOf(replicas).equals(status.getReplicas())
        && Integer.valueOf(ready).equals(status.getReadyReplicas())) {
      return;
    }
    String body = "{\"status\":{\"replicas\":" + replicas + ",\"updatedReplicas\":" + replicas + ",\"readyReplicas\":"
        + ready + ",\"availableReplicas\":" + ready + ",\"observedGeneration\":"
        + (deployment.getMetadata().getGeneration() == null ? 1 : deployment.getMetadata().getGeneration()) + "}}";
    try {
      client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
          .withName(deployment.getMetadata().getName()).subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), body);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private static Map<String, String> podLabels(Deployment deployment) {
    var metadata = deployment.getSpec().getTemplate().getMetadata();
    return metadata == null || metadata.getLabels() == null ? Map.of() : metadata.getLabels();
  }

  private static OwnerReference reference(String kind, String name, String uid) {
    return new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind(kind).withName(name).withUid(uid)
        .withController(true).withBlockOwnerDeletion(true).build();
  }

  private String templateHash(Deployment deployment) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(json.asJson(deployment.getSpec().getTemplate()).getBytes(StandardCharsets.UTF_8));
      // pod-template-hash values are short and use the pod-name alphabet
      StringBuilder hash = new StringBuilder();
      for (int i = 0; i < 10; i++) {
        hash.append(NAME_ALPHABET.charAt((digest[i] & 0xFF) % NAME_ALPHABET.length()));
      }
      return hash.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    queue.close();
    for (SharedIndexInformer<?> informer : new SharedIndexInformer<?>[] {deployments, replicaSets, pods}) {
      if (informer != null) {
        informer.close();
      }
    }
  }
}

package io.natgwchaos.twin.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller's API writes, in the exact forms upstream sends them: status as a JSON merge patch of
 * the whole status on {@code /status}; labels and annotations as a JSON patch replacing the whole map;
 * finalizers as a merge patch of the whole list without a resourceVersion (last write wins).
 */
final class Api {
  private final KubernetesClient client;

  Api(KubernetesClient client) {
    this.client = client;
  }

  KubernetesClient client() {
    return client;
  }

  /** Merge-patches {@code {"status": status}} on the status subresource; false when the object is gone. */
  <T extends HasMetadata> boolean patchStatus(Class<T> type, String name, Map<String, Object> status)
      throws RetryableError {
    String body = Serialization.asJson(Map.of("status", status));
    return call("patch status of " + name, () -> client.resources(type).withName(name).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), body));
  }

  /**
   * As {@link #patchStatus}, with {@code metadata.resourceVersion} in the patch: the API server refuses it with a
   * conflict (a {@link RetryableError} here) when the object changed since that version.
   */
  <T extends HasMetadata> boolean patchStatusAt(Class<T> type, String name, String resourceVersion,
      Map<String, Object> status) throws RetryableError {
    String body = Serialization.asJson(Map.of("metadata", Map.of("resourceVersion", resourceVersion),
        "status", status));
    return call("patch status of " + name + " at resourceVersion " + resourceVersion,
        () -> client.resources(type).withName(name).subresource("status")
            .patch(PatchContext.of(PatchType.JSON_MERGE), body));
  }

  /** {@code [{"op": op, "path": "/metadata/<field>", "value": map}]}; false when the object is gone. */
  <T extends HasMetadata> boolean jsonPatchMetadataMap(Class<T> type, String name, String field, String op,
      Map<String, String> value) throws RetryableError {
    Map<String, Object> operation = new LinkedHashMap<>();
    operation.put("op", op);
    operation.put("path", "/metadata/" + field);
    operation.put("value", value);
    String body = Serialization.asJson(List.of(operation));
    return call("patch " + field + " of " + name, () -> client.resources(type).withName(name)
        .patch(PatchContext.of(PatchType.JSON), body));
  }

  /** Merge-patches {@code metadata.finalizers} (null removes the field); false when the object is gone. */
  <T extends HasMetadata> boolean patchFinalizers(Class<T> type, String name, List<String> finalizers)
      throws RetryableError {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("finalizers", finalizers == null || finalizers.isEmpty() ? null : finalizers);
    String body = finalizers == null ? "{}" : Serialization.asJson(Map.of("metadata", metadata));
    return call("patch finalizers of " + name, () -> client.resources(type).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), body));
  }

  /** An empty merge patch, as upstream sends when its helper changed nothing. */
  <T extends HasMetadata> boolean emptyPatch(Class<T> type, String name) throws RetryableError {
    return call("patch " + name, () -> client.resources(type).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{}"));
  }

  boolean patchPodAnnotations(String namespace, String pod, Map<String, String> annotations) throws RetryableError {
    String body = Serialization.asJson(Map.of("metadata", Map.of("annotations", annotations)));
    return call("patch annotations of pod " + pod, () -> client.pods().inNamespace(namespace).withName(pod)
        .patch(PatchContext.of(PatchType.JSON_MERGE), body));
  }

  interface Call {
    Object run();
  }

  /** Runs a write; true if done, false on NotFound, RetryableError on any other failure. */
  static boolean call(String what, Call call) throws RetryableError {
    try {
      call.run();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw new RetryableError("failed to " + what + ": " + e.getMessage(), e);
    }
  }

  static boolean isNotFound(KubernetesClientException e) {
    return e.getCode() == 404;
  }
}

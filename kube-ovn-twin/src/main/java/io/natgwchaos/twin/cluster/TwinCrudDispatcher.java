package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mock's CRUD store, with one addition: a write made through {@link #withCreationTimestamp} may set
 * {@code metadata.creationTimestamp}, which the store otherwise always keeps from the stored object. The twin
 * uses it to give new pods a creation time from its own clock.
 */
final class TwinCrudDispatcher extends KubernetesCrudDispatcher {
  private final ThreadLocal<String> creationTimestamp = new ThreadLocal<>();

  <T> T withCreationTimestamp(String timestamp, Supplier<T> write) {
    creationTimestamp.set(timestamp);
    try {
      return write.get();
    } finally {
      creationTimestamp.remove();
    }
  }

  @Override
  public void preserveMetadata(JsonNode current, JsonNode updated) {
    super.preserveMetadata(current, updated);
    String timestamp = creationTimestamp.get();
    if (timestamp != null && updated.get("metadata") instanceof ObjectNode metadata) {
      metadata.put("creationTimestamp", timestamp);
    }
  }
}

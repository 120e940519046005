package io.natgwchaos.workload;

import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One API call of a workload: create or delete the object of a slot. Recorded as an invocation and a
 * completion ({@code ok}, {@code fail} or {@code unknown}).
 */
public record Operation(Action action, Slot slot) {
  public enum Action {
    CREATE("create"),
    DELETE("delete");

    private final String word;

    Action(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  public Operation {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(slot, "slot");
  }

  public static Operation create(Slot slot) {
    return new Operation(Action.CREATE, slot);
  }

  public static Operation delete(Slot slot) {
    return new Operation(Action.DELETE, slot);
  }

  public String kind() {
    return slot.kind().shortName();
  }

  public String name() {
    return slot.name();
  }

  /** What is sent: the spec for a create, nothing for a delete. */
  public Map<String, String> arguments() {
    return action == Action.CREATE ? slot.arguments() : Map.of();
  }

  /**
   * Makes the call.
   *
   * @throws KubernetesClientException as the client reports it; a delete of nothing is a 404
   */
  public void apply(KubernetesClient client) {
    switch (action) {
      case CREATE -> client.resource(slot.toResource()).create();
      case DELETE -> {
        List<StatusDetails> deleted = client.resources(slot.kind().type()).withName(slot.name()).delete();
        if (deleted.isEmpty()) {
          throw new KubernetesClientException("" + slot.kind().kind() + " " + slot.name() + " not found",
              HttpURLConnection.HTTP_NOT_FOUND, null);
        }
      }
    }
  }

  @Override
  public String toString() {
    return action.word() + " " + slot.kind().shortName() + "/" + slot.name();
  }
}

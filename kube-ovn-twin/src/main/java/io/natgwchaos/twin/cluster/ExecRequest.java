package io.natgwchaos.twin.cluster;

import java.util.List;
import java.util.Objects;

/**
 * One {@code exec} call as the API server received it.
 *
 * @param container the {@code container} query parameter; empty when the client sent none
 * @param command the {@code command} parameters in order, one per argv element
 * @param stdout whether the client asked for stdout
 * @param stderr whether the client asked for stderr (fabric8 asks only when an error stream is set)
 */
public record ExecRequest(String namespace, String pod, String container, List<String> command, boolean stdout,
    boolean stderr) {
  public ExecRequest {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(pod, "pod");
    container = container == null ? "" : container;
    command = List.copyOf(command);
  }

  public static ExecRequest of(String namespace, String pod, String container, List<String> command) {
    return new ExecRequest(namespace, pod, container, command, true, true);
  }

  @Override
  public String toString() {
    return namespace + "/" + pod + "[" + container + "] " + String.join(" ", command);
  }
}

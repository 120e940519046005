package io.natgwchaos.workload;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.natgwchaos.history.OperationPhase;

/**
 * How a call ended, Jepsen-style. {@code fail} only when the API server definitely did not apply it: a 4xx
 * answer (404 on delete, 409 on create, 422 invalid, 400, 403) other than 408; everything else — 5xx, 408,
 * timeouts, connection errors, an interrupted call — is {@code unknown}: it may have happened.
 */
public record Outcome(OperationPhase phase, String error) {
  public static final Outcome OK = new Outcome(OperationPhase.OK, null);

  public static Outcome of(Throwable failure) {
    KubernetesClientException api = find(failure);
    int code = api == null ? 0 : api.getCode();
    String message = describe(failure, api, code);
    boolean definite = code >= 400 && code < 500 && code != 408;
    return new Outcome(definite ? OperationPhase.FAIL : OperationPhase.UNKNOWN, message);
  }

  private static KubernetesClientException find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k && k.getCode() > 0) {
        return k;
      }
    }
    return null;
  }

  private static String describe(Throwable failure, KubernetesClientException api, int code) {
    if (api != null) {
      String reason = api.getStatus() != null && api.getStatus().getReason() != null
          ? api.getStatus().getReason() : "";
      return code + (reason.isEmpty() ? "" : " " + reason) + ": " + firstLine(api.getMessage());
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String rootText = root == failure ? "" : " (" + root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage())) + ")";
    return failure.getClass().getSimpleName() + ": " + firstLine(failure.getMessage()) + rootText;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}

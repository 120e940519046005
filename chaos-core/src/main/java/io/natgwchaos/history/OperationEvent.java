package io.natgwchaos.history;

import java.util.Map;

/**
 * A workload call, recorded twice: at {@link OperationPhase#INVOKE} and at its completion, both with the
 * same {@code operationId}.
 *
 * @param operationId pairs an invocation with its completion
 * @param worker the workload worker that made the call
 * @param phase invoke, ok, fail or unknown
 * @param action what was asked: {@code create}, {@code delete}, {@code update}
 * @param kind the resource kind's short name ({@code eip}, {@code fip}, {@code snat}, {@code dnat})
 * @param name resource name
 * @param arguments the values sent (e.g. {@code eip}, {@code internalIp})
 * @param error why it failed or is unknown; null otherwise
 */
public record OperationEvent(long seq, long time, long operationId, String worker, OperationPhase phase,
    String action, String kind, String name, Map<String, String> arguments, String error)
    implements HistoryEntry {
  public OperationEvent {
    arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
  }
}

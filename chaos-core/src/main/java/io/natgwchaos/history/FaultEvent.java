package io.natgwchaos.history;

/**
 * A fault started or ended. While any fault is active the safety invariants are not checked: the
 * gateway is expected to be wrong until it has been repaired.
 *
 * @param faultId pairs start and end
 * @param fault the fault's name, e.g. {@code delete-gateway-pod}
 * @param detail what exactly was done (node, selector, pod uid)
 */
public record FaultEvent(long seq, long time, String faultId, String fault, FaultPhase phase, String detail)
    implements HistoryEntry {}

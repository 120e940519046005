package io.natgwchaos.history;

/** An informer saw an EIP, FIP, SNAT or DNAT change; {@code state} is the object after the change. */
public record ResourceObserved(long seq, long time, ChangeType change, NatResourceState state)
    implements HistoryEntry {}

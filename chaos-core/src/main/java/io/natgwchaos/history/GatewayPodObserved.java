package io.natgwchaos.history;

/** An informer saw a gateway pod change: created, scheduled, running, initialised, restarted, deleted. */
public record GatewayPodObserved(long seq, long time, ChangeType change, GatewayPodState pod)
    implements HistoryEntry {}

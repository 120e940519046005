package io.natgwchaos.history;

import io.natgwchaos.gateway.GatewaySnapshot;

/** The probe read what a gateway pod really had. {@code time} is when the read completed. */
public record SnapshotTaken(long seq, long time, GatewaySnapshot snapshot) implements HistoryEntry {}

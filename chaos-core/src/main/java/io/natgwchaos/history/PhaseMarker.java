package io.natgwchaos.history;

/** A milestone of the run. */
public record PhaseMarker(long seq, long time, RunPhase phase) implements HistoryEntry {}

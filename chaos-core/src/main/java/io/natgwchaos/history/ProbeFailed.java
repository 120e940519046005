package io.natgwchaos.history;

/** The probe could not read a gateway (pod missing, exec failed); never evidence about Kube-OVN. */
public record ProbeFailed(long seq, long time, String gateway, String message) implements HistoryEntry {}

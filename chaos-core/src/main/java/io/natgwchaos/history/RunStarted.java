package io.natgwchaos.history;

import java.time.Instant;
import java.util.Map;

/**
 * The first entry: what ran, where, and with which seed, so that a history explains itself.
 *
 * @param experiment experiment name
 * @param target {@code twin}, {@code kind} or {@code existing}
 * @param kubeOvnVersion version profile or release tag
 * @param seed the seed every random choice of the run was drawn from
 * @param startedAt wall-clock time of {@code time == 0}
 * @param parameters sizes, durations and other settings of the run
 */
public record RunStarted(long seq, long time, String experiment, String target, String kubeOvnVersion,
    long seed, Instant startedAt, Map<String, String> parameters) implements HistoryEntry {
  public RunStarted {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}

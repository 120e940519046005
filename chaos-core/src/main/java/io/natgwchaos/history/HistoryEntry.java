package io.natgwchaos.history;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One entry of an experiment's timeline. Every entry has a sequence number (its position) and a time
 * in nanoseconds since the run started, both from one monotonic clock, so the order of entries is the
 * order things were seen in.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RunStarted.class, name = "run"),
    @JsonSubTypes.Type(value = OperationEvent.class, name = "op"),
    @JsonSubTypes.Type(value = ResourceObserved.class, name = "resource"),
    @JsonSubTypes.Type(value = GatewayPodObserved.class, name = "pod"),
    @JsonSubTypes.Type(value = SnapshotTaken.class, name = "snapshot"),
    @JsonSubTypes.Type(value = ProbeFailed.class, name = "probe-failed"),
    @JsonSubTypes.Type(value = FaultEvent.class, name = "fault"),
    @JsonSubTypes.Type(value = PhaseMarker.class, name = "phase")
})
public sealed interface HistoryEntry
    permits RunStarted, OperationEvent, ResourceObserved, GatewayPodObserved, SnapshotTaken, ProbeFailed,
        FaultEvent, PhaseMarker {

  /** Position in the history, from 0. */
  long seq();

  /** Nanoseconds since the run started. */
  long time();
}

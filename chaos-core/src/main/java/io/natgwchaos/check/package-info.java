/**
 * The oracle: invariants S1-S4 and liveness (DESIGN.md §5) as pure functions of a recorded history, with
 * known-issue signatures.
 *
 * <p>{@link io.natgwchaos.check.Checker#check} replays the history in order. At every snapshot of a gateway
 * that can be checked (the run is PROVISIONED if the history marks it, no fault is active, the snapshot and the
 * pod informer agree the pod is this one and initialised) {@link io.natgwchaos.check.SafetyCheck} lists the
 * discrepancies; a discrepancy counts only when the same one (invariant, resource, detail) is on consecutive
 * checkable snapshots for at least the grace time. After QUIESCED the end state is judged once, without grace,
 * and the convergence time against the settle time; a history that ends before quiesce + settle while still
 * wrong is inconclusive, not a violation.
 *
 * <p>Readings a reviewer should know:
 * <ul>
 *   <li>S3 accepts, for a FIP/SNAT/DNAT, rules using its {@code status.v4ip} or its EIP's {@code status.ip},
 *       and for an EIP, net1 addresses and HAIRPIN_SNAT rules for its {@code status.ip} or {@code spec.v4ip}
 *       (the EIP add puts the address on net1 before it writes either).</li>
 *   <li>S4: {@code status.nat} must name every kind with a live (not terminating) user of the EIP, and may name
 *       only those plus kinds whose users are all terminating: a user on its way out is in transit, and one
 *       stuck there is reported by liveness, not a second time by S4.</li>
 *   <li>A DNAT without {@code spec.protocol} is satisfied by a tcp or a udp rule.</li>
 *   <li>Signatures look at mechanism evidence only: observations (also of deleted objects), snapshots, pod
 *       observations, faults and operations; never at a flag set by the experiment.</li>
 * </ul>
 */
package io.natgwchaos.check;

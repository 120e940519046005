package io.natgwchaos.check;

import io.natgwchaos.gateway.NatRule;
import io.natgwchaos.history.GatewayPodState;
import io.natgwchaos.history.NatResourceState;
import java.util.Objects;
import java.util.Set;

/**
 * One discrepancy seen at one moment, before the grace window decides whether it counts.
 *
 * @param invariant the invariant it breaks
 * @param resource what it is about
 * @param gateway the gateway whose snapshot showed it (null for discrepancies in the custom resources alone)
 * @param detail distinguishes discrepancies about the same resource; with invariant and resource it is the
 *     key a streak follows from snapshot to snapshot
 * @param message one sentence for a maintainer
 * @param shows what a snapshot showing it shows, e.g. {@code lacks 172.19.0.8 on net1}
 * @param subject the facts behind it, for known-issue signatures
 */
public record Finding(Invariant invariant, ResourceRef resource, String gateway, String detail, String message,
    String shows, Subject subject) {

  public Finding {
    Objects.requireNonNull(invariant, "invariant");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(shows, "shows");
    Objects.requireNonNull(subject, "subject");
  }

  public Key key() {
    return new Key(invariant, resource, detail);
  }

  /** What a grace streak follows: the same discrepancy about the same thing. */
  public record Key(Invariant invariant, ResourceRef resource, String detail) {}

  /** The facts behind a finding. */
  public sealed interface Subject {}

  /** S1: a ready EIP's address is not on net1. */
  public record MissingAddress(String eip, String ip) implements Subject {}

  /**
   * S2: a ready FIP/DNAT/SNAT lacks an expected rule.
   *
   * @param expected the rule it should have
   * @param occupant a rule in the same slot that points elsewhere (wrong binding), or null
   */
  public record MissingRule(NatResourceState owner, RuleKey expected, NatRule occupant) implements Subject {}

  /** S3: a rule in a resource chain that no existing resource owns. */
  public record LeakedRule(NatRule rule) implements Subject {}

  /** S3: a secondary net1 address that is no existing EIP's. */
  public record LeakedAddress(String ip) implements Subject {}

  /**
   * S4: an EIP's {@code status.nat} disagrees with the resources using it.
   *
   * @param claimed the kinds {@code status.nat} names
   * @param used the kinds with a live (not terminating) user
   * @param leaving the kinds whose only users are terminating: allowed either way
   */
  public record WrongNat(NatResourceState eip, Set<String> claimed, Set<String> used, Set<String> leaving)
      implements Subject {}

  /** Liveness: a resource is still terminating. */
  public record StuckTerminating(NatResourceState state) implements Subject {}

  /** Liveness: a resource exists but is not ready. */
  public record NotReady(NatResourceState state) implements Subject {}

  /** Liveness: the gateway pod is not running or not initialised. */
  public record PodNotReady(String gateway, GatewayPodState pod) implements Subject {}

  /** Liveness: the gateway got right, but later than the settle time allows. */
  public record LateConvergence(String gateway, long convergedAtNanos) implements Subject {}
}

package io.natgwchaos.report;

import io.natgwchaos.check.Finding;
import io.natgwchaos.check.NatResources;
import io.natgwchaos.check.ResourceRef;
import io.natgwchaos.check.SafetyCheck;
import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.history.ChangeType;
import io.natgwchaos.history.History;
import io.natgwchaos.history.HistoryEntry;
import io.natgwchaos.history.NatResourceState;
import io.natgwchaos.history.ResourceObserved;
import io.natgwchaos.history.SnapshotTaken;
import io.natgwchaos.kubeovn.NatResourceKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the custom resources claim against what one gateway snapshot had: for each EIP, FIP, SNAT and DNAT of the
 * gateway its readiness, what it needs on the pod (address on net1, rules) and what the pod had; then what the pod
 * had that no resource owns (leaked rules and addresses) and {@code status.nat} values the users disagree with.
 * Leaks and {@code status.nat} come from the checker's own {@link SafetyCheck}, so the diff and the verdict agree.
 *
 * @param snapshot the gateway side
 * @param at where the snapshot is in the history ({@code #seq @time}), or null
 * @param rows one per resource of the gateway, EIPs first
 * @param leaked rules and addresses no existing resource owns
 * @param wrongNat EIPs whose {@code status.nat} names other kinds than the ones using them
 */
public record ClaimedVsActual(GatewaySnapshot snapshot, String at, List<Row> rows, List<String> leaked,
    List<String> wrongNat) {

  /** What a row says about a resource. */
  public enum Status {
    OK("ok"),
    MISSING("MISSING"),
    WRONG_BINDING("WRONG BINDING"),
    PARTIAL("PARTIAL"),
    /** Not ready (or terminating): nothing is claimed, so nothing can be missing. */
    NOT_CLAIMED("not claimed"),
    /** Ready, but with no address there is nothing to look for. */
    NO_ADDRESS("ready without address");

    private final String word;

    Status(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }

    public boolean isDiscrepancy() {
      return this == MISSING || this == WRONG_BINDING || this == PARTIAL || this == NO_ADDRESS;
    }
  }

  /**
   * @param resource {@code kind/name}
   * @param claim ready / not ready / terminating, with the address it claims
   * @param expected what it needs on the gateway
   * @param found what the gateway had of it
   */
  public record Row(ResourceRef resource, Status status, String claim, List<String> expected, String found) {
    public Row {
      expected = List.copyOf(expected);
    }
  }

  public ClaimedVsActual {
    Objects.requireNonNull(snapshot, "snapshot");
    rows = List.copyOf(rows);
    leaked = List.copyOf(leaked);
    wrongNat = List.copyOf(wrongNat);
  }

  /** The diff at one snapshot of a history: the resources are those that existed when it was taken. */
  public static ClaimedVsActual at(History history, SnapshotTaken taken) {
    Map<ResourceRef, NatResourceState> existing = new TreeMap<>(
        Comparator.comparing(ResourceRef::kind).thenComparing(ResourceRef::name));
    for (HistoryEntry entry : history.entries()) {
      if (entry.seq() > taken.seq()) {
        break;
      }
      if (entry instanceof ResourceObserved observed) {
        ResourceRef ref = new ResourceRef(observed.state().kind().shortName(), observed.state().name());
        if (observed.change() == ChangeType.DELETED) {
          existing.remove(ref);
        } else {
          existing.put(ref, observed.state());
        }
      }
    }
    return of(taken.snapshot(), existing.values(),
        String.format(Locale.ROOT, "snapshot #%d @%.3fs", taken.seq(), taken.time() / 1e9));
  }

  /** The diff of a snapshot against the resources that exist (of every gateway; only its own are compared). */
  public static ClaimedVsActual of(GatewaySnapshot snapshot, Collection<NatResourceState> resources, String at) {
    NatResources world = NatResources.of(resources);
    GatewayHolding.Index index = new GatewayHolding.Index(snapshot);
    String gateway = snapshot.gateway();
    List<Row> rows = new ArrayList<>();
    List<NatResourceState> mine = new ArrayList<>(world.eipsOf(gateway));
    mine.sort(Comparator.comparing(NatResourceState::name));
    List<NatResourceState> rules = new ArrayList<>(world.natRulesOf(gateway));
    rules.sort(Comparator.comparing((NatResourceState s) -> s.kind().ordinal()).thenComparing(NatResourceState::name));
    mine.addAll(rules);
    for (NatResourceState state : mine) {
      GatewayHolding holding = GatewayHolding.of(state, world, index);
      String address = state.kind() == NatResourceKind.EIP ? state.v4ip() : world.addressOf(state);
      boolean claimed = state.ready() && !state.terminating();
      String claim = (state.terminating() ? "terminating" : state.ready() ? "ready" : "not ready")
          + (address == null ? "" : " " + address);
      Status status;
      if (!claimed) {
        status = Status.NOT_CLAIMED;
      } else {
        status = switch (holding.holding()) {
          case PRESENT -> Status.OK;
          case MISSING -> Status.MISSING;
          case WRONG_BINDING -> Status.WRONG_BINDING;
          case PARTIAL -> Status.PARTIAL;
          case NOTHING_EXPECTED -> Status.NO_ADDRESS;
        };
      }
      rows.add(new Row(new ResourceRef(state.kind().shortName(), state.name()), status, claim, holding.expected(),
          holding.detail()));
    }
    List<String> leaked = new ArrayList<>();
    List<String> wrongNat = new ArrayList<>();
    for (Finding finding : SafetyCheck.evaluate(snapshot, world)) {
      if (finding.subject() instanceof Finding.LeakedRule rule) {
        leaked.add("rule    " + rule.rule().line());
      } else if (finding.subject() instanceof Finding.LeakedAddress address) {
        leaked.add("address " + address.ip() + " on net1");
      } else if (finding.subject() instanceof Finding.WrongNat) {
        wrongNat.add(finding.message());
      }
    }
    return new ClaimedVsActual(snapshot, at, rows, leaked, wrongNat);
  }

  public List<Row> discrepancies() {
    return rows.stream().filter(r -> r.status().isDiscrepancy()).toList();
  }

  /** Whether the gateway had exactly what the resources claim. */
  public boolean isConsistent() {
    return discrepancies().isEmpty() && leaked.isEmpty() && wrongNat.isEmpty();
  }

  /** One line: how many of each discrepancy. */
  public String summary() {
    if (isConsistent()) {
      return "consistent: the gateway has what the " + rows.size() + " resource(s) claim, and nothing else";
    }
    long missing = rows.stream().filter(r -> r.status() == Status.MISSING).count();
    long wrong = rows.stream().filter(r -> r.status() == Status.WRONG_BINDING).count();
    long partial = rows.stream().filter(r -> r.status() == Status.PARTIAL).count();
    long noAddress = rows.stream().filter(r -> r.status() == Status.NO_ADDRESS).count();
    List<String> parts = new ArrayList<>();
    add(parts, missing, "missing");
    add(parts, wrong, "wrong binding");
    add(parts, partial, "partly present");
    add(parts, noAddress, "ready without address");
    add(parts, leaked.size(), "leaked");
    add(parts, wrongNat.size(), "wrong status.nat");
    return "INCONSISTENT: " + String.join(", ", parts);
  }

  /** The diff as aligned text. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append("Claimed (custom resources) vs actual (gateway pod)").append(at == null ? "" : ", " + at).append('\n')
        .append(SnapshotReport.identity(snapshot)).append('\n')
        .append(summary()).append("\n\n");
    int resourceWidth = "resource".length();
    int claimWidth = "claim".length();
    int expectedWidth = "needs on the gateway".length();
    for (Row row : rows) {
      resourceWidth = Math.max(resourceWidth, row.resource().toString().length());
      claimWidth = Math.max(claimWidth, row.claim().length());
      for (String expected : row.expected()) {
        expectedWidth = Math.max(expectedWidth, expected.length());
      }
    }
    String format = "%-15s %-" + resourceWidth + "s  %-" + claimWidth + "s  %-" + expectedWidth + "s  %s%n";
    out.append(String.format(Locale.ROOT, format, "status", "resource", "claim", "needs on the gateway",
        "gateway has"));
    for (Row row : rows) {
      List<String> expected = row.expected().isEmpty() ? List.of("-") : row.expected();
      String[] found = row.found().split("; ");
      for (int i = 0; i < Math.max(expected.size(), found.length); i++) {
        out.append(String.format(Locale.ROOT, format,
            i == 0 ? mark(row.status()) : "", i == 0 ? row.resource().toString() : "", i == 0 ? row.claim() : "",
            i < expected.size() ? expected.get(i) : "", i < found.length ? found[i] : ""));
      }
    }
    if (rows.isEmpty()) {
      out.append("(no EIP, FIP, SNAT or DNAT of gateway ").append(snapshot.gateway()).append(" existed)\n");
    }
    out.append("\nOn the gateway but owned by no existing resource (S3): ")
        .append(leaked.isEmpty() ? "none\n" : leaked.size() + "\n");
    leaked.forEach(line -> out.append("  ").append(line).append('\n'));
    out.append("\nstatus.nat disagreeing with the resources using the EIP (S4): ")
        .append(wrongNat.isEmpty() ? "none\n" : wrongNat.size() + "\n");
    wrongNat.forEach(line -> out.append("  ").append(line).append('\n'));
    return out.toString();
  }

  private static String mark(Status status) {
    return status.isDiscrepancy() ? "!! " + status.word() : status.word();
  }

  private static void add(List<String> parts, long count, String what) {
    if (count > 0) {
      parts.add(count + " " + what);
    }
  }
}

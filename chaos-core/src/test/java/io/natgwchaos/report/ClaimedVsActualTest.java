package io.natgwchaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.check.ResourceRef;
import io.natgwchaos.history.History;
import io.natgwchaos.history.SnapshotTaken;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimedVsActualTest {

  private static SnapshotTaken first(History history) {
    return history.entries(SnapshotTaken.class).findFirst().orElseThrow();
  }

  private static SnapshotTaken last(History history) {
    List<SnapshotTaken> all = history.entries(SnapshotTaken.class).toList();
    return all.get(all.size() - 1);
  }

  private static ClaimedVsActual.Row row(ClaimedVsActual diff, String kind, String name) {
    return diff.rows().stream().filter(r -> r.resource().equals(new ResourceRef(kind, name))).findFirst()
        .orElseThrow();
  }

  @Test
  void beforeTheFaultThe5114GatewayHasWhatEveryResourceClaims() {
    History history = Corpus.run(Corpus.BUG_5114).history();

    ClaimedVsActual diff = ClaimedVsActual.at(history, first(history));

    assertThat(diff.isConsistent()).isTrue();
    assertThat(diff.rows()).hasSize(8).allMatch(r -> r.status() == ClaimedVsActual.Status.OK);
    assertThat(diff.summary()).isEqualTo("consistent: the gateway has what the 8 resource(s) claim, and nothing else");
  }

  @Test
  void atTheEndThe5114EipIsReadyButItsAddressIsMissing() {
    History history = Corpus.run(Corpus.BUG_5114).history();

    ClaimedVsActual diff = ClaimedVsActual.at(history, last(history));

    assertThat(diff.isConsistent()).isFalse();
    assertThat(diff.discrepancies()).extracting(r -> r.resource().toString()).containsExactly("eip/eip-4");
    ClaimedVsActual.Row eip4 = row(diff, "eip", "eip-4");
    assertThat(eip4.claim()).isEqualTo("ready 172.19.0.14");
    assertThat(eip4.expected()).containsExactly("172.19.0.14 on net1");
    assertThat(eip4.found()).isEqualTo("net1 lacks 172.19.0.14");
    assertThat(row(diff, "fip", "fip-3").status()).isEqualTo(ClaimedVsActual.Status.OK);
    assertThat(diff.summary()).isEqualTo("INCONSISTENT: 1 missing");
    assertThat(diff.text())
        .contains("snapshot #121 @6.084s", "uid=pod-a9b8ab32-000a")
        .containsPattern("!! MISSING\\s+eip/eip-4\\s+ready 172.19.0.14\\s+172.19.0.14 on net1\\s+net1 lacks 172.19.0.14")
        .containsPattern("ok\\s+fip/fip-1\\s+ready 172.19.0.11\\s+-A EXCLUSIVE_DNAT -d 172.19.0.11/32 -j DNAT "
            + "--to-destination 10.0.1.11\\s+has -A EXCLUSIVE_DNAT")
        .contains("owned by no existing resource (S3): none");
  }

  @Test
  void aFipBoundToALeakedRuleIsAWrongBindingAndTheLeftoverRulesAreListed() {
    History history = Corpus.run("bad/5115-fip-bound-to-leaked-rule.jsonl").history();

    ClaimedVsActual diff = ClaimedVsActual.at(history, last(history));

    assertThat(row(diff, "fip", "fip-10").status()).isEqualTo(ClaimedVsActual.Status.WRONG_BINDING);
    assertThat(row(diff, "fip", "fip-10").found())
        .contains("has -A EXCLUSIVE_DNAT -d 172.19.0.12/32 -j DNAT --to-destination 10.0.1.42 instead of");
    assertThat(diff.leaked()).contains("rule    -A EXCLUSIVE_DNAT -d 172.19.0.12/32 -j DNAT --to-destination 10.0.1.42");
    assertThat(diff.text()).contains("!! WRONG BINDING", "owned by no existing resource (S3): 2");
  }

  @Test
  void aStaleStatusNatIsListed() {
    History history = Corpus.run("bad/5115-stale-eip-nat-after-quick-fip-delete.jsonl").history();

    ClaimedVsActual diff = ClaimedVsActual.at(history, last(history));

    assertThat(diff.wrongNat()).anySatisfy(line -> assertThat(line).contains("status.nat says [fip]"));
    assertThat(diff.summary()).contains("wrong status.nat");
  }
}

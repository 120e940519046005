package io.natgwchaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.gateway.IpAddrParser;
import io.natgwchaos.gateway.IptablesSaveParser;
import io.natgwchaos.history.NatResourceState;
import io.natgwchaos.kubeovn.NatResourceKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafetyCheckTest {
  private static final List<String> FINALIZER = List.of(Scenario.FINALIZER);

  private final List<NatResourceState> resources = new ArrayList<>();
  private final List<String> rules = new ArrayList<>();
  private final List<String> secondary = new ArrayList<>();

  private NatResourceState eip(String name, String ip, String nat, boolean ready) {
    NatResourceState eip = new NatResourceState(NatResourceKind.EIP, name, "uid-" + name, "1", false, FINALIZER,
        ready, "gw1", null, ip, ip, ip, null, null, null, null, null, nat, null);
    resources.add(eip);
    return eip;
  }

  private NatResourceState fip(String name, String eip, String v4ip, String gateway, String internalIp,
      boolean ready, boolean terminating) {
    NatResourceState fip = new NatResourceState(NatResourceKind.FIP, name, "uid-" + name, "1", terminating,
        FINALIZER, ready, gateway, eip, v4ip, null, v4ip, internalIp, null, null, null, null, null, null);
    resources.add(fip);
    return fip;
  }

  private void dnat(String name, String eip, String v4ip, String protocol, String port, String internalIp,
      String internalPort) {
    resources.add(new NatResourceState(NatResourceKind.DNAT, name, "uid-" + name, "1", false, FINALIZER, true, "gw1",
        eip, v4ip, null, v4ip, internalIp, null, protocol, port, internalPort, null, null));
  }

  private void snat(String name, String eip, String v4ip, String cidr) {
    resources.add(new NatResourceState(NatResourceKind.SNAT, name, "uid-" + name, "1", false, List.of(), true, "gw1",
        eip, v4ip, null, v4ip, null, cidr, null, null, null, null, null));
  }

  private List<Finding> check() {
    StringBuilder save = new StringBuilder("*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
        + ":DNAT_FILTER - [0:0]\n:EXCLUSIVE_DNAT - [0:0]\n:EXCLUSIVE_SNAT - [0:0]\n:HAIRPIN_SNAT - [0:0]\n"
        + ":SHARED_DNAT - [0:0]\n:SHARED_SNAT - [0:0]\n:SNAT_FILTER - [0:0]\n"
        + "-A PREROUTING -j DNAT_FILTER\n-A POSTROUTING -j SNAT_FILTER\n-A DNAT_FILTER -j EXCLUSIVE_DNAT\n"
        + "-A DNAT_FILTER -j SHARED_DNAT\n-A SNAT_FILTER -j EXCLUSIVE_SNAT\n-A SNAT_FILTER -j SHARED_SNAT\n");
    rules.forEach(r -> save.append(r).append('\n'));
    save.append("COMMIT\n");
    StringBuilder addr = new StringBuilder("4: net1    inet 172.19.0.5/16 brd 172.19.255.255 scope global net1\n");
    secondary.forEach(ip -> addr.append("4: net1    inet ").append(ip).append("/16 scope global secondary net1\n"));
    GatewaySnapshot snapshot = new GatewaySnapshot("gw1", "kube-system", "vpc-nat-gw-gw1-0", "pod-1", "worker",
        Instant.EPOCH, true, 0, IpAddrParser.parse(addr.toString()), IptablesSaveParser.parse(save.toString()), null);
    return SafetyCheck.evaluate(snapshot, NatResources.of(resources));
  }

  private void fipRules(String eip, String internalIp) {
    rules.add("-A EXCLUSIVE_DNAT -d " + eip + "/32 -j DNAT --to-destination " + internalIp);
    rules.add("-A EXCLUSIVE_SNAT -s " + internalIp + "/32 -j SNAT --to-source " + eip);
  }

  @Test
  void aConsistentGatewayHasNoFindings() {
    eip("eip-1", "172.19.0.11", "fip", true);
    eip("eip-2", "172.19.0.12", "dnat,snat", true);
    fip("fip-1", "eip-1", "172.19.0.11", "gw1", "10.0.1.11", true, false);
    dnat("dnat-1", "eip-2", "172.19.0.12", "tcp", "8080", "10.0.1.21", "80");
    snat("snat-1", "eip-2", "172.19.0.12", "10.0.1.5/24");
    secondary.addAll(List.of("172.19.0.11", "172.19.0.12"));
    fipRules("172.19.0.11", "10.0.1.11");
    rules.add("-A SHARED_DNAT -d 172.19.0.12/32 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.0.1.21:80");
    rules.add("-A SHARED_SNAT -s 10.0.1.0/24 -o net1 -j SNAT --to-source 172.19.0.12 --random-fully");

    assertThat(check()).isEmpty();
  }

  @Test
  void s1NamesAReadyEipWhoseAddressIsNotOnNet1AndIgnoresOneThatIsNotReady() {
    eip("eip-1", "172.19.0.11", null, true);
    eip("eip-2", "172.19.0.12", null, false);

    assertThat(check()).singleElement().satisfies(f -> {
      assertThat(f.invariant()).isEqualTo(Invariant.S1);
      assertThat(f.resource()).hasToString("eip/eip-1");
      assertThat(f.shows()).isEqualTo("lacks 172.19.0.11 on net1");
      assertThat(f.subject()).isEqualTo(new Finding.MissingAddress("eip-1", "172.19.0.11"));
    });
  }

  @Test
  void s2NamesEachMissingRuleOfAReadyFip() {
    eip("eip-1", "172.19.0.11", "fip", true);
    fip("fip-1", "eip-1", "172.19.0.11", "gw1", "10.0.1.11", true, false);
    secondary.add("172.19.0.11");

    assertThat(check()).extracting(Finding::invariant, f -> f.resource().toString(), Finding::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Invariant.S2, "fip/fip-1",
                "-A EXCLUSIVE_DNAT -d 172.19.0.11/32 -j DNAT --to-destination 10.0.1.11"),
            org.assertj.core.groups.Tuple.tuple(Invariant.S2, "fip/fip-1",
                "-A EXCLUSIVE_SNAT -s 10.0.1.11/32 -j SNAT --to-source 172.19.0.11"));
  }

  @Test
  void s2SaysWhenTheRuleForTheAddressPointsElsewhere() {
    eip("eip-1", "172.19.0.11", "fip", true);
    fip("fip-10", "eip-1", "172.19.0.11", "gw1", "10.0.1.9", true, false);
    secondary.add("172.19.0.11");
    fipRules("172.19.0.11", "10.0.1.2");

    List<Finding> findings = check();

    assertThat(findings).filteredOn(f -> f.invariant() == Invariant.S2).hasSize(2).allSatisfy(f -> {
      assertThat(f.message()).contains("bound wrong", "10.0.1.2", "10.0.1.9");
      assertThat(((Finding.MissingRule) f.subject()).occupant()).isNotNull();
    });
    assertThat(findings).filteredOn(f -> f.invariant() == Invariant.S3).extracting(f -> f.resource().name())
        .containsExactlyInAnyOrder("-A EXCLUSIVE_DNAT -d 172.19.0.11/32 -j DNAT --to-destination 10.0.1.2",
            "-A EXCLUSIVE_SNAT -s 10.0.1.2/32 -j SNAT --to-source 172.19.0.11");
  }

  @Test
  void s2TakesTheAddressAndGatewayFromTheEipWhileTheFipHasNone() {
    eip("eip-1", "172.19.0.11", "fip", true);
    fip("fip-1", "eip-1", null, null, "10.0.1.11", true, false);
    secondary.add("172.19.0.11");
    rules.add("-A EXCLUSIVE_DNAT -d 172.19.0.11/32 -j DNAT --to-destination 10.0.1.11");

    assertThat(check()).singleElement().satisfies(f ->
        assertThat(f.detail()).isEqualTo("-A EXCLUSIVE_SNAT -s 10.0.1.11/32 -j SNAT --to-source 172.19.0.11"));
  }

  @Test
  void s2MatchesDnatByProtocolAndPortAndSnatByCanonicalCidr() {
    eip("eip-2", "172.19.0.12", "dnat,snat", true);
    dnat("dnat-1", "eip-2", "172.19.0.12", "udp", "53", "10.0.1.21", "53");
    snat("snat-1", "eip-2", "172.19.0.12", "10.0.1.77");
    secondary.add("172.19.0.12");
    rules.add("-A SHARED_DNAT -d 172.19.0.12/32 -p tcp -m tcp --dport 53 -j DNAT --to-destination 10.0.1.21:53");
    rules.add("-A SHARED_SNAT -s 10.0.1.77/32 -o net1 -j SNAT --to-source 172.19.0.12");

    List<Finding> findings = check();

    assertThat(findings).filteredOn(f -> f.invariant() == Invariant.S2).singleElement()
        .satisfies(f -> assertThat(f.resource()).hasToString("dnat/dnat-1"));
    assertThat(findings).filteredOn(f -> f.invariant() == Invariant.S3).singleElement()
        .satisfies(f -> assertThat(f.resource().name()).contains("-p tcp"));
  }

  @Test
  void s3AcceptsRulesOfNotReadyAndTerminatingResourcesButNotOfDeletedOnes() {
    eip("eip-1", "172.19.0.11", "fip", true);
    eip("eip-2", "172.19.0.12", "fip", true);
    fip("fip-1", "eip-1", null, null, "10.0.1.11", false, false);
    fip("fip-2", "eip-2", "172.19.0.12", "gw1", "10.0.1.12", true, true);
    secondary.addAll(List.of("172.19.0.11", "172.19.0.12", "172.19.0.99"));
    fipRules("172.19.0.11", "10.0.1.11");
    fipRules("172.19.0.12", "10.0.1.12");
    fipRules("172.19.0.13", "10.0.1.13");

    assertThat(check()).extracting(f -> f.resource().toString()).containsExactly(
        "address/172.19.0.99",
        "rule/-A EXCLUSIVE_DNAT -d 172.19.0.13/32 -j DNAT --to-destination 10.0.1.13",
        "rule/-A EXCLUSIVE_SNAT -s 10.0.1.13/32 -j SNAT --to-source 172.19.0.13");
  }

  @Test
  void s3ReportsShapesKubeOvnDoesNotWriteAndHairpinRulesOfNoEip() {
    eip("eip-1", "172.19.0.11", null, true);
    secondary.add("172.19.0.11");
    rules.add("-A HAIRPIN_SNAT -o eth0 -m mark --mark 0x1/0x1 -m conntrack --ctstate DNAT --ctorigdst 172.19.0.11"
        + " -j SNAT --to-source 172.19.0.11 --random-fully");
    rules.add("-A HAIRPIN_SNAT -o eth0 -m mark --mark 0x1/0x1 -m conntrack --ctstate DNAT --ctorigdst 172.19.0.14"
        + " -j SNAT --to-source 172.19.0.14 --random-fully");
    rules.add("-A EXCLUSIVE_DNAT -d 172.19.0.11/32 -p tcp -j DNAT --to-destination 10.0.1.11");

    List<Finding> findings = check();

    assertThat(findings).extracting(f -> f.resource().name()).containsExactly(
        "-A EXCLUSIVE_DNAT -d 172.19.0.11/32 -p tcp -j DNAT --to-destination 10.0.1.11",
        "-A HAIRPIN_SNAT -o eth0 -m mark --mark 0x1/0x1 -m conntrack --ctstate DNAT --ctorigdst 172.19.0.14"
            + " -j SNAT --to-source 172.19.0.14 --random-fully");
    assertThat(findings.get(0).message()).contains("not a rule shape Kube-OVN writes");
  }

  @Test
  void s4ComparesStatusNatWithTheKindsOfLiveUsers() {
    eip("eip-1", "172.19.0.11", "fip", true);
    eip("eip-2", "172.19.0.12", "snat,dnat", true);
    eip("eip-3", "172.19.0.13", "fip", true);
    eip("eip-4", "172.19.0.14", "fip", true);
    eip("eip-5", "172.19.0.15", "nat", true);
    eip("eip-6", "172.19.0.16", null, false);
    fip("fip-1", "eip-1", "172.19.0.11", "gw1", "10.0.1.11", true, false);
    dnat("dnat-2", "eip-2", "172.19.0.12", "tcp", "80", "10.0.1.2", "80");
    snat("snat-2", "eip-2", "172.19.0.12", "10.0.1.0/24");
    fip("fip-4", "eip-4", "172.19.0.14", "gw1", "10.0.1.14", true, true);
    fip("fip-6", "eip-6", "172.19.0.16", "gw1", "10.0.1.16", false, false);
    secondary.addAll(List.of("172.19.0.11", "172.19.0.12", "172.19.0.13", "172.19.0.14", "172.19.0.15"));
    fipRules("172.19.0.11", "10.0.1.11");
    fipRules("172.19.0.14", "10.0.1.14");
    rules.add("-A SHARED_DNAT -d 172.19.0.12/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.0.1.2:80");
    rules.add("-A SHARED_SNAT -s 10.0.1.0/24 -o net1 -j SNAT --to-source 172.19.0.12");

    // eip-3: nat names fip, nobody uses it; eip-4: its only user is terminating, either way is fine;
    // eip-5: not a kind; eip-6 is not ready, so not checked
    assertThat(check()).extracting(f -> f.invariant() + " " + f.resource() + " " + f.detail()).containsExactly(
        "S4 eip/eip-3 status.nat [fip] users []",
        "S4 eip/eip-5 status.nat [nat] users []");
  }

  @Test
  void s4CountsAUserOnlyOnceTheControllerLabelledItButAllowsAPendingOne() {
    eip("eip-1", "172.19.0.11", null, true);
    eip("eip-2", "172.19.0.12", null, true);
    eip("eip-3", "172.19.0.13", "fip", true);
    // fip-1 carries eip-1's address label: status.nat must name fip; fip-2 and fip-3 are not labelled yet
    fip("fip-1", "eip-1", "172.19.0.11", "gw1", "10.0.1.11", true, false);
    resources.add(new NatResourceState(NatResourceKind.FIP, "fip-2", "uid-fip-2", "1", false, List.of(), false, null,
        "eip-2", null, null, null, "10.0.1.12", null, null, null, null, null, null));
    resources.add(new NatResourceState(NatResourceKind.FIP, "fip-3", "uid-fip-3", "1", false, List.of(), false, null,
        "eip-3", null, null, null, "10.0.1.13", null, null, null, null, null, null));
    secondary.addAll(List.of("172.19.0.11", "172.19.0.12", "172.19.0.13"));
    fipRules("172.19.0.11", "10.0.1.11");

    assertThat(check()).extracting(f -> f.invariant() + " " + f.resource() + " " + f.detail())
        .containsExactly("S4 eip/eip-1 status.nat [] users [fip]");
  }

  @Test
  void findingsAreOnlyAboutTheSnapshotsGateway() {
    resources.add(new NatResourceState(NatResourceKind.EIP, "eip-9", "u", "1", false, FINALIZER, true, "gw2", null,
        "172.19.0.99", null, null, null, null, null, null, null, "fip", null));

    assertThat(check()).isEmpty();
  }
}

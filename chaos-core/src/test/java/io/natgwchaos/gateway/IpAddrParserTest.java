package io.natgwchaos.gateway;

import static io.natgwchaos.gateway.Fixtures.IP_ADDR;
import static io.natgwchaos.gateway.Fixtures.IP_O_ADDR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddrParserTest {
  private static final List<NetAddress> NET1 = List.of(
      new NetAddress("172.19.0.5", 16, false),
      new NetAddress("172.19.0.6", 16, true),
      new NetAddress("172.19.0.7", 16, true));

  private static GatewaySnapshot snapshotWith(List<NetAddress> net1) {
    return new GatewaySnapshot("gw1", "kube-system", "vpc-nat-gw-gw1-0", "uid-1", "kind-worker",
        Instant.parse("2026-11-26T06:00:00Z"), true, 0, net1, NatTable.EMPTY, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {IP_O_ADDR, IP_ADDR})
  void bothFormatsGiveThePrimaryAndTwoSecondaries(String fixture) {
    assertThat(IpAddrParser.parse(Fixtures.read(fixture))).containsExactlyElementsOf(NET1);
  }

  @Test
  void oneLineAndMultiLineFormatsAgree() {
    assertThat(IpAddrParser.parse(Fixtures.read(IP_O_ADDR))).isEqualTo(IpAddrParser.parse(Fixtures.read(IP_ADDR)));
  }

  @Test
  void snapshotEipsAreTheAddressesOtherThanThePodsOwn() {
    GatewaySnapshot snapshot = snapshotWith(IpAddrParser.parse(Fixtures.read(IP_O_ADDR)));

    assertThat(snapshot.eipAddresses()).containsExactly("172.19.0.6", "172.19.0.7");
    assertThat(snapshot.primaryAddress()).isEqualTo(new NetAddress("172.19.0.5", 16, false));
    assertThat(snapshot.hasAddress("172.19.0.5")).isTrue();
    assertThat(snapshot.hasAddress("172.19.0.8")).isFalse();
  }

  @Test
  void eipFromAnotherExternalSubnetIsAnEipThoughTheKernelCallsItPrimary() {
    // v1.16+ allows EIPs from a second external subnet; the kernel makes the first address of each
    // prefix a primary, so only the first primary (added by the CNI before any eip-add) is the pod's own
    String text = """
        4: net1    inet 172.19.0.5/16 brd 172.19.255.255 scope global net1\\       valid_lft forever preferred_lft forever
        4: net1    inet 10.5.0.9/24 scope global net1\\       valid_lft forever preferred_lft forever
        4: net1    inet 172.19.0.6/16 scope global secondary net1\\       valid_lft forever preferred_lft forever
        """;
    GatewaySnapshot snapshot = snapshotWith(IpAddrParser.parse(text));

    assertThat(snapshot.net1()).extracting(NetAddress::secondary).containsExactly(false, false, true);
    assertThat(snapshot.eipAddresses()).containsExactly("10.5.0.9", "172.19.0.6");
    assertThat(snapshot.primaryAddress().ip()).isEqualTo("172.19.0.5");
  }

  @Test
  void inet6LinesAreIgnoredInBothFormats() {
    String oneLine = Fixtures.read(IP_O_ADDR)
        + "4: net1    inet6 fe80::a8c1:abff:fe12:3456/64 scope link \\       valid_lft forever preferred_lft forever\n";
    String multiLine = Fixtures.read(IP_ADDR)
        + "    inet6 fe80::a8c1:abff:fe12:3456/64 scope link\n       valid_lft forever preferred_lft forever\n";

    assertThat(IpAddrParser.parse(oneLine)).containsExactlyElementsOf(NET1);
    assertThat(IpAddrParser.parse(multiLine)).containsExactlyElementsOf(NET1);
  }

  @Test
  void crlfLineEndingsAreAccepted() {
    assertThat(IpAddrParser.parse(Fixtures.read(IP_ADDR).replace("\n", "\r\n"))).containsExactlyElementsOf(NET1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\n",
      "4: net1@veth0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state LOWERLAYERDOWN group default qlen 1000\n"})
  void deviceWithoutIpv4AddressesGivesNoAddresses(String text) {
    assertThat(IpAddrParser.parse(text)).isEmpty();
    assertThat(snapshotWith(IpAddrParser.parse(text)).eipAddresses()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "    inet 172.19.0.8 scope global secondary net1",
      "    inet",
      "    inet /16 scope global secondary net1",
      "    inet 172.19.0.8/40 scope global secondary net1",
      "    inet 172.19.0.8/x scope global secondary net1",
      "    inet 172.19.0.300/16 scope global secondary net1",
      "    inet 172.19.0/16 scope global secondary net1",
      "some words from somewhere"})
  void malformedLineIsNamedWithItsNumber(String bad) {
    String text = Fixtures.read(IP_ADDR).replace("    inet 172.19.0.6/16 scope global secondary net1", bad);

    GatewayOutputException e = catchThrowableOfType(GatewayOutputException.class, () -> IpAddrParser.parse(text));

    assertThat(e).isNotNull();
    assertThat(e.lineNumber()).isEqualTo(4);
    assertThat(e.getMessage()).startsWith("ip addr line 4 ").contains("'" + bad + "'");
  }
}

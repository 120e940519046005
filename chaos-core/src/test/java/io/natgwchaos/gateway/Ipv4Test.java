package io.natgwchaos.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4Test {
  @ParameterizedTest
  @CsvSource({
      "10.0.1.2,          10.0.1.2/32",
      "172.19.0.6,        172.19.0.6/32",
      "0.0.0.0,           0.0.0.0/32",
      "255.255.255.255,   255.255.255.255/32"})
  void bareAddressBecomesAHostRoute(String input, String expected) {
    assertThat(Ipv4.canonicalCidr(input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "10.0.1.5/24,        10.0.1.0/24",
      "10.0.1.0/24,        10.0.1.0/24",
      "172.19.0.6/16,      172.19.0.0/16",
      "10.0.1.2/32,        10.0.1.2/32",
      "10.0.1.7/31,        10.0.1.6/31",
      "10.0.1.255/25,      10.0.1.128/25",
      "255.255.255.255/1,  128.0.0.0/1",
      "10.1.2.3/0,         0.0.0.0/0",
      "0.0.0.0/0,          0.0.0.0/0"})
  void hostBitsAreClearedAsIptablesPrints(String input, String expected) {
    assertThat(Ipv4.canonicalCidr(input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10.0.1", "10.0.1.2.3", "10.0.1.256", "10.0.1.-1", "10.0.1.+1", "10.0..2",
      "a.b.c.d", "10.0.1.2/33", "10.0.1.2/-1", "10.0.1.2/", "10.0.1.2/x", "10.0.1/24", "a.b.c.d/24",
      "10.0.1.2/24/1", " 10.0.1.2", "010.0.1.2"})
  void badInputIsRejectedWithAMessageNamingIt(String input) {
    assertThatIllegalArgumentException().isThrownBy(() -> Ipv4.canonicalCidr(input))
        .withMessageContaining("'" + input + "'");
  }

  @ParameterizedTest
  @CsvSource({"10.0.1.5/24, 10.0.1.5", "10.0.1.5, 10.0.1.5"})
  void addressDropsThePrefix(String input, String expected) {
    assertThat(Ipv4.address(input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "10.0.1.2", "172.19.255.255", "255.255.255.255", "128.0.0.1"})
  void toIntAndToTextRoundTrip(String address) {
    assertThat(Ipv4.toText(Ipv4.toInt(address))).isEqualTo(address);
  }
}

package io.natgwchaos.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the real command outputs under {@code src/test/resources/gateway} (see make-dumps.sh). */
final class Fixtures {
  static final String LEGACY_V113 = "iptables-legacy-save-v1.13.txt";
  static final String LEGACY_V116 = "iptables-legacy-save-v1.16.txt";
  static final String NFT_V113 = "iptables-nft-save-v1.13.txt";
  static final String NFT_V116 = "iptables-nft-save-v1.16.txt";
  static final String NFT_V113_WARNING = "iptables-nft-save-v1.13-with-legacy-warning.txt";
  static final String NFT_V116_WARNING = "iptables-nft-save-v1.16-with-legacy-warning.txt";
  /** Hand-written: older iptables-nft ordering (chains in creation order, rules grouped by chain). */
  static final String NFT_V113_OLD_ORDER = "iptables-nft-save-v1.13-old-order.txt";
  static final String IP_O_ADDR = "ip-o-addr-net1.txt";
  static final String IP_ADDR = "ip-addr-net1.txt";

  static final String LEGACY_TABLES_WARNING =
      "# Warning: iptables-legacy tables present, use iptables-legacy-save to see them";

  private Fixtures() {}

  static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/gateway/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

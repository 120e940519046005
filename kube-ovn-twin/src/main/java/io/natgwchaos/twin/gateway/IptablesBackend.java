package io.natgwchaos.twin.gateway;

/**
 * Which iptables the gateway's script ends up using. {@code nat-gateway.sh} picks legacy when
 * {@code iptables-legacy -t nat -S INPUT 1} succeeds, which is the case when the node's kernel can
 * create a legacy nat table; otherwise the image's default, iptables-nft.
 */
public enum IptablesBackend {
  LEGACY("legacy"),
  NFT("nf_tables");

  /** The iptables release of the Alpine edge image the gateway runs. */
  public static final String IPTABLES_VERSION = "1.8.11";

  private final String variant;

  IptablesBackend(String variant) {
    this.variant = variant;
  }

  /** {@code iptables v1.8.11 (legacy)}: what {@code --version} prints and error messages start with. */
  public String versionLine() {
    return "iptables v" + IPTABLES_VERSION + " (" + variant + ")";
  }

  /** The program name and version in the first line of a save. */
  String saveProgram() {
    // legacy hard-codes "iptables-save" without the variant; nft appends it
    return this == LEGACY ? "iptables-save v" + IPTABLES_VERSION
        : "iptables-save v" + IPTABLES_VERSION + " (" + variant + ")";
  }

  /** Parses {@code legacy} or {@code nft} (case-insensitive). */
  public static IptablesBackend parse(String text) {
    return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "legacy" -> LEGACY;
      case "nft", "nf_tables" -> NFT;
      default -> throw new IllegalArgumentException("iptables backend '" + text + "': expected legacy or nft");
    };
  }
}

package io.natgwchaos.gateway;

/**
 * Which iptables backend printed a dump. The gateway script uses legacy when
 * {@code iptables-legacy -t nat -S INPUT 1} succeeds, otherwise the default {@code iptables}.
 */
public enum IptablesVariant {
  LEGACY("iptables-legacy-save"),
  NFT("iptables-save"),
  /** A dump without a recognisable header. */
  UNKNOWN("iptables-save");

  private final String saveCommand;

  IptablesVariant(String saveCommand) {
    this.saveCommand = saveCommand;
  }

  /** The save command the gateway script would run for this variant. */
  public String saveCommand() {
    return saveCommand;
  }
}

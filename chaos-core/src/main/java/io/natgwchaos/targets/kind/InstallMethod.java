package io.natgwchaos.targets.kind;

import java.util.Locale;

/** How Kube-OVN is installed on kind: upstream's install.sh (what its NAT-gateway CI runs) or its helm chart. */
public enum InstallMethod {
  SCRIPT,
  HELM;

  public static InstallMethod parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "script" -> SCRIPT;
      case "helm" -> HELM;
      default -> throw new IllegalArgumentException("property " + KindSettings.INSTALL_METHOD + "='" + text
          + "' is not an install method: expected script (install.sh, the default) or helm");
    };
  }

  public String propertyValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package io.natgwchaos.check;

import java.util.Objects;

/**
 * What a violation is about: a custom resource ({@code eip/eip-3}), a gateway ({@code gateway/gw1}),
 * or something on the gateway that no resource owns ({@code rule/...}, {@code address/172.19.0.9}).
 */
public record ResourceRef(String kind, String name) {
  public ResourceRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return kind + "/" + name;
  }
}

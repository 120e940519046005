package io.natgwchaos.targets;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The run's settings for target selection: every {@code chaos.*} and {@code kubeovn.*} property, with
 * typed accessors whose errors name the property and what was expected.
 */
public final class TargetSettings {
  public static final String TARGET = "chaos.target";
  public static final String KUBE_OVN_VERSION = "kubeovn.version";
  public static final String RUN_ID = "chaos.runId";
  public static final String DEFAULT_TARGET = "twin";

  private final Map<String, String> properties;

  public TargetSettings(Map<String, String> properties) {
    this.properties = Map.copyOf(new TreeMap<>(properties));
  }

  /** Every {@code chaos.*} and {@code kubeovn.*} system property. */
  public static TargetSettings fromSystemProperties() {
    Map<String, String> selected = new TreeMap<>();
    System.getProperties().forEach((k, v) -> {
      String key = k.toString();
      if (key.startsWith("chaos.") || key.startsWith("kubeovn.")) {
        selected.put(key, v.toString());
      }
    });
    return new TargetSettings(selected);
  }

  public TargetSettings with(String key, String value) {
    Map<String, String> copy = new TreeMap<>(properties);
    copy.put(key, value);
    return new TargetSettings(copy);
  }

  public String target() {
    return get(TARGET).orElse(DEFAULT_TARGET);
  }

  public Optional<String> kubeOvnVersion() {
    return get(KUBE_OVN_VERSION);
  }

  public Optional<String> get(String key) {
    String value = properties.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  public String get(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    return switch (value.get().toLowerCase()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(
          "property " + key + "='" + value.get() + "' is not a boolean: expected true or false");
    };
  }

  public int getInt(String key, int defaultValue) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("property " + key + "='" + value.get() + "' is not an integer");
    }
  }

  public long getLong(String key, long defaultValue) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("property " + key + "='" + value.get() + "' is not an integer");
    }
  }

  public double getDouble(String key, double defaultValue) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(value.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("property " + key + "='" + value.get() + "' is not a number");
    }
  }

  /**
   * A duration written as ISO-8601 ({@code PT30S}) or as a number with unit ({@code 500ms}, {@code 30s},
   * {@code 5m}).
   */
  public Duration getDuration(String key, Duration defaultValue) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    return parseDuration(key, value.get());
  }

  static Duration parseDuration(String key, String text) {
    String t = text.strip().toLowerCase();
    try {
      if (t.startsWith("pt") || t.startsWith("p")) {
        return Duration.parse(text.strip().toUpperCase());
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).strip()));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).strip()) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).strip()) * 60));
      }
      if (t.endsWith("h")) {
        return Duration.ofMinutes(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).strip()) * 60));
      }
    } catch (RuntimeException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException("property " + key + "='" + text
        + "' is not a duration: expected e.g. 500ms, 30s, 5m or PT30S");
  }

  public Map<String, String> asMap() {
    return properties;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TargetSettings other && properties.equals(other.properties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(properties);
  }

  @Override
  public String toString() {
    return properties.toString();
  }
}

package io.natgwchaos.twin;

import io.natgwchaos.targets.TargetSettings;
import io.natgwchaos.twin.gateway.IptablesBackend;
import io.natgwchaos.twin.profile.Profiles;
import io.natgwchaos.twin.profile.VersionProfile;
import java.util.Objects;

/**
 * The twin target's settings.
 *
 * @param profile {@code kubeovn.version} (default {@value #DEFAULT_VERSION}): the version profile to model
 * @param timeScale {@code chaos.twin.timeScale} (default {@link TimeScale#DEFAULT_FACTOR}): factor on every
 *     upstream delay
 * @param iptables {@code chaos.twin.iptables} ({@code legacy} or {@code nft}, default legacy): the backend the
 *     gateway script finds in its pods
 * @param seed {@code chaos.twin.seed} (default 1): seed of the simulator's random choices
 */
public record TwinSettings(VersionProfile profile, TimeScale timeScale, IptablesBackend iptables, long seed) {
  public static final String DEFAULT_VERSION = "v1.13.4";
  public static final String TIME_SCALE = "chaos.twin.timeScale";
  public static final String IPTABLES = "chaos.twin.iptables";
  public static final String SEED = "chaos.twin.seed";

  public TwinSettings {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(timeScale, "timeScale");
    Objects.requireNonNull(iptables, "iptables");
  }

  public static TwinSettings defaults() {
    return from(new TargetSettings(java.util.Map.of()));
  }

  /** @throws IllegalArgumentException naming the property and what was expected */
  /** A gateway snapshot per upstream second: 50 ms at the default time scale. */
  public java.time.Duration snapshotInterval() {
    return timeScale.of(java.time.Duration.ofSeconds(1));
  }

  public static TwinSettings from(TargetSettings settings) {
    VersionProfile profile = Profiles.named(settings.kubeOvnVersion().orElse(DEFAULT_VERSION));
    double factor = settings.getDouble(TIME_SCALE, TimeScale.DEFAULT_FACTOR);
    TimeScale scale;
    try {
      scale = new TimeScale(factor);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("property " + TIME_SCALE + "=" + factor + ": " + e.getMessage(), e);
    }
    IptablesBackend backend;
    try {
      backend = IptablesBackend.parse(settings.get(IPTABLES, "legacy"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("property " + IPTABLES + ": " + e.getMessage(), e);
    }
    return new TwinSettings(profile, scale, backend, settings.getLong(SEED, 1));
  }

  public TwinSettings withProfile(VersionProfile other) {
    return new TwinSettings(other, timeScale, iptables, seed);
  }
}

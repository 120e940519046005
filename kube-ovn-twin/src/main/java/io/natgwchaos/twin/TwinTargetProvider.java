package io.natgwchaos.twin;

import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.ChaosTargetProvider;
import io.natgwchaos.targets.TargetSettings;
import io.natgwchaos.twin.profile.Profiles;
import java.util.ArrayList;
import java.util.List;

/** {@code -Dchaos.target=twin}: the embedded twin with the controller model (see {@link TwinSettings}). */
public final class TwinTargetProvider implements ChaosTargetProvider {
  /** Comma list of profiles one run covers when {@code kubeovn.version} is unset; default all. */
  public static final String VERSIONS = "chaos.twin.versions";
  /** Whether the next invocation's twin opens in the background while the current one runs; default true. */
  public static final String OPEN_AHEAD = "chaos.twin.openAhead";

  @Override
  public String name() {
    return TwinTarget.NAME;
  }

  /** Opens a twin, or hands out the one opened ahead for these settings; the first in a JVM after a {@link TwinWarmUp}. */
  @Override
  public ChaosTarget open(TargetSettings settings) {
    TwinSettings twin = TwinSettings.from(settings);
    TwinWarmUp.onceBefore(settings);
    return TwinPrefetch.take(settings).orElseGet(() -> TwinTarget.open(twin));
  }

  /** Starts opening the next invocation's twin in the background, unless {@code chaos.twin.openAhead=false}. */
  @Override
  public void expectNext(TargetSettings settings) {
    TwinSettings twin;
    try {
      if (!settings.getBoolean(OPEN_AHEAD, true)) {
        return;
      }
      twin = TwinSettings.from(settings);
    } catch (IllegalArgumentException e) {
      return; // open() reports bad settings when they are asked for
    }
    TwinPrefetch.expect(settings, () -> TwinTarget.open(twin));
  }

  /** Closes the twin in the background ({@link TwinCloser}): the next invocation's twin is already open. */
  @Override
  public void release(ChaosTarget target) {
    TwinCloser.closeLater(target);
  }

  /**
   * Every experiment invocation gets a twin of its own: a twin opens in about a second, and a run must not start
   * from what an earlier experiment left behind (a stuck finalizer, a controller instance a restart left broken).
   */
  @Override
  public boolean sharedByExperiments() {
    return false;
  }

  /**
   * {@code kubeovn.version} when set; otherwise every profile, or those {@code chaos.twin.versions} names
   * (each must be a known profile).
   */
  @Override
  public List<String> versions(TargetSettings settings) {
    if (settings.kubeOvnVersion().isPresent()) {
      String version = settings.kubeOvnVersion().get();
      Profiles.named(version);
      return List.of(version);
    }
    String list = settings.get(VERSIONS, "all");
    if (list.equals("all")) {
      return Profiles.names();
    }
    List<String> versions = new ArrayList<>();
    for (String name : list.split(",")) {
      if (!name.isBlank()) {
        try {
          Profiles.named(name.strip());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("property " + VERSIONS + " names " + e.getMessage(), e);
        }
        versions.add(name.strip());
      }
    }
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("property " + VERSIONS + "='" + list
          + "' names no profile: expected 'all' or a comma list of " + String.join(", ", Profiles.names()));
    }
    return versions;
  }
}

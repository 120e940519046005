package io.natgwchaos.testing;

import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.ChaosTargetProvider;
import io.natgwchaos.targets.TargetSettings;
import io.natgwchaos.targets.TargetUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code chaos.target=fake}: what tests of the JUnit extension select. A test sets {@link #factory} (which
 * target to open for the settings) and {@link #versions}; every opened target is remembered.
 */
public final class FakeTargetProvider implements ChaosTargetProvider {
  private static volatile Function<TargetSettings, ChaosTarget> factory = settings ->
      FakeTarget.builder().version(settings.kubeOvnVersion().orElse("v1.13.4")).build();
  private static volatile List<String> versions = List.of("v1.13.4");
  private static final List<ChaosTarget> OPENED = new ArrayList<>();
  private static final List<String> EXPECTED = new ArrayList<>();
  private static final List<ChaosTarget> RELEASED = new ArrayList<>();
  private static volatile boolean shared = true;

  public static void configure(List<String> offered, Function<TargetSettings, ChaosTarget> opener) {
    versions = List.copyOf(offered);
    factory = opener;
    shared = true;
    synchronized (OPENED) {
      OPENED.clear();
      EXPECTED.clear();
      RELEASED.clear();
    }
  }

  /** Every {@code open} fails as an unavailable target would. */
  public static void unavailable(String why) {
    configure(versions, settings -> {
      throw new TargetUnavailableException(why);
    });
  }

  /** Whether the next run shares one target per version between experiments (the default) or opens one each. */
  public static void sharedByExperiments(boolean value) {
    shared = value;
  }

  public static List<ChaosTarget> opened() {
    synchronized (OPENED) {
      return List.copyOf(OPENED);
    }
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public ChaosTarget open(TargetSettings settings) {
    ChaosTarget target = factory.apply(settings);
    synchronized (OPENED) {
      OPENED.add(target);
    }
    return target;
  }

  /** The versions {@link #expectNext} was told of, in order. */
  public static List<String> expected() {
    synchronized (OPENED) {
      return List.copyOf(EXPECTED);
    }
  }

  @Override
  public void expectNext(TargetSettings settings) {
    synchronized (OPENED) {
      EXPECTED.add(settings.kubeOvnVersion().orElse(""));
    }
  }

  /** The targets handed back through {@link #release}, in order. */
  public static List<ChaosTarget> released() {
    synchronized (OPENED) {
      return List.copyOf(RELEASED);
    }
  }

  @Override
  public void release(ChaosTarget target) {
    synchronized (OPENED) {
      RELEASED.add(target);
    }
    ChaosTargetProvider.super.release(target);
  }

  @Override
  public boolean sharedByExperiments() {
    return shared;
  }

  @Override
  public List<String> versions(TargetSettings settings) {
    return settings.kubeOvnVersion().map(List::of).orElse(versions);
  }
}

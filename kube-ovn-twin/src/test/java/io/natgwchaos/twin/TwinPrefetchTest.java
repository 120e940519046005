package io.natgwchaos.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natgwchaos.targets.TargetSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwinPrefetchTest {
  static final TargetSettings FIXED = new TargetSettings(Map.of(TargetSettings.KUBE_OVN_VERSION, "fixed",
      "chaos.twin.warmUp", "false"));
  static final TargetSettings V1_16 = FIXED.with(TargetSettings.KUBE_OVN_VERSION, "v1.16.2");

  final List<TwinTarget> opened = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeAll() {
    TwinPrefetch.discard();
    opened.forEach(TwinTarget::close);
  }

  Supplier<TwinTarget> opener(TargetSettings settings) {
    return () -> {
      TwinTarget twin = TwinTarget.open(TwinSettings.from(settings));
      opened.add(twin);
      return twin;
    };
  }

  @Test
  void theTwinOpenedAheadIsHandedOutOnceForTheSameSettings() {
    TwinPrefetch.expect(FIXED, opener(FIXED));

    TwinTarget handed = TwinPrefetch.take(FIXED).orElseThrow();

    assertThat(handed).isSameAs(opened.get(0));
    assertThat(handed.isClosed()).isFalse();
    assertThat(handed.kubeOvnVersion()).isEqualTo("fixed");
    assertThat(TwinPrefetch.take(FIXED)).as("handed out already").isEmpty();
  }

  @Test
  void aTwinOpenedAheadForOtherSettingsIsClosedUnused() {
    TwinPrefetch.expect(FIXED, opener(FIXED));

    assertThat(TwinPrefetch.take(V1_16)).isEmpty();

    await().atMost(Duration.ofSeconds(30)).until(() -> opened.size() == 1 && opened.get(0).isClosed());
  }

  @Test
  void expectingOtherSettingsClosesTheFirstTwinAndDiscardClosesTheSecond() {
    TwinPrefetch.expect(FIXED, opener(FIXED));
    TwinPrefetch.expect(V1_16, opener(V1_16));
    TwinPrefetch.discard();

    assertThat(opened).hasSize(2);
    assertThat(opened.get(1).kubeOvnVersion()).isEqualTo("v1.16.2");
    await().atMost(Duration.ofSeconds(30)).until(() -> opened.stream().allMatch(TwinTarget::isClosed));
    assertThat(TwinPrefetch.take(V1_16)).isEmpty();
  }

  @Test
  void theProviderOpensNothingAheadWhenTurnedOff() {
    new TwinTargetProvider().expectNext(FIXED.with(TwinTargetProvider.OPEN_AHEAD, "false"));

    assertThat(TwinPrefetch.take(FIXED.with(TwinTargetProvider.OPEN_AHEAD, "false"))).isEmpty();
  }

  @Test
  void theProviderHandsOutTheTwinItOpenedAhead() {
    TwinTargetProvider provider = new TwinTargetProvider();
    provider.expectNext(FIXED);

    try (TwinTarget twin = (TwinTarget) provider.open(FIXED)) {
      assertThat(twin.openTime()).isPositive();
      assertThat(TwinPrefetch.take(FIXED)).as("nothing left ahead").isEmpty();
    }
  }
}

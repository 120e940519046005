package io.natgwchaos.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Pod creation times come from the twin's clock, which runs 1/scale as fast as real time: pods created a fifth
 * of a real second apart are seconds apart, as they would be at upstream speed — the redo stamp (creation time
 * to the second) then tells them apart.
 */
class VirtualTimeTest {

  @Test
  void podsCreatedAFifthOfARealSecondApartAreSecondsApart() throws Exception {
    try (TwinTarget twin = TwinTarget.open(TwinSettings.defaults(), new FakeControllers())) {
      Instant first = creationTime(twin, "first");
      Thread.sleep(200);
      Instant second = creationTime(twin, "second");

      assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }
  }

  private static Instant creationTime(TwinTarget twin, String name) {
    twin.client().pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(name)
        .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
        .build()).create();
    Pod stored = twin.client().pods().inNamespace("default").withName(name).get();
    return Instant.parse(stored.getMetadata().getCreationTimestamp());
  }
}

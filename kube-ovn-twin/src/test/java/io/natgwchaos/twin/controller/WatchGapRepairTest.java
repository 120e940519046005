package io.natgwchaos.twin.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.natgwchaos.kubeovn.IptablesEip;
import io.natgwchaos.kubeovn.KubeOvnCrds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class WatchGapRepairTest {
  KubernetesMockServer server;
  KubernetesClient client;
  SharedIndexInformer<IptablesEip> informer;
  final List<String> log = new ArrayList<>();

  /** A cache that heard of {@code seen} and then lost its watch: {@code missed} never reaches it. */
  @BeforeEach
  void aCacheThatMissedAnEvent() {
    KubeOvnCrds.all().forEach(crd -> client.apiextensions().v1().customResourceDefinitions().resource(crd).create());
    client.resource(eip("seen")).create();
    informer = client.resources(IptablesEip.class).inform();
    await().atMost(Duration.ofSeconds(10)).until(() -> informer.getIndexer().list().size() == 1);
    informer.stop();
    client.resource(eip("missed")).create();
  }

  @Test
  void anObjectTheCacheLacksInTwoPassesAtTheSameVersionIsReannounced() {
    WatchGapRepair repair = repair();

    assertThat(repair.pass(false)).as("first sighting: its event may still be on the way").isZero();
    assertThat(annotations("missed")).doesNotContainKey(WatchGapRepair.ANNOTATION);
    assertThat(repair.pass(false)).isEqualTo(1);

    assertThat(annotations("missed")).containsKey(WatchGapRepair.ANNOTATION);
    assertThat(annotations("seen")).doesNotContainKey(WatchGapRepair.ANNOTATION);
    assertThat(log).containsExactly("watch gap: IptablesEIP missed missing from the cache, re-announced");
  }

  @Test
  void theFirstPassAfterTheInformersStartedReannouncesAtOnceAndAStaleCopyCountsAsMissed() {
    client.resources(IptablesEip.class).withName("seen").edit(e -> {
      e.getSpec().setV4ip("172.19.0.9");
      return e;
    });

    assertThat(repair().pass(true)).isEqualTo(2);
    assertThat(log).containsExactlyInAnyOrder("watch gap: IptablesEIP missed missing from the cache, re-announced",
        "watch gap: IptablesEIP seen stale in the cache, re-announced");
  }

  @Test
  void nothingIsTouchedWhileTheCacheIsCurrent() {
    client.resources(IptablesEip.class).withName("missed").delete();
    WatchGapRepair repair = repair();

    assertThat(repair.pass(true) + repair.pass(false) + repair.pass(false)).isZero();
    assertThat(annotations("seen")).doesNotContainKey(WatchGapRepair.ANNOTATION);
  }

  private WatchGapRepair repair() {
    return new WatchGapRepair(List.of(new WatchGapRepair.Watched<>("IptablesEIP",
        () -> client.resources(IptablesEip.class).list().getItems(), new Cache<>(informer, null),
        name -> client.resources(IptablesEip.class).withName(name))), log::add);
  }

  private Map<String, String> annotations(String name) {
    Map<String, String> annotations = client.resources(IptablesEip.class).withName(name).get().getMetadata()
        .getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  private static IptablesEip eip(String name) {
    IptablesEip eip = new IptablesEip();
    eip.setMetadata(new ObjectMetaBuilder().withName(name).build());
    eip.setSpec(new IptablesEip.Spec());
    eip.getSpec().setNatGwDp("gw");
    return eip;
  }
}

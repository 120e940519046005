package io.natgwchaos.targets.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.targets.TargetSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class KindClusterConfigTest {
  static KindSettings settings(String version, String... extra) {
    Map<String, String> properties = new HashMap<>(Map.of(
        TargetSettings.KUBE_OVN_VERSION, version, TargetSettings.RUN_ID, "r1", KindSettings.WORKSPACE, "/ws"));
    for (int i = 0; i < extra.length; i += 2) {
      properties.put(extra[i], extra[i + 1]);
    }
    return KindSettings.from(new TargetSettings(properties), Clock.systemUTC());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"v1.13.4, kind-config-v1.13.4.yaml", "v1.14.41, kind-config-v1.14.41.yaml"})
  void rendersExactlyTheGoldenConfig(String version, String golden) throws IOException {
    assertThat(KindClusterConfig.render(settings(version))).isEqualTo(resource("kind/" + golden));
  }

  @ParameterizedTest(name = "{0}: admission patch {1}, node image {2}")
  @CsvSource({
      "v1.13.4,  false, kindest/node:v1.31.6",
      "v1.14.41, true,  kindest/node:v1.33.7",
      "v1.15.24, true,  kindest/node:v1.35.1",
      "v1.16.2,  true,  kindest/node:v1.35.1",
      "master,   true,  kindest/node:v1.36.1"})
  @SuppressWarnings("unchecked")
  void everyLineHasUpstreamsShapeAndItsOwnPatchesAndImage(String version, boolean admissionPatch, String image) {
    Map<String, Object> config = (Map<String, Object>) yaml(KindClusterConfig.render(settings(version)));

    assertThat(config).containsEntry("kind", "Cluster").containsEntry("apiVersion", "kind.x-k8s.io/v1alpha4");
    Map<String, Object> networking = (Map<String, Object>) config.get("networking");
    assertThat(networking).containsEntry("disableDefaultCNI", true).containsEntry("kubeProxyMode", "ipvs")
        .containsEntry("podSubnet", "10.16.0.0/16").containsEntry("serviceSubnet", "10.96.0.0/12")
        .containsEntry("ipFamily", "ipv4");
    List<Map<String, Object>> nodes = (List<Map<String, Object>>) config.get("nodes");
    assertThat(nodes).extracting(n -> n.get("role")).containsExactly("control-plane", "worker", "worker");
    assertThat(nodes).allSatisfy(n -> {
      assertThat(n).containsEntry("image", image);
      assertThat(n).containsEntry("labels", Map.of("type", "kind"));
    });
    List<String> patches = (List<String>) nodes.get(0).get("kubeadmConfigPatches");
    assertThat(patches).anySatisfy(p -> assertThat(p).contains("node-cidr-mask-size-ipv4: \"24\""));
    assertThat(patches.stream().anyMatch(p -> p.contains("OwnerReferencesPermissionEnforcement")))
        .isEqualTo(admissionPatch);
  }

  @Test
  @SuppressWarnings("unchecked")
  void overridesChangeWorkersProxyModeAndNodeImage() {
    KindSettings s = settings("v1.13.4", KindSettings.WORKERS, "3", KindSettings.KUBE_PROXY_MODE, "iptables",
        KindSettings.NODE_IMAGE, "kindest/node:v1.32.2");
    Map<String, Object> config = (Map<String, Object>) yaml(KindClusterConfig.render(s));

    assertThat((List<Map<String, Object>>) config.get("nodes")).hasSize(4)
        .allSatisfy(n -> assertThat(n).containsEntry("image", "kindest/node:v1.32.2"));
    assertThat((Map<String, Object>) config.get("networking")).containsEntry("kubeProxyMode", "iptables");
    assertThat(KindClusterConfig.workerNodes(s))
        .containsExactly("natgw-chaos-r1-worker", "natgw-chaos-r1-worker2", "natgw-chaos-r1-worker3");
  }

  static Object yaml(String text) {
    return new Load(LoadSettings.builder().build()).loadFromString(text);
  }

  static String resource(String name) throws IOException {
    try (InputStream in = KindClusterConfigTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

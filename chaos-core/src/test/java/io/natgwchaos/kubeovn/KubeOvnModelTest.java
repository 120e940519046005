package io.natgwchaos.kubeovn;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubeOvnModelTest {
  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void registerCrds() {
    KubeOvnCrds.all().forEach(crd ->
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create());
  }

  @Test
  void crdsCarryUpstreamNamesScopeAndStatusSubresource() {
    CustomResourceDefinition fip = KubeOvnCrds.all().stream()
        .filter(c -> c.getMetadata().getName().equals("iptables-fip-rules.kubeovn.io"))
        .findFirst().orElseThrow();
    assertThat(fip.getSpec().getScope()).isEqualTo("Cluster");
    assertThat(fip.getSpec().getNames().getKind()).isEqualTo("IptablesFIPRule");
    assertThat(fip.getSpec().getNames().getShortNames()).containsExactly("fip");
    assertThat(fip.getSpec().getVersions().get(0).getSubresources().getStatus()).isNotNull();
    assertThat(fip.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(c -> c.getName() + "=" + c.getJsonPath())
        .contains("NatGwDp=.status.natGwDp", "Ready=.status.ready");

    CustomResourceDefinition eip = KubeOvnCrds.all().stream()
        .filter(c -> c.getSpec().getNames().getKind().equals("IptablesEIP")).findFirst().orElseThrow();
    assertThat(eip.getMetadata().getName()).isEqualTo("iptables-eips.kubeovn.io");
    assertThat(eip.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(c -> c.getJsonPath()).contains(".spec.natGwDp", ".status.nat");

    CustomResourceDefinition nad = KubeOvnCrds.all().stream()
        .filter(c -> c.getSpec().getGroup().equals("k8s.cni.cncf.io")).findFirst().orElseThrow();
    assertThat(nad.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(nad.getSpec().getNames().getPlural()).isEqualTo("network-attachment-definitions");
  }

  @Test
  void statusIsWrittenOnlyThroughTheSubresource() {
    IptablesEip eip = new IptablesEip();
    eip.setMetadata(new ObjectMetaBuilder().withName("eip-1").build());
    eip.setSpec(new IptablesEip.Spec());
    eip.getSpec().setNatGwDp("gw1");
    client.resources(IptablesEip.class).resource(eip).create();

    client.resources(IptablesEip.class).withName("eip-1").editStatus(e -> {
      e.setStatus(new IptablesEip.Status());
      e.getStatus().setReady(true);
      e.getStatus().setIp("172.19.0.6");
      return e;
    });
    IptablesEip edited = client.resources(IptablesEip.class).withName("eip-1").edit(e -> {
      e.getStatus().setReady(false);
      return e;
    });

    assertThat(edited.getStatus().getReady()).isTrue();
    assertThat(edited.getStatus().getIp()).isEqualTo("172.19.0.6");
    assertThat(edited.getMetadata().getNamespace()).isNull();
  }

  @Test
  void fieldsUseUpstreamJsonNamesAndUnknownFieldsSurviveARoundTrip() {
    GenericKubernetesResource generic = new GenericKubernetesResource();
    generic.setApiVersion("kubeovn.io/v1");
    generic.setKind("IptablesSnatRule");
    generic.setMetadata(new ObjectMetaBuilder().withName("snat-1").build());
    generic.setAdditionalProperties(Map.of("spec",
        Map.of("eip", "eip-2", "internalCIDR", "10.0.1.0/24", "futureField", Map.of("a", 1))));
    client.resource(generic).create();

    IptablesSnatRule snat = client.resources(IptablesSnatRule.class).withName("snat-1").get();
    assertThat(snat.getSpec().getInternalCIDR()).isEqualTo("10.0.1.0/24");
    assertThat(snat.getSpec().getUnknownFields()).containsEntry("futureField", Map.of("a", 1));

    snat.getSpec().setEip("eip-3");
    client.resources(IptablesSnatRule.class).resource(snat).update();
    GenericKubernetesResource back = client.genericKubernetesResources("kubeovn.io/v1", "IptablesSnatRule")
        .withName("snat-1").get();
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) back.getAdditionalProperties().get("spec");
    assertThat(spec).containsEntry("eip", "eip-3").containsEntry("futureField", Map.of("a", 1));
  }

  @Test
  void serialisesGatewaySpecWithExactNamesAndNoNulls() {
    VpcNatGateway gw = new VpcNatGateway();
    gw.setMetadata(new ObjectMetaBuilder().withName("gw1").build());
    gw.setSpec(new VpcNatGateway.Spec());
    gw.getSpec().setLanIp("10.0.1.254");
    gw.getSpec().setSelector(List.of("kubernetes.io/hostname: kube-ovn-worker"));
    gw.getSpec().setNoDefaultEIP(false);
    gw.getSpec().setInternalCIDRs(List.of("10.0.1.0/24"));

    String json = Serialization.asJson(gw);

    assertThat(json).contains("\"lanIp\":\"10.0.1.254\"", "\"noDefaultEIP\":false",
        "\"internalCIDRs\":[\"10.0.1.0/24\"]", "\"kind\":\"VpcNatGateway\"",
        "\"apiVersion\":\"kubeovn.io/v1\"");
    assertThat(json).doesNotContain("null", "unknownFields");
  }

  @Test
  void subnetKeywordFieldsMapToTheirJsonNames() {
    Subnet subnet = Serialization.unmarshal(
        "{\"apiVersion\":\"kubeovn.io/v1\",\"kind\":\"Subnet\",\"metadata\":{\"name\":\"s\"},"
            + "\"spec\":{\"default\":true,\"private\":false,\"cidrBlock\":\"10.0.1.0/24\"}}", Subnet.class);
    assertThat(subnet.getSpec().getDefault()).isTrue();
    assertThat(subnet.getSpec().getPrivate()).isFalse();
    assertThat(Serialization.asJson(subnet)).contains("\"default\":true", "\"private\":false");
  }
}

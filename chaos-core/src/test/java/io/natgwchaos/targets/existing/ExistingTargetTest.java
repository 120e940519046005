package io.natgwchaos.targets.existing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.natgwchaos.experiment.Experiment;
import io.natgwchaos.fault.FaultSchedule;
import io.natgwchaos.fault.Faults;
import io.natgwchaos.kubeovn.KubeOvnCrds;
import io.natgwchaos.kubeovn.NetworkAttachmentDefinition;
import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.kubeovn.Vpc;
import io.natgwchaos.targets.TargetCapability;
import io.natgwchaos.targets.TargetSettings;
import io.natgwchaos.targets.TargetUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

@EnableKubernetesMockClient(crud = true)
class ExistingTargetTest {
  static final String CONTEXT = "prod-east";

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void healthyCluster() {
    for (CustomResourceDefinition crd : KubeOvnCrds.all()) {
      crd.setStatus(new CustomResourceDefinitionStatusBuilder().withConditions(new CustomResourceDefinitionConditionBuilder()
          .withType("Established").withStatus("True").build()).build());
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
          .editStatus(c -> {
            c.setStatus(crd.getStatus());
            return c;
          });
    }
    client.pods().inNamespace("kube-system").resource(new PodBuilder().withNewMetadata().withName("kube-ovn-controller-x")
        .withNamespace("kube-system").addToLabels("app", "kube-ovn-controller").endMetadata().build()).create();
    client.apps().deployments().inNamespace("kube-system").resource(new DeploymentBuilder().withNewMetadata()
        .withName("kube-ovn-controller").withNamespace("kube-system").endMetadata().withNewSpec().withNewTemplate()
        .withNewSpec().addNewContainer().withName("kube-ovn-controller").withImage("docker.io/kubeovn/kube-ovn:v1.14.41")
        .endContainer().endSpec().endTemplate().endSpec().build()).create();
    client.apps().deployments().inNamespace("kube-system").withName("kube-ovn-controller").editStatus(d -> {
      d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReadyReplicas(1).build());
      return d;
    });
    client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("ovn-vpc-nat-gw-config").endMetadata().addToData("enable-vpc-nat-gw", "true").build()).create();
    client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("ovn-vpc-nat-config").endMetadata().addToData("image", "docker.io/kubeovn/vpc-nat-gateway:v1.14.41")
        .build()).create();
    NetworkAttachmentDefinition nad = new NetworkAttachmentDefinition();
    nad.getMetadata().setName("ovn-vpc-external-network");
    nad.getMetadata().setNamespace("kube-system");
    nad.setSpec(new NetworkAttachmentDefinition.Spec());
    client.resource(nad).create();
    Subnet subnet = new Subnet();
    subnet.getMetadata().setName("ovn-vpc-external-network");
    subnet.setSpec(new Subnet.Spec());
    subnet.getSpec().setCidrBlock("10.200.0.0/24");
    subnet.getSpec().setGateway("10.200.0.1");
    subnet.getSpec().setProvider("ovn-vpc-external-network.kube-system");
    subnet.getSpec().setExcludeIps(List.of("10.200.0.2..10.200.0.20"));
    client.resource(subnet).create();
    node("cp-1", Map.of("node-role.kubernetes.io/control-plane", ""));
    node("worker-b", Map.of());
    node("worker-a", Map.of());
  }

  void node(String name, Map<String, String> labels) {
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(new HashMap<>(labels))
        .endMetadata().build()).create();
  }

  static TargetSettings properties(String... pairs) {
    Map<String, String> map = new HashMap<>(Map.of(TargetSettings.TARGET, "existing"));
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return new TargetSettings(map);
  }

  List<RecordedRequest> drain() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
      requests.add(request);
    }
    return requests;
  }

  @Test
  void connectingOnlyReadsAndTakesEverythingFromTheCluster() throws InterruptedException {
    drain();
    String configMapVersion = client.configMaps().inNamespace("kube-system").withName("ovn-vpc-nat-gw-config").get()
        .getMetadata().getResourceVersion();
    drain();

    ExistingTarget target = ExistingTarget.connect(client, CONTEXT, properties());
    List<RecordedRequest> requests = drain();

    assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r.getMethod()).as(r.getPath()).isEqualTo("GET"));
    assertThat(client.configMaps().inNamespace("kube-system").withName("ovn-vpc-nat-gw-config").get()
        .getMetadata().getResourceVersion()).isEqualTo(configMapVersion);
    assertThat(target.kubeOvnVersion()).isEqualTo("v1.14.41");
    assertThat(target.controllerNamespace()).isEqualTo("kube-system");
    assertThat(target.externalNetwork().cidr()).isEqualTo("10.200.0.0/24");
    assertThat(target.externalNetwork().gateway()).isEqualTo("10.200.0.1");
    assertThat(target.externalNetwork().provider()).isEqualTo("ovn-vpc-external-network.kube-system");
    assertThat(target.externalNetwork().excludeIps()).containsExactly("10.200.0.2..10.200.0.20");
    assertThat(target.gatewayNodes()).containsExactly("worker-a", "worker-b");
    assertThat(target.capabilities()).isEmpty();
    assertThat(target.environment()).containsEntry("context", CONTEXT).containsEntry("destructiveFaults", "refused");
  }

  @Test
  void destructiveFaultsAreRefusedNamingTheContextAndTheProperty() {
    ExistingTarget target = ExistingTarget.connect(client, CONTEXT, properties());

    assertThatThrownBy(() -> target.requireCapability(TargetCapability.DESTRUCTIVE_FAULTS))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("destructive faults are refused on context 'prod-east' (they delete gateway pods and cordon nodes"
            + " of that cluster). To allow them on this cluster, pass -Dchaos.allowContext=prod-east");
    assertThatThrownBy(() -> target.restartContainer("kube-system", "vpc-nat-gw-t1-gw-0", "vpc-nat-gw"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(target::nodeControl).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anExperimentWithADestructiveFaultIsAbortedNamingTheContextBeforeAnythingIsCreated() {
    ExistingTarget target = ExistingTarget.connect(client, CONTEXT, properties());
    Experiment experiment = Experiment.on(target, properties()).faults(FaultSchedule.builder()
        .at(Duration.ofSeconds(5), Faults.rescheduleGateway()));

    assertThatThrownBy(experiment::run).isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("fault reschedule-gateway cannot run on the existing target")
        .hasMessageContaining("refused on context 'prod-east'")
        .hasMessageContaining("-Dchaos.allowContext=prod-east");
    assertThat(client.resources(Vpc.class).list().getItems()).isEmpty();
  }

  @Test
  void allowContextMustNameTheCurrentContext() {
    ExistingTarget other = ExistingTarget.connect(client, CONTEXT, properties("chaos.allowContext", "staging"));
    assertThatThrownBy(() -> other.requireCapability(TargetCapability.DESTRUCTIVE_FAULTS))
        .hasMessage("destructive faults are refused on context 'prod-east' (they delete gateway pods and cordon nodes"
            + " of that cluster). -Dchaos.allowContext=staging does not match the current context 'prod-east'."
            + " To allow them on this cluster, pass -Dchaos.allowContext=prod-east");

    ExistingTarget allowed = ExistingTarget.connect(client, CONTEXT, properties("chaos.allowContext", CONTEXT));
    assertThat(allowed.capabilities()).containsExactly(TargetCapability.DESTRUCTIVE_FAULTS);
    assertThatCode(() -> allowed.requireCapability(TargetCapability.DESTRUCTIVE_FAULTS)).doesNotThrowAnyException();
    assertThatThrownBy(() -> allowed.requireCapability(TargetCapability.STOP_NODE))
        .hasMessage("existing target does not support STOP_NODE");
  }

  @Test
  void aClusterWithoutTheFeatureIsRefusedWithEveryProblemAndLeftAsItWas() {
    client.configMaps().inNamespace("kube-system").withName("ovn-vpc-nat-gw-config").edit(c -> {
      c.getData().put("enable-vpc-nat-gw", "false");
      return c;
    });
    client.apiextensions().v1().customResourceDefinitions().withName("network-attachment-definitions.k8s.cni.cncf.io")
        .delete();
    client.resources(Subnet.class).withName("ovn-vpc-external-network").delete();

    assertThatThrownBy(() -> ExistingTarget.connect(client, CONTEXT, properties("kubeovn.version", "v1.13.4")))
        .isInstanceOf(TargetUnavailableException.class)
        .hasMessageStartingWith("context 'prod-east' is not ready for natgw-chaos (nothing was changed):\n  - ")
        .hasMessageContaining("  - CRD network-attachment-definitions.k8s.cni.cncf.io is missing (install multus thick")
        .hasMessageContaining("  - context 'prod-east' runs Kube-OVN v1.14.41 (docker.io/kubeovn/kube-ovn:v1.14.41) but"
            + " -Dkubeovn.version=v1.13.4 was given")
        .hasMessageContaining("  - the VPC NAT gateway feature is off: ConfigMap kube-system/ovn-vpc-nat-gw-config has"
            + " enable-vpc-nat-gw=false; natgw-chaos never changes it")
        .hasMessageContaining("  - external Subnet ovn-vpc-external-network is missing");
    assertThat(client.configMaps().inNamespace("kube-system").withName("ovn-vpc-nat-gw-config").get().getData())
        .containsEntry("enable-vpc-nat-gw", "false");
  }
}

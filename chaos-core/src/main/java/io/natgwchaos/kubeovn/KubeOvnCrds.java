package io.natgwchaos.kubeovn;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * CustomResourceDefinitions for the model's kinds, derived from the classes' annotations, so they can
 * be registered in a mock API server (which applies status-subresource semantics only once the CRD
 * is there). Schemas preserve unknown fields: they describe names, scope, printer columns and the
 * status subresource, not validation.
 */
public final class KubeOvnCrds {
  private KubeOvnCrds() {}

  /** The NAT-gateway kinds plus Vpc, Subnet and Multus' NetworkAttachmentDefinition. */
  public static List<CustomResourceDefinition> all() {
    return List.of(
        definition(VpcNatGateway.class, true,
            column("Vpc", ".spec.vpc"), column("Subnet", ".spec.subnet"), column("LanIP", ".spec.lanIp")),
        definition(IptablesEip.class, true,
            column("IP", ".status.ip"), column("Mac", ".spec.macAddress"), column("Nat", ".status.nat"),
            column("NatGwDp", ".spec.natGwDp"), booleanColumn("Ready", ".status.ready")),
        definition(IptablesFipRule.class, true,
            column("Eip", ".spec.eip"), column("V4ip", ".status.v4ip"),
            column("InternalIp", ".spec.internalIp"), column("V6ip", ".status.v6ip"),
            booleanColumn("Ready", ".status.ready"), column("NatGwDp", ".status.natGwDp")),
        definition(IptablesSnatRule.class, true,
            column("EIP", ".spec.eip"), column("V4ip", ".status.v4ip"), column("V6ip", ".status.v6ip"),
            column("InternalCIDR", ".spec.internalCIDR"), column("NatGwDp", ".status.natGwDp"),
            booleanColumn("Ready", ".status.ready")),
        definition(IptablesDnatRule.class, true,
            column("Eip", ".spec.eip"), column("Protocol", ".spec.protocol"),
            column("V4ip", ".status.v4ip"), column("V6ip", ".status.v6ip"),
            column("InternalIp", ".spec.internalIp"), column("ExternalPort", ".spec.externalPort"),
            column("InternalPort", ".spec.internalPort"), column("NatGwDp", ".status.natGwDp"),
            booleanColumn("Ready", ".status.ready")),
        definition(Vpc.class, true,
            column("Subnets", ".status.subnets"), column("Namespaces", ".spec.namespaces")),
        definition(Subnet.class, true,
            column("Provider", ".spec.provider"), column("Vpc", ".spec.vpc"),
            column("Protocol", ".spec.protocol"), column("CIDR", ".spec.cidrBlock")),
        definition(NetworkAttachmentDefinition.class, false));
  }

  /** The CRD of one model class. */
  public static CustomResourceDefinition definition(
      Class<? extends CustomResource<?, ?>> type, boolean statusSubresource,
      CustomResourceColumnDefinition... printerColumns) {
    String group = HasMetadata.getGroup(type);
    String plural = HasMetadata.getPlural(type);
    JSONSchemaProps open = new JSONSchemaPropsBuilder()
        .withType("object").withXKubernetesPreserveUnknownFields(true).build();
    JSONSchemaProps schema = new JSONSchemaPropsBuilder()
        .withType("object")
        .withProperties(statusSubresource ? Map.of("spec", open, "status", open) : Map.of("spec", open))
        .build();
    CustomResourceDefinitionBuilder builder = new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(plural + "." + group).endMetadata()
        .withNewSpec()
        .withGroup(group)
        .withScope(Namespaced.class.isAssignableFrom(type) ? "Namespaced" : "Cluster")
        .withNewNames()
        .withKind(HasMetadata.getKind(type))
        .withPlural(plural)
        .withSingular(HasMetadata.getSingular(type))
        .withShortNames(Arrays.asList(CustomResource.getShortNames(type)))
        .endNames()
        .addNewVersion()
        .withName(HasMetadata.getVersion(type))
        .withServed(true)
        .withStorage(true)
        .withNewSchema().withOpenAPIV3Schema(schema).endSchema()
        .withAdditionalPrinterColumns(printerColumns)
        .endVersion()
        .endSpec();
    if (statusSubresource) {
      builder.editSpec().editFirstVersion().withNewSubresources().withNewStatus().endStatus()
          .endSubresources().endVersion().endSpec();
    }
    return builder.build();
  }

  private static CustomResourceColumnDefinition column(String name, String jsonPath) {
    return new CustomResourceColumnDefinition(null, null, jsonPath, name, 0, "string");
  }

  private static CustomResourceColumnDefinition booleanColumn(String name, String jsonPath) {
    return new CustomResourceColumnDefinition(null, null, jsonPath, name, 0, "boolean");
  }
}

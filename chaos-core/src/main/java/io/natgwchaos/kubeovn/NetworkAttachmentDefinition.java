package io.natgwchaos.kubeovn;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Multus' NetworkAttachmentDefinition ({@code k8s.cni.cncf.io/v1}, namespaced). The gateway's net1 is a
 * macvlan attachment with Kube-OVN IPAM.
 */
@Group("k8s.cni.cncf.io")
@Version("v1")
@Kind("NetworkAttachmentDefinition")
@Plural("network-attachment-definitions")
@Singular("network-attachment-definition")
@ShortNames("net-attach-def")
public class NetworkAttachmentDefinition extends CustomResource<NetworkAttachmentDefinition.Spec, Void> implements Namespaced {

  /** Desired state, as the user writes it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Spec extends UnknownFieldsKeeper {
    /** The CNI configuration as a JSON string. */
    @JsonProperty("config")
    private String config;

    public String getConfig() {
      return config;
    }

    public void setConfig(String config) {
      this.config = config;
    }
  }
}

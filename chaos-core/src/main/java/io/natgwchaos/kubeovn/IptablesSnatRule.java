package io.natgwchaos.kubeovn;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * Source NAT of an internal CIDR to an EIP: one SHARED_SNAT rule.
 */
@Group(KubeOvn.GROUP)
@Version(KubeOvn.VERSION)
@Kind("IptablesSnatRule")
@Plural("iptables-snat-rules")
@Singular("iptables-snat-rule")
@ShortNames("snat")
public class IptablesSnatRule extends CustomResource<IptablesSnatRule.Spec, IptablesSnatRule.Status> {

  /** Desired state, as the user writes it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Spec extends UnknownFieldsKeeper {
    @JsonProperty("eip")
    private String eip;
    /** An internal CIDR or a single address. */
    @JsonProperty("internalCIDR")
    private String internalCIDR;

    public String getEip() {
      return eip;
    }

    public void setEip(String eip) {
      this.eip = eip;
    }

    public String getInternalCIDR() {
      return internalCIDR;
    }

    public void setInternalCIDR(String internalCIDR) {
      this.internalCIDR = internalCIDR;
    }
  }

  /** Observed state, written by kube-ovn-controller through the status subresource. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Status extends UnknownFieldsKeeper {
    @JsonProperty("ready")
    private Boolean ready;
    @JsonProperty("v4ip")
    private String v4ip;
    @JsonProperty("v6ip")
    private String v6ip;
    @JsonProperty("natGwDp")
    private String natGwDp;
    @JsonProperty("redo")
    private String redo;
    @JsonProperty("internalCIDR")
    private String internalCIDR;
    /** Never set by the iptables controllers; kept for completeness. */
    @JsonProperty("conditions")
    private List<Condition> conditions;

    public Boolean getReady() {
      return ready;
    }

    public void setReady(Boolean ready) {
      this.ready = ready;
    }

    public String getV4ip() {
      return v4ip;
    }

    public void setV4ip(String v4ip) {
      this.v4ip = v4ip;
    }

    public String getV6ip() {
      return v6ip;
    }

    public void setV6ip(String v6ip) {
      this.v6ip = v6ip;
    }

    public String getNatGwDp() {
      return natGwDp;
    }

    public void setNatGwDp(String natGwDp) {
      this.natGwDp = natGwDp;
    }

    public String getRedo() {
      return redo;
    }

    public void setRedo(String redo) {
      this.redo = redo;
    }

    public String getInternalCIDR() {
      return internalCIDR;
    }

    public void setInternalCIDR(String internalCIDR) {
      this.internalCIDR = internalCIDR;
    }

    public List<Condition> getConditions() {
      return conditions;
    }

    public void setConditions(List<Condition> conditions) {
      this.conditions = conditions;
    }
  }
}

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
 * Port forwarding from {@code <eip>:<externalPort>/<protocol>} to an internal address and port: one
 * SHARED_DNAT rule.
 */
@Group(KubeOvn.GROUP)
@Version(KubeOvn.VERSION)
@Kind("IptablesDnatRule")
@Plural("iptables-dnat-rules")
@Singular("iptables-dnat-rule")
@ShortNames("dnat")
public class IptablesDnatRule extends CustomResource<IptablesDnatRule.Spec, IptablesDnatRule.Status> {

  /** Desired state, as the user writes it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Spec extends UnknownFieldsKeeper {
    @JsonProperty("eip")
    private String eip;
    @JsonProperty("externalPort")
    private String externalPort;
    /** tcp or udp. */
    @JsonProperty("protocol")
    private String protocol;
    @JsonProperty("internalIp")
    private String internalIp;
    @JsonProperty("internalPort")
    private String internalPort;
    /** master only: exclusive (default) or share. */
    @JsonProperty("type")
    private String type;

    public String getEip() {
      return eip;
    }

    public void setEip(String eip) {
      this.eip = eip;
    }

    public String getExternalPort() {
      return externalPort;
    }

    public void setExternalPort(String externalPort) {
      this.externalPort = externalPort;
    }

    public String getProtocol() {
      return protocol;
    }

    public void setProtocol(String protocol) {
      this.protocol = protocol;
    }

    public String getInternalIp() {
      return internalIp;
    }

    public void setInternalIp(String internalIp) {
      this.internalIp = internalIp;
    }

    public String getInternalPort() {
      return internalPort;
    }

    public void setInternalPort(String internalPort) {
      this.internalPort = internalPort;
    }

    public String getType() {
      return type;
    }

    public void setType(String type) {
      this.type = type;
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
    @JsonProperty("protocol")
    private String protocol;
    @JsonProperty("internalIp")
    private String internalIp;
    @JsonProperty("internalPort")
    private String internalPort;
    @JsonProperty("externalPort")
    private String externalPort;
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

    public String getProtocol() {
      return protocol;
    }

    public void setProtocol(String protocol) {
      this.protocol = protocol;
    }

    public String getInternalIp() {
      return internalIp;
    }

    public void setInternalIp(String internalIp) {
      this.internalIp = internalIp;
    }

    public String getInternalPort() {
      return internalPort;
    }

    public void setInternalPort(String internalPort) {
      this.internalPort = internalPort;
    }

    public String getExternalPort() {
      return externalPort;
    }

    public void setExternalPort(String externalPort) {
      this.externalPort = externalPort;
    }

    public List<Condition> getConditions() {
      return conditions;
    }

    public void setConditions(List<Condition> conditions) {
      this.conditions = conditions;
    }
  }
}

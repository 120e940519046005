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
 * An external address owned by one NAT gateway ({@code spec.natGwDp}); programmed onto net1 of the
 * gateway pod by {@code eip-add}. {@code status.nat} lists the rule kinds using it.
 */
@Group(KubeOvn.GROUP)
@Version(KubeOvn.VERSION)
@Kind("IptablesEIP")
@Plural("iptables-eips")
@Singular("iptables-eip")
@ShortNames("eip")
public class IptablesEip extends CustomResource<IptablesEip.Spec, IptablesEip.Status> {

  /** Desired state, as the user writes it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Spec extends UnknownFieldsKeeper {
    /** Requested IPv4 address; empty means allocate one from the external subnet. */
    @JsonProperty("v4ip")
    private String v4ip;
    @JsonProperty("v6ip")
    private String v6ip;
    @JsonProperty("macAddress")
    private String macAddress;
    /** Name of the owning VpcNatGateway. */
    @JsonProperty("natGwDp")
    private String natGwDp;
    @JsonProperty("qosPolicy")
    private String qosPolicy;
    /** External subnet (a NAD name at v1.13, a Subnet name from v1.15.4/v1.16.0); empty = default. */
    @JsonProperty("externalSubnet")
    private String externalSubnet;
    /** master only: namespace of the gateway pod. */
    @JsonProperty("namespace")
    private String namespace;

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

    public String getMacAddress() {
      return macAddress;
    }

    public void setMacAddress(String macAddress) {
      this.macAddress = macAddress;
    }

    public String getNatGwDp() {
      return natGwDp;
    }

    public void setNatGwDp(String natGwDp) {
      this.natGwDp = natGwDp;
    }

    public String getQosPolicy() {
      return qosPolicy;
    }

    public void setQosPolicy(String qosPolicy) {
      this.qosPolicy = qosPolicy;
    }

    public String getExternalSubnet() {
      return externalSubnet;
    }

    public void setExternalSubnet(String externalSubnet) {
      this.externalSubnet = externalSubnet;
    }

    public String getNamespace() {
      return namespace;
    }

    public void setNamespace(String namespace) {
      this.namespace = namespace;
    }
  }

  /** Observed state, written by kube-ovn-controller through the status subresource. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Status extends UnknownFieldsKeeper {
    @JsonProperty("ready")
    private Boolean ready;
    /** The programmed IPv4 address. */
    @JsonProperty("ip")
    private String ip;
    /** Redo stamp: the gateway pod's creation time when the EIP was marked for re-programming. */
    @JsonProperty("redo")
    private String redo;
    /** Comma list of the rule kinds using this EIP, always ordered dnat,fip,snat. */
    @JsonProperty("nat")
    private String nat;
    @JsonProperty("qosPolicy")
    private String qosPolicy;
    /** Never set by the iptables controllers; kept for completeness. */
    @JsonProperty("conditions")
    private List<Condition> conditions;

    public Boolean getReady() {
      return ready;
    }

    public void setReady(Boolean ready) {
      this.ready = ready;
    }

    public String getIp() {
      return ip;
    }

    public void setIp(String ip) {
      this.ip = ip;
    }

    public String getRedo() {
      return redo;
    }

    public void setRedo(String redo) {
      this.redo = redo;
    }

    public String getNat() {
      return nat;
    }

    public void setNat(String nat) {
      this.nat = nat;
    }

    public String getQosPolicy() {
      return qosPolicy;
    }

    public void setQosPolicy(String qosPolicy) {
      this.qosPolicy = qosPolicy;
    }

    public List<Condition> getConditions() {
      return conditions;
    }

    public void setConditions(List<Condition> conditions) {
      this.conditions = conditions;
    }
  }
}

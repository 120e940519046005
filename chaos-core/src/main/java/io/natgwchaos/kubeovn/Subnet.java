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
 * A Kube-OVN subnet: the external one EIPs are allocated from (provider {@code <nad>.<ns>}) or a
 * VPC's internal one.
 */
@Group(KubeOvn.GROUP)
@Version(KubeOvn.VERSION)
@Kind("Subnet")
@Plural("subnets")
@Singular("subnet")
@ShortNames("subnet")
public class Subnet extends CustomResource<Subnet.Spec, Subnet.Status> {

  /** Desired state, as the user writes it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Spec extends UnknownFieldsKeeper {
    @JsonProperty("vpc")
    private String vpc;
    @JsonProperty("default")
    private Boolean defaultValue;
    /** IPv4, IPv6 or Dual. */
    @JsonProperty("protocol")
    private String protocol;
    @JsonProperty("cidrBlock")
    private String cidrBlock;
    @JsonProperty("gateway")
    private String gateway;
    @JsonProperty("excludeIps")
    private List<String> excludeIps;
    /** {@code <nad>.<nad-namespace>} for the external subnet; empty/ovn for overlay. */
    @JsonProperty("provider")
    private String provider;
    @JsonProperty("namespaces")
    private List<String> namespaces;
    @JsonProperty("vlan")
    private String vlan;
    @JsonProperty("u2oInterconnection")
    private Boolean u2oInterconnection;
    @JsonProperty("natOutgoing")
    private Boolean natOutgoing;
    @JsonProperty("private")
    private Boolean privateValue;

    public String getVpc() {
      return vpc;
    }

    public void setVpc(String vpc) {
      this.vpc = vpc;
    }

    public Boolean getDefault() {
      return defaultValue;
    }

    public void setDefault(Boolean defaultValue) {
      this.defaultValue = defaultValue;
    }

    public String getProtocol() {
      return protocol;
    }

    public void setProtocol(String protocol) {
      this.protocol = protocol;
    }

    public String getCidrBlock() {
      return cidrBlock;
    }

    public void setCidrBlock(String cidrBlock) {
      this.cidrBlock = cidrBlock;
    }

    public String getGateway() {
      return gateway;
    }

    public void setGateway(String gateway) {
      this.gateway = gateway;
    }

    public List<String> getExcludeIps() {
      return excludeIps;
    }

    public void setExcludeIps(List<String> excludeIps) {
      this.excludeIps = excludeIps;
    }

    public String getProvider() {
      return provider;
    }

    public void setProvider(String provider) {
      this.provider = provider;
    }

    public List<String> getNamespaces() {
      return namespaces;
    }

    public void setNamespaces(List<String> namespaces) {
      this.namespaces = namespaces;
    }

    public String getVlan() {
      return vlan;
    }

    public void setVlan(String vlan) {
      this.vlan = vlan;
    }

    public Boolean getU2oInterconnection() {
      return u2oInterconnection;
    }

    public void setU2oInterconnection(Boolean u2oInterconnection) {
      this.u2oInterconnection = u2oInterconnection;
    }

    public Boolean getNatOutgoing() {
      return natOutgoing;
    }

    public void setNatOutgoing(Boolean natOutgoing) {
      this.natOutgoing = natOutgoing;
    }

    public Boolean getPrivate() {
      return privateValue;
    }

    public void setPrivate(Boolean privateValue) {
      this.privateValue = privateValue;
    }
  }

  /** Observed state, written by kube-ovn-controller through the status subresource. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Status extends UnknownFieldsKeeper {
    @JsonProperty("v4availableIPs")
    private Double v4availableIPs;
    @JsonProperty("v4usingIPs")
    private Double v4usingIPs;
    /** Never set by the iptables controllers; kept for completeness. */
    @JsonProperty("conditions")
    private List<Condition> conditions;

    public Double getV4availableIPs() {
      return v4availableIPs;
    }

    public void setV4availableIPs(Double v4availableIPs) {
      this.v4availableIPs = v4availableIPs;
    }

    public Double getV4usingIPs() {
      return v4usingIPs;
    }

    public void setV4usingIPs(Double v4usingIPs) {
      this.v4usingIPs = v4usingIPs;
    }

    public List<Condition> getConditions() {
      return conditions;
    }

    public void setConditions(List<Condition> conditions) {
      this.conditions = conditions;
    }
  }
}

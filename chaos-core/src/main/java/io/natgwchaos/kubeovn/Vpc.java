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
 * A Kube-OVN VPC. The NAT gateway needs its default static route to the gateway's {@code lanIp}.
 */
@Group(KubeOvn.GROUP)
@Version(KubeOvn.VERSION)
@Kind("Vpc")
@Plural("vpcs")
@Singular("vpc")
@ShortNames("vpc")
public class Vpc extends CustomResource<Vpc.Spec, Vpc.Status> {

  /** Desired state, as the user writes it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Spec extends UnknownFieldsKeeper {
    @JsonProperty("namespaces")
    private List<String> namespaces;
    @JsonProperty("staticRoutes")
    private List<StaticRoute> staticRoutes;
    @JsonProperty("enableExternal")
    private Boolean enableExternal;

    public List<String> getNamespaces() {
      return namespaces;
    }

    public void setNamespaces(List<String> namespaces) {
      this.namespaces = namespaces;
    }

    public List<StaticRoute> getStaticRoutes() {
      return staticRoutes;
    }

    public void setStaticRoutes(List<StaticRoute> staticRoutes) {
      this.staticRoutes = staticRoutes;
    }

    public Boolean getEnableExternal() {
      return enableExternal;
    }

    public void setEnableExternal(Boolean enableExternal) {
      this.enableExternal = enableExternal;
    }
  }

  /** Observed state, written by kube-ovn-controller through the status subresource. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Status extends UnknownFieldsKeeper {
    /** Subnets of this VPC; the gateway gets routes to them. */
    @JsonProperty("subnets")
    private List<String> subnets;
    @JsonProperty("standby")
    private Boolean standby;
    @JsonProperty("default")
    private Boolean defaultValue;
    @JsonProperty("defaultLogicalSwitch")
    private String defaultLogicalSwitch;
    @JsonProperty("router")
    private String router;
    /** Never set by the iptables controllers; kept for completeness. */
    @JsonProperty("conditions")
    private List<Condition> conditions;

    public List<String> getSubnets() {
      return subnets;
    }

    public void setSubnets(List<String> subnets) {
      this.subnets = subnets;
    }

    public Boolean getStandby() {
      return standby;
    }

    public void setStandby(Boolean standby) {
      this.standby = standby;
    }

    public Boolean getDefault() {
      return defaultValue;
    }

    public void setDefault(Boolean defaultValue) {
      this.defaultValue = defaultValue;
    }

    public String getDefaultLogicalSwitch() {
      return defaultLogicalSwitch;
    }

    public void setDefaultLogicalSwitch(String defaultLogicalSwitch) {
      this.defaultLogicalSwitch = defaultLogicalSwitch;
    }

    public String getRouter() {
      return router;
    }

    public void setRouter(String router) {
      this.router = router;
    }

    public List<Condition> getConditions() {
      return conditions;
    }

    public void setConditions(List<Condition> conditions) {
      this.conditions = conditions;
    }
  }

  /** {@code {policy: policyDst, cidr: 0.0.0.0/0, nextHopIP: <lanIp>}} sends VPC egress to the gateway. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class StaticRoute extends UnknownFieldsKeeper {
    @JsonProperty("policy")
    private String policy;
    @JsonProperty("cidr")
    private String cidr;
    @JsonProperty("nextHopIP")
    private String nextHopIP;

    public String getPolicy() {
      return policy;
    }

    public void setPolicy(String policy) {
      this.policy = policy;
    }

    public String getCidr() {
      return cidr;
    }

    public void setCidr(String cidr) {
      this.cidr = cidr;
    }

    public String getNextHopIP() {
      return nextHopIP;
    }

    public void setNextHopIP(String nextHopIP) {
      this.nextHopIP = nextHopIP;
    }
  }
}

package io.natgwchaos.kubeovn;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.Map;

/**
 * An iptables NAT gateway for one VPC, run as StatefulSet {@code vpc-nat-gw-<name>} with one pod.
 */
@Group(KubeOvn.GROUP)
@Version(KubeOvn.VERSION)
@Kind("VpcNatGateway")
@Plural("vpc-nat-gateways")
@Singular("vpc-nat-gateway")
@ShortNames("vpc-nat-gw")
public class VpcNatGateway extends CustomResource<VpcNatGateway.Spec, VpcNatGateway.Status> {

  /** Desired state, as the user writes it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Spec extends UnknownFieldsKeeper {
    @JsonProperty("vpc")
    private String vpc;
    /** Internal subnet of eth0. */
    @JsonProperty("subnet")
    private String subnet;
    /** First entry: the NAD giving net1 (default ovn-vpc-external-network). */
    @JsonProperty("externalSubnets")
    private List<String> externalSubnets;
    /** Fixed eth0 address, inside {@code subnet}. */
    @JsonProperty("lanIp")
    private String lanIp;
    /** Node selector as {@code "key: value"} strings. */
    @JsonProperty("selector")
    private List<String> selector;
    @JsonProperty("tolerations")
    private List<Toleration> tolerations;
    @JsonProperty("affinity")
    private Affinity affinity;
    @JsonProperty("qosPolicy")
    private String qosPolicy;
    @JsonProperty("bgpSpeaker")
    private Map<String, Object> bgpSpeaker;
    /** v1.15+. */
    @JsonProperty("routes")
    private List<Route> routes;
    /** v1.15+. */
    @JsonProperty("noDefaultEIP")
    private Boolean noDefaultEIP;
    /** v1.16+: pod template annotations. */
    @JsonProperty("annotations")
    private Map<String, String> annotations;
    /** master only. */
    @JsonProperty("namespace")
    private String namespace;
    /** master only. */
    @JsonProperty("replicas")
    private Integer replicas;
    /** master only. */
    @JsonProperty("bfd")
    private Map<String, Object> bfd;
    /** master only. */
    @JsonProperty("internalSubnets")
    private List<String> internalSubnets;
    /** master only. */
    @JsonProperty("internalCIDRs")
    private List<String> internalCIDRs;

    public String getVpc() {
      return vpc;
    }

    public void setVpc(String vpc) {
      this.vpc = vpc;
    }

    public String getSubnet() {
      return subnet;
    }

    public void setSubnet(String subnet) {
      this.subnet = subnet;
    }

    public List<String> getExternalSubnets() {
      return externalSubnets;
    }

    public void setExternalSubnets(List<String> externalSubnets) {
      this.externalSubnets = externalSubnets;
    }

    public String getLanIp() {
      return lanIp;
    }

    public void setLanIp(String lanIp) {
      this.lanIp = lanIp;
    }

    public List<String> getSelector() {
      return selector;
    }

    public void setSelector(List<String> selector) {
      this.selector = selector;
    }

    public List<Toleration> getTolerations() {
      return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
      this.tolerations = tolerations;
    }

    public Affinity getAffinity() {
      return affinity;
    }

    public void setAffinity(Affinity affinity) {
      this.affinity = affinity;
    }

    public String getQosPolicy() {
      return qosPolicy;
    }

    public void setQosPolicy(String qosPolicy) {
      this.qosPolicy = qosPolicy;
    }

    public Map<String, Object> getBgpSpeaker() {
      return bgpSpeaker;
    }

    public void setBgpSpeaker(Map<String, Object> bgpSpeaker) {
      this.bgpSpeaker = bgpSpeaker;
    }

    public List<Route> getRoutes() {
      return routes;
    }

    public void setRoutes(List<Route> routes) {
      this.routes = routes;
    }

    public Boolean getNoDefaultEIP() {
      return noDefaultEIP;
    }

    public void setNoDefaultEIP(Boolean noDefaultEIP) {
      this.noDefaultEIP = noDefaultEIP;
    }

    public Map<String, String> getAnnotations() {
      return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
      this.annotations = annotations;
    }

    public String getNamespace() {
      return namespace;
    }

    public void setNamespace(String namespace) {
      this.namespace = namespace;
    }

    public Integer getReplicas() {
      return replicas;
    }

    public void setReplicas(Integer replicas) {
      this.replicas = replicas;
    }

    public Map<String, Object> getBfd() {
      return bfd;
    }

    public void setBfd(Map<String, Object> bfd) {
      this.bfd = bfd;
    }

    public List<String> getInternalSubnets() {
      return internalSubnets;
    }

    public void setInternalSubnets(List<String> internalSubnets) {
      this.internalSubnets = internalSubnets;
    }

    public List<String> getInternalCIDRs() {
      return internalCIDRs;
    }

    public void setInternalCIDRs(List<String> internalCIDRs) {
      this.internalCIDRs = internalCIDRs;
    }
  }

  /** Observed state, written by kube-ovn-controller through the status subresource. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Status extends UnknownFieldsKeeper {
    @JsonProperty("qosPolicy")
    private String qosPolicy;
    @JsonProperty("externalSubnets")
    private List<String> externalSubnets;
    @JsonProperty("selector")
    private List<String> selector;
    @JsonProperty("tolerations")
    private List<Toleration> tolerations;
    @JsonProperty("affinity")
    private Affinity affinity;
    /** master only. */
    @JsonProperty("replicas")
    private Integer replicas;
    /** master only. */
    @JsonProperty("ready")
    private Boolean ready;
    /** master only. */
    @JsonProperty("lanIp")
    private String lanIp;
    /** master only. */
    @JsonProperty("workload")
    private Map<String, Object> workload;
    /** master only. */
    @JsonProperty("internalSubnets")
    private List<String> internalSubnets;
    /** master only. */
    @JsonProperty("internalCIDRs")
    private List<String> internalCIDRs;

    public String getQosPolicy() {
      return qosPolicy;
    }

    public void setQosPolicy(String qosPolicy) {
      this.qosPolicy = qosPolicy;
    }

    public List<String> getExternalSubnets() {
      return externalSubnets;
    }

    public void setExternalSubnets(List<String> externalSubnets) {
      this.externalSubnets = externalSubnets;
    }

    public List<String> getSelector() {
      return selector;
    }

    public void setSelector(List<String> selector) {
      this.selector = selector;
    }

    public List<Toleration> getTolerations() {
      return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
      this.tolerations = tolerations;
    }

    public Affinity getAffinity() {
      return affinity;
    }

    public void setAffinity(Affinity affinity) {
      this.affinity = affinity;
    }

    public Integer getReplicas() {
      return replicas;
    }

    public void setReplicas(Integer replicas) {
      this.replicas = replicas;
    }

    public Boolean getReady() {
      return ready;
    }

    public void setReady(Boolean ready) {
      this.ready = ready;
    }

    public String getLanIp() {
      return lanIp;
    }

    public void setLanIp(String lanIp) {
      this.lanIp = lanIp;
    }

    public Map<String, Object> getWorkload() {
      return workload;
    }

    public void setWorkload(Map<String, Object> workload) {
      this.workload = workload;
    }

    public List<String> getInternalSubnets() {
      return internalSubnets;
    }

    public void setInternalSubnets(List<String> internalSubnets) {
      this.internalSubnets = internalSubnets;
    }

    public List<String> getInternalCIDRs() {
      return internalCIDRs;
    }

    public void setInternalCIDRs(List<String> internalCIDRs) {
      this.internalCIDRs = internalCIDRs;
    }
  }

  /** A static route pushed into the gateway (v1.15+). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Route extends UnknownFieldsKeeper {
    @JsonProperty("cidr")
    private String cidr;
    @JsonProperty("nextHopIP")
    private String nextHopIP;

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

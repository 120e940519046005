package io.natgwchaos.kubeovn;

/**
 * API group, version and the names Kube-OVN's NAT-gateway controller writes onto objects: labels,
 * annotations and the finalizer (reference §1.5 and §4.1). Values are those of v1.13.4 and later;
 * where a later release added one, its Javadoc says from when.
 */
public final class KubeOvn {
  private KubeOvn() {}

  public static final String GROUP = "kubeovn.io";
  public static final String VERSION = "v1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** Namespace of kube-ovn-controller and, before master's {@code spec.namespace}, of every gateway pod. */
  public static final String CONTROLLER_NAMESPACE = "kube-system";

  /** Default external network: NAD name, Subnet name and the NAD's namespace-qualified provider. */
  public static final String DEFAULT_EXTERNAL_NETWORK = "ovn-vpc-external-network";

  /** Container of the gateway pod that runs {@code nat-gateway.sh}. */
  public static final String GATEWAY_CONTAINER = "vpc-nat-gw";

  /** Default {@code natGwNamePrefix} of ConfigMap {@code ovn-vpc-nat-config}. */
  public static final String GATEWAY_NAME_PREFIX = "vpc-nat-gw";

  /** ConfigMap holding the gateway image ({@code image}) and name prefix. */
  public static final String NAT_CONFIG_MAP = "ovn-vpc-nat-config";

  /** ConfigMap that switches the feature on ({@code enable-vpc-nat-gw: "true"}). */
  public static final String NAT_GW_CONFIG_MAP = "ovn-vpc-nat-gw-config";

  public static final String NAT_GW_ENABLED_KEY = "enable-vpc-nat-gw";

  /** StatefulSet {@code vpc-nat-gw-<gw>} owning the gateway pod. */
  public static String gatewayStatefulSetName(String gateway) {
    return GATEWAY_NAME_PREFIX + "-" + gateway;
  }

  /** The single replica of the gateway StatefulSet: {@code vpc-nat-gw-<gw>-0}. */
  public static String gatewayPodName(String gateway) {
    return gatewayStatefulSetName(gateway) + "-0";
  }

  /** Value of the {@code app} label on the gateway StatefulSet and its pod. */
  public static String gatewayAppLabel(String gateway) {
    return gatewayStatefulSetName(gateway);
  }

  /** A Multus/Kube-OVN provider name: {@code <nad>.<namespace>}. */
  public static String provider(String nadName, String nadNamespace) {
    return nadName + "." + nadNamespace;
  }

  /** Labels the controller writes. */
  public static final class Labels {
    private Labels() {}

    /** On EIPs: the external subnet (NAD name); on gateways: the internal subnet. */
    public static final String SUBNET = "ovn.kubernetes.io/subnet";
    /** On EIPs, FIPs, SNATs and DNATs: the owning gateway. */
    public static final String NAT_GW_NAME = "ovn.kubernetes.io/vpc-nat-gw-name";
    /** On EIPs, FIPs, SNATs and DNATs: the EIP address; the join key for {@code status.nat}. */
    public static final String EIP_V4_IP = "ovn.kubernetes.io/eip_v4_ip";
    /** On EIPs and gateways: the QoS policy name (may be empty). */
    public static final String QOS = "ovn.kubernetes.io/qos";
    /** On DNATs: the external port. */
    public static final String DNAT_EXTERNAL_PORT = "ovn.kubernetes.io/vpc_dnat_eport";
    /** On gateways: the VPC. */
    public static final String VPC = "ovn.kubernetes.io/vpc";
    /** On the gateway StatefulSet and pod: {@code "true"}. */
    public static final String GATEWAY_POD = "ovn.kubernetes.io/vpc-nat-gw";
    /** On the gateway StatefulSet and pod: {@code vpc-nat-gw-<gw>}. */
    public static final String APP = "app";
  }

  /** Annotations the controller writes. */
  public static final class Annotations {
    private Annotations() {}

    /** On FIPs, SNATs and DNATs: the EIP name. */
    public static final String VPC_EIP = "ovn.kubernetes.io/vpc_eip";
    /** On the gateway pod: {@code "true"} once {@code nat-gateway.sh init} ran. */
    public static final String GATEWAY_INIT = "ovn.kubernetes.io/vpc_nat_gw_init";
    /** On the gateway pod: the VPC CIDRs routed through eth0. */
    public static final String VPC_CIDRS = "ovn.kubernetes.io/vpc_cidrs";
    /** Pod template: the gateway name. */
    public static final String GATEWAY_NAME = "ovn.kubernetes.io/vpc_nat_gw";
    /** Pod template: the NAD that gives the pod net1. */
    public static final String MULTUS_NETWORKS = "k8s.v1.cni.cncf.io/networks";
    /** Pod template: the internal subnet of eth0. */
    public static final String LOGICAL_SWITCH = "ovn.kubernetes.io/logical_switch";
    /** Pod template: the fixed eth0 address ({@code spec.lanIp}). */
    public static final String IP_ADDRESS = "ovn.kubernetes.io/ip_address";
    /** Pod template: eth0 routes. */
    public static final String ROUTES = "ovn.kubernetes.io/routes";
    /**
     * StatefulSet template, v1.14.0+ (#5072): toggled when the gateway container restarted in place,
     * which rolls the StatefulSet and so re-creates the pod.
     */
    public static final String CONTAINER_RESTARTED = "ovn.kubernetes.io/vpc_nat_gw_container_restarted";

    /** {@code <provider>.kubernetes.io/ip_address}: the address IPAM gave an attachment. */
    public static String providerIpAddress(String provider) {
      return provider + ".kubernetes.io/ip_address";
    }

    /** {@code <provider>.kubernetes.io/routes}: routes of an attachment (net1's default route). */
    public static String providerRoutes(String provider) {
      return provider + ".kubernetes.io/routes";
    }
  }

  /** Finalizers on EIPs, FIPs, SNATs and DNATs (VpcNatGateway gets none before master). */
  public static final class Finalizers {
    private Finalizers() {}

    public static final String CONTROLLER = "kubeovn.io/kube-ovn-controller";
    /** Pre-v1.12 name, migrated at controller start-up. */
    public static final String LEGACY_CONTROLLER = "kube-ovn-controller";
  }
}

/**
 * The twin's Kubernetes: {@link io.natgwchaos.twin.cluster.TwinApiServer} (fabric8's mock server in CRUD
 * mode, plain HTTP, Kube-OVN CRDs with status, dynamic pod exec, and the write semantics the mock lacks)
 * and {@link io.natgwchaos.twin.cluster.TwinCluster}: nodes, scheduler, StatefulSet and Deployment
 * controllers and a kubelet, each acting only through the API with its own client.
 *
 * <p>What runs in pods is a {@link io.natgwchaos.twin.cluster.Workload}. The kube-ovn-controller pod runs
 * a {@link io.natgwchaos.twin.cluster.ControllerProcess} from a {@link io.natgwchaos.twin.cluster.ControllerFactory}:
 * a new process for each start of its container, stopped when the container is killed or the pod deleted.
 * The cluster does nothing kube-ovn-controller does: a gateway pod stays {@code Pending} until the
 * controller model annotates {@code ovn.kubernetes.io/allocated: "true"} and
 * {@code <provider>.kubernetes.io/ip_address}.
 */
package io.natgwchaos.twin.cluster;

package io.natgwchaos.twin.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a workload may use from the cluster it runs in.
 *
 * @param kubeletClient the kubelet's client, for what a node agent reads (the CNI reading Subnets)
 * @param timer the cluster's shared timer thread, for delayed actions
 */
public record ClusterContext(TwinApiServer api, KubernetesClient kubeletClient, EventLog events,
    ScheduledExecutorService timer, ClusterSpec spec) {}

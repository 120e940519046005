package io.natgwchaos.twin.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.natgwchaos.gateway.PodExecutor;
import io.natgwchaos.twin.TimeScale;
import io.natgwchaos.twin.TwinClock;
import io.natgwchaos.twin.profile.VersionProfile;
import java.util.Objects;

/**
 * What one run of the modelled kube-ovn-controller process needs.
 *
 * @param client its own client to the API server (informers and writes)
 * @param executor exec into gateway pods through the API server, as upstream does
 * @param profile the Kube-OVN version's behaviour
 * @param timeScale factor for upstream delays
 * @param clock the twin's wall clock (redo stamps are formatted from it)
 * @param namespace the controller's namespace, where gateway StatefulSets live
 * @param serviceCidr the cluster's service CIDR (a route in the gateway pod template)
 * @param crash called when the modelled process crashes (a Go panic): the owner restarts it
 */
public record ControllerConfig(KubernetesClient client, PodExecutor executor, VersionProfile profile,
    TimeScale timeScale, TwinClock clock, String namespace, String serviceCidr, Runnable crash) {
  public ControllerConfig {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(timeScale, "timeScale");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(serviceCidr, "serviceCidr");
    Objects.requireNonNull(crash, "crash");
  }
}

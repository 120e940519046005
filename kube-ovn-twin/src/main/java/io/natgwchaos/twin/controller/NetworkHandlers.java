package io.natgwchaos.twin.controller;

import io.natgwchaos.kubeovn.Subnet;
import io.natgwchaos.kubeovn.Vpc;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little of kube-ovn-controller's VPC and Subnet handling the NAT gateway depends on: a Subnet becomes
 * Ready and a Vpc reports standby with its subnets. The OVN side (logical routers and switches) is not
 * modelled: nothing the NAT gateway's oracle reads depends on it.
 */
final class NetworkHandlers {
  private final ControllerContext ctx;

  NetworkHandlers(ControllerContext ctx) {
    this.ctx = ctx;
  }

  void subnet(String key) throws RetryableError {
    Subnet subnet = ctx.subnets.get(key);
    if (subnet == null || ControllerContext.terminating(subnet)) {
      return;
    }
    boolean ready = subnet.getStatus() != null && subnet.getStatus().getConditions() != null
        && subnet.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    if (!ready) {
      String now = Instant.now().toString();
      Map<String, Object> condition = new LinkedHashMap<>();
      condition.put("type", "Ready");
      condition.put("status", "True");
      condition.put("reason", "ResourceCreated");
      condition.put("lastUpdateTime", now);
      condition.put("lastTransitionTime", now);
      ctx.api.patchStatus(Subnet.class, key, Map.of("conditions", List.of(condition)));
    }
    String vpc = subnet.getSpec() == null ? null : subnet.getSpec().getVpc();
    if (vpc != null && !vpc.isEmpty()) {
      ctx.queues.get(QueueName.VPC).add(vpc);
    }
  }

  void vpc(String key) throws RetryableError {
    Vpc vpc = ctx.vpcs.get(key);
    if (vpc == null || ControllerContext.terminating(vpc)) {
      return;
    }
    List<String> subnets = ctx.subnets.list(s -> s.getSpec() != null && key.equals(s.getSpec().getVpc())).stream()
        .map(s -> s.getMetadata().getName()).sorted().toList();
    Vpc.Status status = vpc.getStatus();
    if (status != null && Boolean.TRUE.equals(status.getStandby()) && subnets.equals(status.getSubnets())) {
      return;
    }
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("standby", true);
    patch.put("default", false);
    patch.put("router", key);
    patch.put("subnets", subnets);
    ctx.api.patchStatus(Vpc.class, key, patch);
  }
}

package io.natgwchaos.twin.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.natgwchaos.gateway.ExecResult;
import io.natgwchaos.gateway.PodExecException;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.twin.profile.Switch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finding a gateway's pod and running {@code nat-gateway.sh} in it through the API server's exec, as
 * {@code getNatGwPod} and {@code execNatGwRules} do (gw.go:637-661, 988-1010@v1.13.4).
 */
final class GatewayExec {
  private static final Duration NOT_ACTIVE_SLEEP = Duration.ofSeconds(5);
  /**
   * Upstream passes no timeout. The bound is for the mock server: about one exec in several thousand never gets its
   * close frame; failing it after 15 s (far above any modelled cost) turns that into a retry instead of a worker and
   * a hashed lock held for minutes.
   */
  private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(15);
  private static final Pattern VERSION = Pattern.compile("v([0-9]+(\\.[0-9]+)+)");

  private final ControllerContext ctx;

  GatewayExec(ControllerContext ctx) {
    this.ctx = ctx;
  }

  /**
   * The gateway's pod from the informer cache: none → NotFound (master: a plain error after 5 s);
   * more than one, or not Running → sleep 5 s and error.
   */
  Pod natGwPod(String gateway) throws RetryableError, InterruptedException {
    Map<String, String> selector = Map.of(KubeOvn.Labels.APP, KubeOvn.gatewayAppLabel(gateway),
        KubeOvn.Labels.GATEWAY_POD, "true");
    List<Pod> pods = ctx.pods.withLabels(selector);
    if (ctx.on(Switch.ACTIVE_GATEWAY_PODS)) {
      List<Pod> active = pods.stream().filter(p -> isRunning(p) && !ControllerContext.terminating(p)).toList();
      if (active.isEmpty()) {
        ctx.sleep(NOT_ACTIVE_SLEEP);
        throw new RetryableError("no active pod now for nat gw " + gateway);
      }
      return active.get(0);
    }
    if (pods.isEmpty()) {
      throw new NotFoundError("pod \"" + gateway + "\" not found");
    }
    if (pods.size() > 1) {
      ctx.sleep(NOT_ACTIVE_SLEEP);
      throw new RetryableError("too many pod");
    }
    if (!isRunning(pods.get(0))) {
      ctx.sleep(NOT_ACTIVE_SLEEP);
      throw new RetryableError("pod is not active now");
    }
    return pods.get(0);
  }

  static boolean isRunning(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
  }

  /** Runs {@code nat-gateway.sh <op> <rules>}; a non-zero exit or any stderr is an error. */
  void execRules(Pod pod, String operation, List<String> rules) throws RetryableError, InterruptedException {
    List<String> command = new ArrayList<>();
    if (ctx.on(Switch.EXEC_ARGV)) {
      command.add("bash");
      command.add("/kube-ovn/nat-gateway.sh");
      command.add(operation);
      command.addAll(rules);
    } else {
      command.add("/bin/bash");
      command.add("-c");
      command.add(("bash /kube-ovn/nat-gateway.sh " + operation + " " + String.join(" ", rules)).strip());
    }
    String podName = pod.getMetadata().getName();
    String lockKey = "nat-gw-exec:" + pod.getMetadata().getNamespace() + "/" + podName;
    boolean lock = ctx.on(Switch.EXEC_LOCK_PER_POD);
    if (lock) {
      ctx.execMutex.lock(lockKey);
    }
    try {
      ExecResult result = exec(pod, command);
      if (result.exitCode() != 0) {
        throw new RetryableError("failed to exec " + operation + " " + rules + " in " + podName
            + ": command terminated with exit code " + result.exitCode() + ": " + result.stderr().strip());
      }
      if (!result.stderr().isBlank()) {
        throw new RetryableError("failed to exec " + operation + " " + rules + " in " + podName + ": "
            + result.stderr().strip());
      }
    } finally {
      if (lock) {
        ctx.execMutex.unlock(lockKey);
      }
    }
  }

  /** {@code get-iptables-version}, not under the exec lock; "1.0.0" when it fails (gw.go:491-522@v1.13.4). */
  String iptablesVersion(Pod pod) throws InterruptedException {
    List<String> command = ctx.on(Switch.EXEC_ARGV)
        ? List.of("bash", "/kube-ovn/nat-gateway.sh", "get-iptables-version")
        : List.of("/bin/bash", "-c", "bash /kube-ovn/nat-gateway.sh get-iptables-version");
    try {
      ExecResult result = exec(pod, command);
      if (result.exitCode() != 0) {
        return "1.0.0";
      }
      if (!result.stderr().isBlank()) {
        return "";
      }
      Matcher m = VERSION.matcher(result.stdout());
      return m.find() ? m.group(1) : "";
    } catch (RetryableError e) {
      return "1.0.0";
    }
  }

  private ExecResult exec(Pod pod, List<String> command) throws RetryableError, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    try {
      return ctx.config.executor().exec(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
          KubeOvn.GATEWAY_CONTAINER, command, EXEC_TIMEOUT);
    } catch (PodExecException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException();
      }
      throw new RetryableError(e.getMessage(), e);
    }
  }

  /** {@code util.CompareVersion(version, "1.6.2") >= 1}: newer than 1.6.2 supports --random-fully. */
  static boolean supportsRandomFully(String version) {
    if (version == null || version.isEmpty()) {
      return false;
    }
    String[] parts = version.split("\\.");
    int[] target = {1, 6, 2};
    for (int i = 0; i < Math.max(parts.length, 3); i++) {
      int a = i < parts.length ? Integer.parseInt(parts[i]) : 0;
      int b = i < 3 ? target[i] : 0;
      if (a != b) {
        return a > b;
      }
    }
    return false;
  }
}

package io.natgwchaos.twin.gateway;

import io.natgwchaos.gateway.ExecResult;
import io.natgwchaos.twin.TimeScale;
import io.natgwchaos.twin.profile.Profiles;
import io.natgwchaos.twin.profile.VersionProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One gateway pod of the twin with its script, run without step costs unless asked. */
final class ScriptFixture {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneOffset.UTC);
  static final String DATE = "Thu Nov 26 06:00:00 2026";
  static final String POD_IP = "172.19.0.5";

  final GatewayPods pods = new GatewayPods(CLOCK);
  final GatewayPod pod;
  final NatGatewayScript script;
  final GatewayExecHandler handler;

  ScriptFixture(String profile) {
    this(Profiles.named(profile), IptablesBackend.LEGACY, StepCosts.free(), TimeScale.defaultScale());
  }

  ScriptFixture(String profile, IptablesBackend backend) {
    this(Profiles.named(profile), backend, StepCosts.free(), TimeScale.defaultScale());
  }

  ScriptFixture(VersionProfile profile, IptablesBackend backend, StepCosts costs, TimeScale scale) {
    pod = pods.start("kube-system", "vpc-nat-gw-gw1-0", "uid-1", backend, InterfaceAddress.parse(POD_IP + "/16", true),
        Map.of());
    script = new NatGatewayScript(profile, scale, costs, pods);
    handler = new GatewayExecHandler(script, scale, costs);
  }

  /** {@code nat-gateway.sh <op> <rules>} as the pre-master controller invokes it. */
  ExecResult run(String op, String... rules) {
    String line = "bash /kube-ovn/nat-gateway.sh " + op + (rules.length == 0 ? "" : " " + String.join(" ", rules));
    return exec("/bin/bash", "-c", line);
  }

  ExecResult exec(String... command) {
    try {
      return handler.exec(pod, "vpc-nat-gw", List.of(command));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** What the script's backend holds in the nat table, as its save prints it. */
  String natSave() {
    return pod.netns().save(pod.backend() == IptablesBackend.LEGACY, Optional.of("nat")).stdout();
  }

  List<String> rules(String chain) {
    return pod.netns().rules("nat", chain);
  }

  /** The saved nat table between the header and footer: the lines a fixture compares. */
  static String body(String save) {
    StringBuilder body = new StringBuilder();
    for (String line : save.split("\n")) {
      if (!line.startsWith("#")) {
        body.append(line).append('\n');
      }
    }
    return body.toString();
  }

  /** A real command output recorded for chaos-core's parser tests (tests run in the module directory). */
  static String coreFixture(String name) {
    try {
      return Files.readString(Path.of("..", "chaos-core", "src", "test", "resources", "gateway", name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A twin of §4.4 of the fact sheet: 2 EIPs, a FIP, a SNAT and two DNATs, as the controller programs them. */
  void programExample() {
    require(run("init"));
    require(run("eip-add", "172.19.0.6/16"));
    require(run("eip-add", "172.19.0.7/16"));
    require(run("floating-ip-add", "172.19.0.6,10.0.1.2"));
    require(run("snat-add", "172.19.0.7,10.0.1.0/24,--random-fully"));
    require(run("dnat-add", "172.19.0.7,8888,tcp,10.0.1.3,80"));
    require(run("dnat-add", "172.19.0.7,5353,udp,10.0.1.4,53"));
  }

  static ExecResult require(ExecResult result) {
    if (result.exitCode() != 0 || !result.stderr().isEmpty()) {
      throw new AssertionError("expected success without stderr, got " + result);
    }
    return result;
  }
}

package io.natgwchaos.twin.gateway;

import io.natgwchaos.gateway.ExecResult;
import io.natgwchaos.kubeovn.KubeOvn;
import io.natgwchaos.twin.TimeScale;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an exec into container {@code vpc-nat-gw} of a gateway pod runs: {@code nat-gateway.sh} (as the
 * controller calls it, {@code /bin/bash -c "bash /kube-ovn/nat-gateway.sh <op> <rules>"} before master and
 * argv {@code bash /kube-ovn/nat-gateway.sh <op> <rules>} on master), and the single commands a probe runs:
 * {@code iptables[-legacy] ...}, {@code iptables[-legacy]-save [-t table]}, {@code ip ...}. Anything else
 * exits 127, command not found. A command whose sandbox is torn down while it runs exits 137.
 */
public final class GatewayExecHandler {
  private static final Set<String> SHELLS = Set.of("bash", "/bin/bash", "sh", "/bin/sh");
  private static final String SHELL_SYNTAX = ";|&<>$`(){}[]*?!\\\"'";

  private final NatGatewayScript script;
  private final StepCosts costs;
  private final Pause pause;

  public GatewayExecHandler(NatGatewayScript script, TimeScale scale, StepCosts costs) {
    this.script = script;
    this.costs = costs;
    this.pause = new Pause(scale);
  }

  public ExecResult exec(GatewayPod pod, String container, List<String> command) throws InterruptedException {
    if (command.isEmpty()) {
      return new ExecResult(1, "", "you must specify at least one command for the container\n");
    }
    String program = command.get(0);
    if (!container.equals(KubeOvn.GATEWAY_CONTAINER)) {
      return notFound(program, false);
    }
    try {
      if (SHELLS.contains(program) && command.size() == 3 && command.get(1).equals("-c")) {
        return shellLine(pod, command.get(2));
      }
      return run(pod, command, false);
    } catch (SandboxGoneException killed) {
      return new ExecResult(137, "", "");
    }
  }

  /** {@code bash -c "<line>"}: a simple command line, word-split as bash does. */
  private ExecResult shellLine(GatewayPod pod, String line) throws InterruptedException {
    List<String> words = NatGatewayScript.words(line);
    if (words.isEmpty()) {
      return new ExecResult(0, "", "");
    }
    for (char c : line.toCharArray()) {
      if (SHELL_SYNTAX.indexOf(c) >= 0) {
        return new ExecResult(127, "", "bash: line 1: the twin runs only simple commands, not: " + line + "\n");
      }
    }
    return run(pod, words, true);
  }

  private ExecResult run(GatewayPod pod, List<String> command, boolean inShell) throws InterruptedException {
    String program = command.get(0);
    List<String> args = command.subList(1, command.size());
    if (SHELLS.contains(program) && !args.isEmpty() && args.get(0).equals(NatGatewayScript.PATH)) {
      return script.run(pod, args.subList(1, args.size()));
    }
    if (program.equals(NatGatewayScript.PATH)) {
      return script.run(pod, args);
    }
    GatewayNetns netns = pod.netns();
    return switch (basename(program)) {
      case "iptables" -> {
        pause.of(costs.iptables());
        yield netns.iptables(false, args);
      }
      case "iptables-legacy" -> {
        pause.of(costs.iptables());
        yield netns.iptables(true, args);
      }
      case "iptables-save", "iptables-nft-save" -> save(netns, false, args);
      case "iptables-legacy-save" -> save(netns, true, args);
      case "ip" -> {
        pause.of(costs.ip());
        yield netns.ip(args);
      }
      default -> notFound(program, inShell);
    };
  }

  private ExecResult save(GatewayNetns netns, boolean legacy, List<String> args) throws InterruptedException {
    Optional<String> table = Optional.empty();
    for (int i = 0; i < args.size(); i++) {
      if ((args.get(i).equals("-t") || args.get(i).equals("--table")) && i + 1 < args.size()) {
        table = Optional.of(args.get(++i));
      }
    }
    ExecResult dump = netns.save(legacy, table);
    pause.of(costs.iptablesSave());
    return dump;
  }

  private static String basename(String program) {
    return program.substring(program.lastIndexOf('/') + 1);
  }

  private static ExecResult notFound(String program, boolean inShell) {
    return new ExecResult(127, "", (inShell ? "bash: line 1: " : "") + program + ": command not found\n");
  }
}

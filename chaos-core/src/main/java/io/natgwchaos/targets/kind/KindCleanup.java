package io.natgwchaos.targets.kind;

import io.natgwchaos.targets.process.CommandException;
import io.natgwchaos.targets.process.CommandNotFoundException;
import io.natgwchaos.targets.process.ProcessRequest;
import io.natgwchaos.targets.process.ProcessResult;
import io.natgwchaos.targets.process.ProcessRunner;
import io.natgwchaos.targets.process.SystemProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Removes every kind cluster (name prefix {@value KindSettings#NAME_PREFIX}) and docker network (label
 * {@value KindSettings#MANAGED_LABEL}=true) this framework created, on this machine: for CI's always()
 * step and for developers after kept or crashed runs. {@code --dry-run} lists without removing.
 */
public final class KindCleanup {
  static final String DRY_RUN_PROPERTY = "chaos.cleanup.dryRun";
  private static final Duration LIST = Duration.ofSeconds(30);
  private static final Duration DELETE = Duration.ofMinutes(3);

  private final ProcessRunner runner;
  private final Consumer<String> out;
  private final List<String> problems = new ArrayList<>();
  private boolean skipped;

  private KindCleanup(ProcessRunner runner, Consumer<String> out) {
    this.runner = runner;
    this.out = out;
  }

  /** What was (or, in a dry run, would be) removed, and what could not be. */
  public record Report(List<String> clusters, List<String> networks, List<String> problems) {}

  public static void main(String[] args) {
    boolean dryRun = Arrays.asList(args).contains("--dry-run") || Boolean.getBoolean(DRY_RUN_PROPERTY);
    Path scratch = Path.of(System.getProperty("java.io.tmpdir"), "natgw-chaos-cleanup.kubeconfig");
    Report report = run(new SystemProcessRunner(), dryRun, scratch, System.out::println);
    if (!report.problems().isEmpty()) {
      throw new IllegalStateException("natgw-chaos cleanup could not remove everything:\n  "
          + String.join("\n  ", report.problems()));
    }
  }

  /**
   * @param scratchKubeconfig passed to {@code kind delete} so it edits no real kubeconfig
   */
  public static Report run(ProcessRunner runner, boolean dryRun, Path scratchKubeconfig, Consumer<String> out) {
    return new KindCleanup(runner, out).clean(dryRun, scratchKubeconfig);
  }

  private Report clean(boolean dryRun, Path scratchKubeconfig) {
    String verb = dryRun ? "would remove" : "removing";
    List<String> clusters = list("kind", ProcessRequest.of("kind", "get", "clusters").purpose("list kind clusters"))
        .stream().filter(name -> name.startsWith(KindSettings.NAME_PREFIX)).toList();
    for (String cluster : clusters) {
      out.accept(verb + " kind cluster " + cluster);
      if (!dryRun) {
        remove(ProcessRequest.of("kind", "delete", "cluster", "--name", cluster, "--kubeconfig",
            scratchKubeconfig.toString()).purpose("delete kind cluster " + cluster).timeout(DELETE));
      }
    }

    List<String> networks = list("docker", ProcessRequest.of("docker", "network", "ls", "--filter",
        "label=" + KindSettings.MANAGED_LABEL + "=true", "--format", "{{.Name}}")
        .purpose("list docker networks labelled " + KindSettings.MANAGED_LABEL));
    for (String network : networks) {
      List<String> attached = list("docker", ProcessRequest.of("docker", "network", "inspect", "--format",
          "{{range $id, $c := .Containers}}{{$c.Name}}{{\"\\n\"}}{{end}}", network).purpose("list containers on " + network));
      out.accept(verb + " docker network " + network
          + (attached.isEmpty() ? "" : " (disconnecting " + String.join(", ", attached) + ")"));
      if (!dryRun) {
        for (String container : attached) {
          remove(ProcessRequest.of("docker", "network", "disconnect", "-f", network, container)
              .purpose("disconnect " + container + " from " + network).timeout(LIST));
        }
        remove(ProcessRequest.of("docker", "network", "rm", network).purpose("remove docker network " + network)
            .timeout(LIST));
      }
    }
    if (clusters.isEmpty() && networks.isEmpty()) {
      out.accept(skipped ? "nothing removed" : "nothing to remove: no kind cluster named " + KindSettings.NAME_PREFIX
          + "* and no docker network labelled " + KindSettings.MANAGED_LABEL + "=true");
    }
    return new Report(clusters, networks, List.copyOf(problems));
  }

  private List<String> list(String tool, ProcessRequest request) {
    try {
      ProcessResult result = runner.run(request.timeout(LIST));
      if (!result.succeeded() && result.stderr().contains("Cannot connect to the Docker daemon")) {
        // nothing can be removed while the daemon is down, and nothing of ours runs either
        out.accept("the Docker daemon is not reachable: skipping " + request.purpose());
        skipped = true;
        return List.of();
      }
      if (!result.succeeded()) {
        problems.add(request.purpose() + ": exit " + result.exitCode() + ": " + result.stderr().strip());
        return List.of();
      }
      return result.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    } catch (CommandNotFoundException e) {
      out.accept(tool + " is not on PATH: skipping " + request.purpose());
      skipped = true;
    } catch (CommandException e) {
      problems.add(e.getMessage());
    }
    return List.of();
  }

  private void remove(ProcessRequest request) {
    try {
      ProcessResult result = runner.run(request);
      if (!result.succeeded()) {
        problems.add(request.purpose() + ": exit " + result.exitCode() + ": " + result.stderr().strip());
      }
    } catch (CommandException e) {
      problems.add(e.getMessage());
    }
  }
}

package io.natgwchaos.target.kind;

import io.natgwchaos.target.process.CommandException;
import io.natgwchaos.target.process.CommandNotFoundException;
import io.natgwchaos.target.process.ProcessRequest;
import io.natgwchaos.target.process.ProcessResult;
import io.natgwchaos.target.process.ProcessRunner;
import io.natgwchaos.target.process.SystemProcessRunner;
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

  private KindCleanup() {}

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
    String verb = dryRun ? "would remove" : "removing";
    List<String> clusters = new ArrayList<>();
    List<String> networks = new ArrayList<>();
    List<String> problems = new ArrayList<>();

    list(runner, out, problems, "kind", ProcessRequest.of("kind", "get", "clusters").purpose("list kind clusters"))
        .stream().filter(name -> name.startsWith(KindSettings.NAME_PREFIX)).forEach(clusters::add);
    for (String cluster : clusters) {
      out.accept(verb + " kind cluster " + cluster);
      if (!dryRun) {
        remove(runner, problems, ProcessRequest.of("kind", "delete", "cluster", "--name", cluster, "--kubeconfig",
            scratchKubeconfig.toString()).purpose("delete kind cluster " + cluster).timeout(DELETE));
      }
    }

    networks.addAll(list(runner, out, problems, "docker", ProcessRequest.of("docker", "network", "ls", "--filter",
        "label=" + KindSettings.MANAGED_LABEL + "=true", "--format", "{{.Name}}")
        .purpose("list docker networks labelled " + KindSettings.MANAGED_LABEL)));
    for (String network : networks) {
      List<String> attached = list(runner, out, problems, "docker", ProcessRequest.of("docker", "network", "inspect",
          "--format", "{{range $id, $c := .Containers}}{{$c.Name}}{{\"\\n\"}}{{end}}", network)
          .purpose("list containers on " + network));
      out.accept(verb + " docker network " + network
          + (attached.isEmpty() ? "" : " (disconnecting " + String.join(", ", attached) + ")"));
      if (!dryRun) {
        for (String container : attached) {
          remove(runner, problems, ProcessRequest.of("docker", "network", "disconnect", "-f", network, container)
              .purpose("disconnect " + container + " from " + network).timeout(LIST));
        }
        remove(runner, problems, ProcessRequest.of("docker", "network", "rm", network)
            .purpose("remove docker network " + network).timeout(LIST));
      }
    }
    if (clusters.isEmpty() && networks.isEmpty()) {
      out.accept("nothing to remove: no kind cluster named " + KindSettings.NAME_PREFIX + "* and no docker network"
          + " labelled " + KindSettings.MANAGED_LABEL + "=true");
    }
    return new Report(clusters, networks, problems);
  }

  private static List<String> list(ProcessRunner runner, Consumer<String> out, List<String> problems, String tool,
      ProcessRequest request) {
    try {
      ProcessResult result = runner.run(request.timeout(LIST));
      if (!result.succeeded()) {
        problems.add(request.purpose() + ": exit " + result.exitCode() + ": " + result.stderr().strip());
        return List.of();
      }
      return result.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    } catch (CommandNotFoundException e) {
      out.accept(tool + " is not on PATH: skipping " + request.purpose());
    } catch (CommandException e) {
      problems.add(e.getMessage());
    }
    return List.of();
  }

  private static void remove(ProcessRunner runner, List<String> problems, ProcessRequest request) {
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

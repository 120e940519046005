package io.natgwchaos.targets.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.targets.process.RecordingProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KindCleanupTest {
  static final Path SCRATCH = Path.of("/tmp/natgw-chaos-cleanup.kubeconfig");
  static final String INSPECT = "docker network inspect --format '{{range $id, $c := .Containers}}{{$c.Name}}{{\"\\n\"}}{{end}}' ";

  static RecordingProcessRunner leftovers() {
    return new RecordingProcessRunner()
        .on("kind", "get", "clusters").reply("kind\nnatgw-chaos-20261126-0553-a1b2\nnatgw-chaos-reuse-v1-13-4\nmy-dev\n")
        .on("docker", "network", "ls").reply("natgw-chaos-20261126-0553-a1b2-ext\nnatgw-chaos-reuse-v1-13-4-ext\n")
        .on("docker", "network", "inspect", "--format", "{{range $id, $c := .Containers}}{{$c.Name}}{{\"\\n\"}}{{end}}",
            "natgw-chaos-reuse-v1-13-4-ext").reply("probe\n");
  }

  @Test
  void removesOnlyClustersWithThePrefixAndNetworksWithTheLabel() {
    RecordingProcessRunner runner = leftovers();
    List<String> out = new ArrayList<>();

    KindCleanup.Report report = KindCleanup.run(runner, false, SCRATCH, out::add);

    assertThat(runner.commandLines()).containsExactly(
        "kind get clusters",
        "kind delete cluster --name natgw-chaos-20261126-0553-a1b2 --kubeconfig /tmp/natgw-chaos-cleanup.kubeconfig",
        "kind delete cluster --name natgw-chaos-reuse-v1-13-4 --kubeconfig /tmp/natgw-chaos-cleanup.kubeconfig",
        "docker network ls --filter label=io.natgwchaos.managed=true --format '{{.Name}}'",
        INSPECT + "natgw-chaos-20261126-0553-a1b2-ext",
        "docker network rm natgw-chaos-20261126-0553-a1b2-ext",
        INSPECT + "natgw-chaos-reuse-v1-13-4-ext",
        "docker network disconnect -f natgw-chaos-reuse-v1-13-4-ext probe",
        "docker network rm natgw-chaos-reuse-v1-13-4-ext");
    assertThat(report.clusters()).containsExactly("natgw-chaos-20261126-0553-a1b2", "natgw-chaos-reuse-v1-13-4");
    assertThat(report.problems()).isEmpty();
    assertThat(out).containsExactly("removing kind cluster natgw-chaos-20261126-0553-a1b2",
        "removing kind cluster natgw-chaos-reuse-v1-13-4",
        "removing docker network natgw-chaos-20261126-0553-a1b2-ext",
        "removing docker network natgw-chaos-reuse-v1-13-4-ext (disconnecting probe)");
  }

  @Test
  void aDryRunOnlyLists() {
    RecordingProcessRunner runner = leftovers();
    List<String> out = new ArrayList<>();

    KindCleanup.run(runner, true, SCRATCH, out::add);

    assertThat(runner.commandLines()).allSatisfy(c -> assertThat(c).matches("kind get clusters|docker network (ls|inspect) .*"));
    assertThat(out).containsExactly("would remove kind cluster natgw-chaos-20261126-0553-a1b2",
        "would remove kind cluster natgw-chaos-reuse-v1-13-4",
        "would remove docker network natgw-chaos-20261126-0553-a1b2-ext",
        "would remove docker network natgw-chaos-reuse-v1-13-4-ext (disconnecting probe)");
  }

  @Test
  void aStoppedDaemonIsReportedAndSkipped() {
    String down = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?";
    RecordingProcessRunner runner = new RecordingProcessRunner().on("kind").fail(1,
        "ERROR: failed to list clusters: command \"docker ps -a\" failed with error: exit status 1\n" + down)
        .on("docker").fail(1, down);
    List<String> out = new ArrayList<>();

    KindCleanup.Report report = KindCleanup.run(runner, false, SCRATCH, out::add);

    assertThat(report.problems()).isEmpty();
    assertThat(out).containsExactly("the Docker daemon is not reachable: skipping list kind clusters",
        "the Docker daemon is not reachable: skipping list docker networks labelled io.natgwchaos.managed",
        "nothing removed");
  }

  @Test
  void missingToolsAreNotProblemsButFailedRemovalsAre() {
    RecordingProcessRunner runner = new RecordingProcessRunner().on("kind").notFound()
        .on("docker", "network", "ls").reply("natgw-chaos-x-ext\n")
        .on("docker", "network", "rm").fail(1, "Error response from daemon: error while removing network: has active endpoints");
    List<String> out = new ArrayList<>();

    KindCleanup.Report report = KindCleanup.run(runner, false, SCRATCH, out::add);

    assertThat(out).startsWith("kind is not on PATH: skipping list kind clusters");
    assertThat(report.problems()).containsExactly("remove docker network natgw-chaos-x-ext: exit 1: Error response"
        + " from daemon: error while removing network: has active endpoints");
  }
}

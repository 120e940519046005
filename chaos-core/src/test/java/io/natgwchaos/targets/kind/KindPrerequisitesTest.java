package io.natgwchaos.targets.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natgwchaos.targets.TargetUnavailableException;
import io.natgwchaos.targets.process.RecordingProcessRunner;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KindPrerequisitesTest {
  static final String KUBECTL_JSON = "{\"clientVersion\":{\"major\":\"1\",\"minor\":\"33+\",\"gitVersion\":\"v1.33.2\","
      + "\"platform\":\"linux/amd64\"},\"kustomizeVersion\":\"v5.6.0\"}";

  static RecordingProcessRunner allPresent() {
    return new RecordingProcessRunner()
        .on("docker", "version").reply("28.0.4\n")
        .on("kind", "version").reply("kind v0.29.0 go1.24.2 linux/amd64\n")
        .on("kubectl", "version").reply(KUBECTL_JSON)
        .on("helm", "version").reply("v3.16.4");
  }

  @Test
  void readsEveryVersionAndChecksHelmOnlyForTheHelmMethod() {
    RecordingProcessRunner runner = allPresent();
    ToolVersions tools = KindPrerequisites.check(runner, KindClusterConfigTest.settings("v1.13.4"));

    assertThat(tools).isEqualTo(new ToolVersions("28.0.4", "0.29.0", "1.33.2", Optional.empty(), List.of()));
    assertThat(runner.commandLines()).containsExactly("docker version --format '{{.Server.Version}}'", "kind version",
        "kubectl version --client -o json");
    assertThat(runner.requests()).allSatisfy(r -> assertThat(r.timeout()).hasSeconds(10));

    ToolVersions withHelm = KindPrerequisites.check(allPresent(),
        KindClusterConfigTest.settings("v1.14.41", KindSettings.INSTALL_METHOD, "helm"));
    assertThat(withHelm.helm()).contains("3.16.4");
  }

  @Test
  void noDockerCliSaysDockerIsRequiredAndHowToGetIt() {
    RecordingProcessRunner runner = allPresent().instead("docker", "version").notFound();

    assertThatThrownBy(() -> KindPrerequisites.check(runner, KindClusterConfigTest.settings("v1.13.4")))
        .isInstanceOf(TargetUnavailableException.class)
        .hasMessage("Docker is required for -Dchaos.target=kind: the docker CLI is not on PATH. Install Docker Engine"
            + " (https://docs.docker.com/engine/install/) or Docker Desktop, then check `docker version`.");
  }

  @Test
  void aStoppedDaemonIsNamedWithWhatDockerSaid() {
    RecordingProcessRunner runner = allPresent().instead("docker", "version").fail(1,
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n");

    assertThatThrownBy(() -> KindPrerequisites.check(runner, KindClusterConfigTest.settings("v1.13.4")))
        .hasMessage("Docker is required for -Dchaos.target=kind, but the Docker daemon is not reachable (`docker version`"
            + " said: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?)."
            + " Start Docker (e.g. `sudo systemctl start docker`, or Docker Desktop) and check that `docker version`"
            + " shows a Server section.");
  }

  @Test
  void aHungDaemonTimesOut() {
    RecordingProcessRunner runner = allPresent().instead("docker", "version").timeOut();

    assertThatThrownBy(() -> KindPrerequisites.check(runner, KindClusterConfigTest.settings("v1.13.4")))
        .hasMessage("Docker is required for -Dchaos.target=kind, but the Docker daemon did not answer within 10s"
            + " (`docker version`): is it starting or hung?");
  }

  @Test
  void missingKindKubectlAndHelmEachSayHowToGetThem() {
    RecordingProcessRunner runner = allPresent().instead("kind", "version").notFound()
        .instead("kubectl", "version").notFound().instead("helm", "version").notFound();

    assertThatThrownBy(() -> KindPrerequisites.check(runner,
        KindClusterConfigTest.settings("v1.14.41", KindSettings.INSTALL_METHOD, "helm")))
        .hasMessage(String.join("\n",
            "kind is required for -Dchaos.target=kind but is not on PATH: install kind v0.29.0 (what Kube-OVN's CI uses"
                + " for line 1.14): `go install sigs.k8s.io/kind@v0.29.0` or a release binary from"
                + " https://kind.sigs.k8s.io/docs/user/quick-start/#installation",
            "kubectl is required for -Dchaos.target=kind but is not on PATH: install kubectl:"
                + " https://kubernetes.io/docs/tasks/tools/ (helm/kind-action installs it in CI)",
            "helm is required for -Dchaos.target=kind but is not on PATH: install helm 3 or 4"
                + " (https://helm.sh/docs/intro/install/) or use the default chaos.kind.installMethod=script"));
  }

  @Test
  void everyMissingToolIsListedDockerFirst() {
    RecordingProcessRunner runner = new RecordingProcessRunner().on("docker").notFound().on("kind").notFound()
        .on("kubectl").notFound();

    assertThatThrownBy(() -> KindPrerequisites.check(runner, KindClusterConfigTest.settings("v1.13.4")))
        .hasMessageStartingWith("Docker is required for -Dchaos.target=kind: the docker CLI is not on PATH.")
        .hasMessageContaining("\nkind is required").hasMessageContaining("\nkubectl is required")
        .hasMessageNotContaining("helm is required");
  }

  @Test
  void masterNeedsANewEnoughKindAndOlderKindsOnlyWarn() {
    RecordingProcessRunner old = allPresent().instead("kind", "version").reply("kind v0.31.0 go1.25.5 linux/amd64");
    assertThatThrownBy(() -> KindPrerequisites.check(old, KindClusterConfigTest.settings("master")))
        .hasMessageStartingWith("kind v0.32.0 or newer is required for Kube-OVN master (node image kindest/node:v1.36.1),"
            + " found kind v0.31.0");

    RecordingProcessRunner older = allPresent().instead("kind", "version").reply("kind v0.27.0 go1.23.6 linux/amd64");
    ToolVersions tools = KindPrerequisites.check(older, KindClusterConfigTest.settings("v1.15.24"));
    assertThat(tools.warnings()).containsExactly("kind v0.27.0 is older than v0.31.0, the version Kube-OVN's CI uses"
        + " for line 1.15; node image kindest/node:v1.35.1 may not start");
  }
}

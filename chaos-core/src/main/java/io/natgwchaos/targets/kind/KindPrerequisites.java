package io.natgwchaos.targets.kind;

import io.natgwchaos.targets.TargetUnavailableException;
import io.natgwchaos.targets.process.CommandNotFoundException;
import io.natgwchaos.targets.process.CommandTimeoutException;
import io.natgwchaos.targets.process.Durations;
import io.natgwchaos.targets.process.ProcessRequest;
import io.natgwchaos.targets.process.ProcessResult;
import io.natgwchaos.targets.process.ProcessRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks, within seconds, that this machine can run the kind target: a reachable Docker daemon, kind,
 * kubectl and (for the helm install method) helm, with their versions. Every problem is collected, so
 * one message says everything that is missing and how to get it.
 */
public final class KindPrerequisites {
  static final List<String> DOCKER_VERSION = List.of("docker", "version", "--format", "{{.Server.Version}}");
  static final List<String> KIND_VERSION = List.of("kind", "version");
  static final List<String> KUBECTL_VERSION = List.of("kubectl", "version", "--client", "-o", "json");
  static final List<String> HELM_VERSION = List.of("helm", "version", "--template", "{{.Version}}");

  private static final Pattern KIND = Pattern.compile("^kind v?(\\d+\\.\\d+\\.\\d+)");
  private static final Pattern SEMVER = Pattern.compile("v?(\\d+\\.\\d+\\.\\d+)");

  private KindPrerequisites() {}

  /**
   * @throws TargetUnavailableException listing every missing or unusable tool, Docker first
   */
  public static ToolVersions check(ProcessRunner runner, KindSettings settings) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    KubeOvnInstallProfile profile = settings.profile();
    String kindHint = "install kind " + profile.kindVersion() + " (what Kube-OVN's CI uses for line "
        + profile.line() + "): `go install sigs.k8s.io/kind@" + profile.kindVersion()
        + "` or a release binary from https://kind.sigs.k8s.io/docs/user/quick-start/#installation";

    String docker = docker(runner, settings, problems);
    String kind = probe(runner, settings, KIND_VERSION, "kind", problems, kindHint)
        .map(out -> parse(KIND, out, "kind", problems)).orElse(null);
    if (kind != null) {
      Optional<String> minimum = profile.minimumKindVersion();
      if (minimum.isPresent() && ToolVersions.compare(kind, minimum.get()) < 0) {
        problems.add("kind " + minimum.get() + " or newer is required for Kube-OVN " + profile.version()
            + " (node image " + profile.kindNodeImage() + "), found kind v" + kind + ": " + kindHint);
      } else if (ToolVersions.compare(kind, profile.kindVersion()) < 0) {
        warnings.add("kind v" + kind + " is older than " + profile.kindVersion()
            + ", the version Kube-OVN's CI uses for line " + profile.line() + "; node image "
            + profile.kindNodeImage() + " may not start");
      }
    }
    String kubectl = probe(runner, settings, KUBECTL_VERSION, "kubectl", problems,
        "install kubectl: https://kubernetes.io/docs/tasks/tools/ (helm/kind-action installs it in CI)")
        .map(out -> kubectlVersion(out, problems)).orElse(null);
    Optional<String> helm = Optional.empty();
    if (settings.installMethod() == InstallMethod.HELM) {
      helm = probe(runner, settings, HELM_VERSION, "helm", problems,
          "install helm 3 or 4 (https://helm.sh/docs/intro/install/) or use the default "
              + KindSettings.INSTALL_METHOD + "=script")
          .map(out -> parse(SEMVER, out, "helm", problems));
    }
    if (!problems.isEmpty()) {
      throw new TargetUnavailableException(String.join("\n", problems));
    }
    return new ToolVersions(docker, kind, kubectl, helm, warnings);
  }

  private static String docker(ProcessRunner runner, KindSettings settings, List<String> problems) {
    String required = "Docker is required for -Dchaos.target=kind";
    ProcessRequest request = ProcessRequest.of(DOCKER_VERSION).purpose("ask the Docker daemon for its version")
        .timeout(settings.timeouts().toolCheck());
    try {
      ProcessResult result = runner.run(request);
      if (!result.succeeded()) {
        String said = firstLine(result.stderr().isBlank() ? result.stdout() : result.stderr());
        problems.add(required + ", but the Docker daemon is not reachable (`docker version` said: " + said
            + "). Start Docker (e.g. `sudo systemctl start docker`, or Docker Desktop) and check that"
            + " `docker version` shows a Server section.");
        return null;
      }
      String version = result.stdout().strip();
      if (version.isEmpty()) {
        problems.add(required + ", but `docker version` printed no server version: is DOCKER_HOST pointing"
            + " at a running daemon?");
        return null;
      }
      return version;
    } catch (CommandNotFoundException e) {
      problems.add(required + ": the docker CLI is not on PATH. Install Docker Engine"
          + " (https://docs.docker.com/engine/install/) or Docker Desktop, then check `docker version`.");
    } catch (CommandTimeoutException e) {
      problems.add(required + ", but the Docker daemon did not answer within "
          + Durations.text(settings.timeouts().toolCheck()) + " (`docker version`): is it starting or hung?");
    }
    return null;
  }

  private static Optional<String> probe(ProcessRunner runner, KindSettings settings, List<String> command,
      String tool, List<String> problems, String hint) {
    ProcessRequest request = ProcessRequest.of(command).purpose("check the " + tool + " version")
        .timeout(settings.timeouts().toolCheck());
    try {
      ProcessResult result = runner.run(request);
      if (!result.succeeded()) {
        problems.add(tool + " is required for -Dchaos.target=kind, but `" + request.commandLine() + "` failed: "
            + firstLine(result.stderr()) + "; " + hint);
        return Optional.empty();
      }
      return Optional.of(result.stdout());
    } catch (CommandNotFoundException e) {
      problems.add(tool + " is required for -Dchaos.target=kind but is not on PATH: " + hint);
    } catch (CommandTimeoutException e) {
      problems.add(tool + " did not answer `" + request.commandLine() + "` within "
          + Durations.text(settings.timeouts().toolCheck()));
    }
    return Optional.empty();
  }

  private static String parse(Pattern pattern, String output, String tool, List<String> problems) {
    Matcher matcher = pattern.matcher(output.strip());
    if (!matcher.find()) {
      problems.add("cannot read the " + tool + " version from: " + firstLine(output));
      return null;
    }
    return matcher.group(1);
  }

  private static String kubectlVersion(String json, List<String> problems) {
    try {
      JsonNode node = JsonMapper.builder().build().readTree(json).path("clientVersion").path("gitVersion");
      if (node.isString()) {
        return node.asString().replaceFirst("^v", "");
      }
    } catch (JacksonException e) {
      // reported below
    }
    problems.add("cannot read the kubectl version from: " + firstLine(json));
    return null;
  }

  private static String firstLine(String text) {
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    return stripped.isEmpty() ? "(no output)" : newline < 0 ? stripped : stripped.substring(0, newline);
  }
}

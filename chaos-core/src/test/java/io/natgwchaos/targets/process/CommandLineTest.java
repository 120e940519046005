package io.natgwchaos.targets.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  @Test
  void quotesOnlyWhatAShellWouldMangle() {
    assertThat(CommandLine.render(List.of("docker", "version", "--format", "{{.Server.Version}}")))
        .isEqualTo("docker version --format '{{.Server.Version}}'");
    assertThat(CommandLine.render(List.of("kubectl", "--kubeconfig", "/ws/kubeconfig", "taint", "node", "n1",
            "node-role.kubernetes.io/control-plane:NoSchedule-")))
        .isEqualTo("kubectl --kubeconfig /ws/kubeconfig taint node n1 node-role.kubernetes.io/control-plane:NoSchedule-");
    assertThat(CommandLine.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(CommandLine.quote("")).isEqualTo("''");
  }

  @Test
  void shellFormShowsDirectoryEnvironmentAndPathPrefix() {
    ProcessRequest request = ProcessRequest.of("bash", "install.sh").in(Path.of("/ws/kube-ovn"))
        .env("KUBECONFIG", "/ws/kubeconfig").env("ENABLE_NAT_GW", "true").prependPath(Path.of("/ws/bin"))
        .timeout(Duration.ofMinutes(25));

    assertThat(request.shellForm()).isEqualTo(
        "(cd /ws/kube-ovn && ENABLE_NAT_GW=true KUBECONFIG=/ws/kubeconfig PATH=/ws/bin:$PATH bash install.sh)");
  }

  @Test
  void durationsReadLikeHumansWriteThem() {
    assertThat(Durations.text(Duration.ofMillis(700))).isEqualTo("700ms");
    assertThat(Durations.text(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.text(Duration.ofMinutes(25))).isEqualTo("25m");
    assertThat(Durations.text(Duration.ofMillis(1500))).isEqualTo("1.5s");
  }
}

package io.natgwchaos.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesPodExecutorTest {
  private static final List<String> COMMAND = List.of("iptables-legacy", "-t", "nat", "-S", "INPUT", "1");
  private static final String PATH = "/api/v1/namespaces/kube-system/pods/vpc-nat-gw-gw1-0/exec?command=iptables-legacy"
      + "&command=-t&command=nat&command=-S&command=INPUT&command=1&container=vpc-nat-gw&stdout=true&stderr=true";

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void createPod() {
    client.pods().inNamespace("kube-system").resource(new PodBuilder()
        .withNewMetadata().withName("vpc-nat-gw-gw1-0").withNamespace("kube-system").endMetadata()
        .withNewSpec().addNewContainer().withName("vpc-nat-gw").withImage("x").endContainer().endSpec()
        .build()).create();
  }

  private ExecResult exec() {
    return new KubernetesPodExecutor(client).exec("kube-system", "vpc-nat-gw-gw1-0", "vpc-nat-gw", COMMAND,
        Duration.ofSeconds(5));
  }

  @Test
  void stdoutStderrAndExitCodeAreReturned() {
    server.expect().get().withPath(PATH).andUpgradeToWebSocket()
        .open(new OutputStreamMessage("-P INPUT ACCEPT\n"), new ErrorStreamMessage("a warning\n"),
            new StatusStreamMessage(4))
        .done().always();

    assertThat(exec()).isEqualTo(new ExecResult(4, "-P INPUT ACCEPT\n", "a warning\n"));
  }

  @Test
  void failureStatusWithoutAnExitCodeIsReportedWithItsMessage() {
    // what a runtime answers when the binary is missing, instead of an exit code
    server.expect().get().withPath(PATH).andUpgradeToWebSocket()
        .open(new StatusMessage(new StatusBuilder().withStatus("Failure").withReason("InternalError")
            .withMessage("exec: \"iptables-legacy\": executable file not found in $PATH").build()))
        .done().always();

    PodExecException e = catchThrowableOfType(PodExecException.class, this::exec);

    assertThat(e).hasMessageContaining("iptables-legacy -t nat -S INPUT 1")
        .hasMessageContaining("executable file not found in $PATH")
        .hasMessageNotContaining("closed without");
  }

  @Test
  void missingPodIsAnExecFailure() {
    client.pods().inNamespace("kube-system").withName("vpc-nat-gw-gw1-0").delete();

    PodExecException e = catchThrowableOfType(PodExecException.class, this::exec);

    assertThat(e).hasMessageContaining("kube-system/vpc-nat-gw-gw1-0");
  }
}

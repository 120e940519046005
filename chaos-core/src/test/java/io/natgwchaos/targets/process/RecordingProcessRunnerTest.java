package io.natgwchaos.targets.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingProcessRunnerTest {
  @Test
  void longestPrefixWinsAndRepeatedScriptsAnswerInOrderThenRepeatTheLast() {
    RecordingProcessRunner runner = new RecordingProcessRunner()
        .on("kind").reply("generic")
        .on("kind", "get", "nodes").reply("first")
        .on("kind", "get", "nodes").reply("second");

    assertThat(runner.run(ProcessRequest.of("kind", "version")).stdout()).isEqualTo("generic");
    assertThat(runner.run(ProcessRequest.of("kind", "get", "nodes", "--name", "c")).stdout()).isEqualTo("first");
    assertThat(runner.run(ProcessRequest.of("kind", "get", "nodes", "--name", "c")).stdout()).isEqualTo("second");
    assertThat(runner.run(ProcessRequest.of("kind", "get", "nodes", "--name", "c")).stdout()).isEqualTo("second");
    assertThat(runner.run(ProcessRequest.of("docker", "ps")).succeeded()).isTrue();
    assertThat(runner.commandLines()).containsExactly("kind version", "kind get nodes --name c",
        "kind get nodes --name c", "kind get nodes --name c", "docker ps");
  }

  @Test
  void failuresAndMissingProgramsCanBeScripted() {
    RecordingProcessRunner runner = new RecordingProcessRunner()
        .on("kind", "create").fail(1, "ERROR: failed to create cluster: boom")
        .on("helm").notFound();

    assertThatThrownBy(() -> runner.runChecked(ProcessRequest.of("kind", "create", "cluster")))
        .isInstanceOf(CommandFailedException.class).hasMessageContaining("ERROR: failed to create cluster: boom");
    assertThatThrownBy(() -> runner.run(ProcessRequest.of("helm", "version")))
        .isInstanceOf(CommandNotFoundException.class);
  }

  @Test
  void planRunnerPrintsTheCommandAndAnswersFromTheScript() {
    List<String> printed = new ArrayList<>();
    PlanProcessRunner plan = new PlanProcessRunner(printed::add, new RecordingProcessRunner().on("kind").reply("x"));

    assertThat(plan.run(ProcessRequest.of("kind", "get", "clusters")).stdout()).isEqualTo("x");
    assertThat(printed).containsExactly("$ kind get clusters   # timeout 1m");
  }
}

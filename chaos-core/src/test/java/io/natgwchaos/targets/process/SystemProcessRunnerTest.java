package io.natgwchaos.targets.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemProcessRunnerTest {
  private final SystemProcessRunner runner = new SystemProcessRunner();

  @Test
  void capturesExitCodeOutputEnvironmentDirectoryAndStdin(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("marker.txt"), "here");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path tool = bin.resolve("chaos-test-tool");
    Files.writeString(tool, "#!/bin/sh\necho tool-ran\n");
    tool.toFile().setExecutable(true);

    ProcessResult result = runner.run(ProcessRequest.of("sh", "-c",
            "cat marker.txt; echo \" $GREETING\"; read line; echo \"in:$line\"; chaos-test-tool; echo oops >&2; exit 3")
        .in(dir).env("GREETING", "hello").prependPath(bin).stdin("typed\n"));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEqualTo("here hello\nin:typed\ntool-ran\n");
    assertThat(result.stderr()).isEqualTo("oops\n");
  }

  @Test
  void failedCommandMessageShowsCommandExitCodeAndTheTailOfStderrAndStdout() {
    ProcessRequest request = ProcessRequest.of("sh", "-c",
            "for i in $(seq 1 30); do echo err$i >&2; done; echo partial-out; exit 1")
        .purpose("create kind cluster natgw-chaos-r1");

    assertThatThrownBy(() -> runner.runChecked(request))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageStartingWith("create kind cluster natgw-chaos-r1 failed: exit code 1\n")
        .hasMessageContaining("  command: sh -c 'for i in $(seq 1 30);")
        .hasMessageContaining("... 10 earlier lines")
        .hasMessageContaining("    err11\n")
        .hasMessageContaining("    err30\n")
        .hasMessageNotContaining("err10\n")
        .hasMessageContaining("    partial-out");
  }

  @Test
  void timeoutKillsTheWholeProcessTreeAndSaysWhatWasAwaited() throws Exception {
    ProcessRequest request = ProcessRequest.of("sh", "-c", "sleep 60 & echo child=$!; wait")
        .purpose("rollout of deployment/kube-ovn-controller").timeout(Duration.ofMillis(700));
    long started = System.nanoTime();

    CommandTimeoutException timeout = null;
    try {
      runner.run(request);
    } catch (CommandTimeoutException e) {
      timeout = e;
    }

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(timeout).isNotNull();
    assertThat(timeout.getMessage())
        .startsWith("timed out after 700ms waiting for: rollout of deployment/kube-ovn-controller\n")
        .contains("(killed with its child processes)")
        .contains("child=");
    long child = Long.parseLong(timeout.getMessage().replaceAll("(?s).*child=(\\d+).*", "$1"));
    Optional<ProcessHandle> handle = ProcessHandle.of(child);
    if (handle.isPresent()) {
      handle.get().onExit().get(5, TimeUnit.SECONDS);
    }
    assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
  }

  @Test
  void aMissingProgramIsReportedAsNotOnPath() {
    assertThatThrownBy(() -> runner.run(ProcessRequest.of("natgw-chaos-no-such-tool", "version")
            .purpose("check the tool")))
        .isInstanceOf(CommandNotFoundException.class)
        .hasMessageStartingWith("cannot run 'natgw-chaos-no-such-tool' for: check the tool: it is not installed or not on PATH");
  }
}

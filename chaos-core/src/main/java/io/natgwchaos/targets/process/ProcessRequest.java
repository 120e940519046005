package io.natgwchaos.targets.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One external command: its arguments, where and with what environment it runs, how long it may take,
 * and what it is for (the purpose appears in timeout and failure messages).
 *
 * @param command program and arguments, never through a shell
 * @param purpose what the command achieves, e.g. "create kind cluster natgw-chaos-r1"
 * @param workingDirectory where it runs, or null for the JVM's working directory
 * @param environment variables set on top of the inherited environment
 * @param pathPrefix directories put in front of the inherited {@code PATH}
 * @param timeout how long before the process tree is killed
 * @param stdin text written to standard input, or null for none
 * @param streamOutput whether output lines are logged as they arrive (long installs)
 */
public record ProcessRequest(List<String> command, String purpose, Path workingDirectory,
    Map<String, String> environment, List<Path> pathPrefix, Duration timeout, String stdin,
    boolean streamOutput) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

  public ProcessRequest {
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command must not be empty");
    }
    Objects.requireNonNull(purpose, "purpose");
    environment = Map.copyOf(environment);
    pathPrefix = List.copyOf(pathPrefix);
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  public static ProcessRequest of(String... command) {
    return of(List.of(command));
  }

  public static ProcessRequest of(List<String> command) {
    return new ProcessRequest(command, CommandLine.render(command), null, Map.of(), List.of(),
        DEFAULT_TIMEOUT, null, false);
  }

  public ProcessRequest purpose(String text) {
    return new ProcessRequest(command, text, workingDirectory, environment, pathPrefix, timeout, stdin,
        streamOutput);
  }

  public ProcessRequest in(Path directory) {
    return new ProcessRequest(command, purpose, directory, environment, pathPrefix, timeout, stdin,
        streamOutput);
  }

  public ProcessRequest env(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(environment);
    copy.put(name, value);
    return new ProcessRequest(command, purpose, workingDirectory, copy, pathPrefix, timeout, stdin,
        streamOutput);
  }

  public ProcessRequest prependPath(Path directory) {
    List<Path> copy = new ArrayList<>(pathPrefix);
    copy.add(directory);
    return new ProcessRequest(command, purpose, workingDirectory, environment, copy, timeout, stdin,
        streamOutput);
  }

  public ProcessRequest timeout(Duration limit) {
    return new ProcessRequest(command, purpose, workingDirectory, environment, pathPrefix, limit, stdin,
        streamOutput);
  }

  public ProcessRequest stdin(String text) {
    return new ProcessRequest(command, purpose, workingDirectory, environment, pathPrefix, timeout, text,
        streamOutput);
  }

  public ProcessRequest streamingOutput() {
    return new ProcessRequest(command, purpose, workingDirectory, environment, pathPrefix, timeout, stdin,
        true);
  }

  public Optional<Path> directory() {
    return Optional.ofNullable(workingDirectory);
  }

  public Optional<String> input() {
    return Optional.ofNullable(stdin);
  }

  /** The program name, e.g. {@code kind}. */
  public String program() {
    return command.get(0);
  }

  /** The command as a shell would show it, e.g. {@code docker version --format '{{.Server.Version}}'}. */
  public String commandLine() {
    return CommandLine.render(command);
  }

  /**
   * The command with its environment and directory, as one could paste it into a shell:
   * {@code (cd /ws && KUBECONFIG=/ws/kubeconfig PATH=/ws/bin:$PATH bash install.sh)}.
   */
  public String shellForm() {
    StringBuilder line = new StringBuilder();
    environment.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> line.append(e.getKey()).append('=').append(CommandLine.quote(e.getValue())).append(' '));
    if (!pathPrefix.isEmpty()) {
      line.append("PATH=");
      pathPrefix.forEach(p -> line.append(CommandLine.quote(p.toString())).append(':'));
      line.append("$PATH ");
    }
    line.append(commandLine());
    if (stdin != null) {
      line.append(" <<< (").append(stdin.length()).append(" characters on stdin)");
    }
    if (workingDirectory != null) {
      return "(cd " + CommandLine.quote(workingDirectory.toString()) + " && " + line + ")";
    }
    return line.toString();
  }
}

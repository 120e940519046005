package io.natgwchaos.gateway;

import java.time.Duration;
import java.util.List;

/** Runs a command in a container of a pod, as {@code kubectl exec} does. */
@FunctionalInterface
public interface PodExecutor {
  /**
   * @return the command's exit code and output; a non-zero exit code is a result, not an exception
   * @throws PodExecException when the command could not run or did not finish within {@code timeout}
   */
  ExecResult exec(String namespace, String pod, String container, List<String> command, Duration timeout);
}

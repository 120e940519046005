package io.natgwchaos.gateway;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** Exec through the API server's pod exec endpoint: works on kind, an existing cluster and the twin. */
public final class KubernetesPodExecutor implements PodExecutor {
  private final KubernetesClient client;

  public KubernetesPodExecutor(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public ExecResult exec(String namespace, String pod, String container, List<String> command, Duration timeout) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String where = "exec " + String.join(" ", command) + " in " + namespace + "/" + pod + " container " + container;
    AtomicReference<Status> status = new AtomicReference<>();
    ExecListener statusKeeper = new ExecListener() {
      @Override
      public void onExit(int code, Status exitStatus) {
        status.set(exitStatus);
      }

      @Override
      public void onClose(int code, String reason) {}
    };
    try (ExecWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
        .writingOutput(out).writingError(err).usingListener(statusKeeper).exec(command.toArray(String[]::new))) {
      Integer exitCode = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (exitCode == null) {
        throw new PodExecException(where + ": the connection closed without an exit status"
            + stderrTail(err));
      }
      if (exitCode < 0) {
        // a status without an exit code: the command did not run (e.g. the runtime could not start it)
        Status failure = status.get();
        throw new PodExecException(where + ": failed without an exit code: "
            + (failure == null ? "unreadable status" : failure.getReason() + ": " + failure.getMessage())
            + stderrTail(err));
      }
      return new ExecResult(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } catch (TimeoutException e) {
      throw new PodExecException(where + ": no exit status within " + timeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PodExecException(where + ": interrupted", e);
    } catch (ExecutionException e) {
      throw new PodExecException(where + ": " + e.getCause().getMessage(), e.getCause());
    } catch (KubernetesClientException e) {
      throw new PodExecException(where + ": " + e.getMessage(), e);
    }
  }

  private static String stderrTail(ByteArrayOutputStream err) {
    String text = err.toString(StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return "";
    }
    return " (stderr: " + (text.length() > 300 ? "..." + text.substring(text.length() - 300) : text) + ")";
  }
}

package io.natgwchaos.targets.kind;

import io.natgwchaos.targets.ShutdownHooks;
import io.natgwchaos.targets.process.ProcessRunner;
import io.natgwchaos.targets.process.SystemProcessRunner;
import java.util.Objects;

/**
 * Everything outside the JVM the kind target touches, as replaceable seams: processes, the workspace on
 * disk, progress reporting, JVM shutdown hooks and API clients.
 */
public record KindHost(ProcessRunner processes, Workspace workspace, Progress progress, ShutdownHooks shutdownHooks,
    KubeconfigClients clients) {

  public KindHost {
    Objects.requireNonNull(processes, "processes");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(shutdownHooks, "shutdownHooks");
    Objects.requireNonNull(clients, "clients");
  }

  /** The real machine. */
  public static KindHost system(KindSettings settings) {
    return new KindHost(new SystemProcessRunner(), new LocalWorkspace(settings.workspace(), TextFetcher.http()),
        Progress.logging(), ShutdownHooks.jvm(), KubeconfigClients.fromFiles());
  }
}

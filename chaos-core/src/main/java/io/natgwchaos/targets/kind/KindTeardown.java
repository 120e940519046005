package io.natgwchaos.targets.kind;

import io.natgwchaos.targets.process.CommandException;
import io.natgwchaos.targets.process.ProcessRequest;
import io.natgwchaos.targets.process.ProcessResult;
import io.natgwchaos.targets.process.ProcessRunner;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what a kind run created, unless told to keep it: exports the cluster's logs first when the run
 * failed, then deletes the cluster and the docker network. Each part is attempted even if an earlier
 * one failed; problems are logged, since teardown must not hide the run's own outcome.
 */
final class KindTeardown {
  private static final Logger LOG = LoggerFactory.getLogger(KindTeardown.class);

  private KindTeardown() {}

  static void run(KindSettings settings, ProcessRunner runner, Progress progress, KindResources created,
      boolean clusterExists, Optional<String> failure) {
    boolean keep = settings.keep() || settings.reuse() || (failure.isPresent() && settings.keepOnFailure());
    String why = settings.keep() ? KindSettings.KEEP + "=true"
        : settings.reuse() ? KindSettings.REUSE + "=true"
        : KindSettings.KEEP_ON_FAILURE + "=true and the run failed";
    progress.step(keep ? "Tear down: keep cluster " + settings.clusterName() + " (" + why + ")"
        : "Tear down: delete kind cluster " + settings.clusterName() + " and docker network " + settings.networkName());
    if (failure.isPresent() && clusterExists) {
      progress.note("the run failed (" + failure.get() + "): exporting the cluster's logs first");
      attempt(runner, ProcessRequest.of("kind", "export", "logs",
              settings.diagnostics().resolve("kind-logs").toString(), "--name", settings.clusterName())
          .purpose("export the logs of kind cluster " + settings.clusterName())
          .timeout(settings.timeouts().exportLogs()));
    }
    if (keep) {
      String removal = "kind delete cluster --name " + settings.clusterName() + " && docker network rm "
          + settings.networkName();
      progress.note("kept; kubeconfig " + settings.kubeconfig() + "; remove later with `" + removal
          + "` or the cleanup (see README, kind target)");
      LOG.info("kept kind cluster {} and network {} ({}); remove with: {}", settings.clusterName(),
          settings.networkName(), why, removal);
      return;
    }
    if (created.clusterCreated()) {
      attempt(runner, ProcessRequest.of("kind", "delete", "cluster", "--name", settings.clusterName(),
              "--kubeconfig", settings.kubeconfig().toString())
          .purpose("delete kind cluster " + settings.clusterName()).timeout(settings.timeouts().deleteCluster()));
    }
    if (created.networkCreated()) {
      attempt(runner, ProcessRequest.of("docker", "network", "rm", settings.networkName())
          .purpose("remove docker network " + settings.networkName()).timeout(settings.timeouts().network()));
    }
  }

  private static void attempt(ProcessRunner runner, ProcessRequest request) {
    try {
      ProcessResult result = runner.run(request);
      if (!result.succeeded()) {
        LOG.warn("teardown: {} failed (exit {}): {}", request.purpose(), result.exitCode(), result.stderr().strip());
      }
    } catch (CommandException e) {
      LOG.warn("teardown: {}", e.getMessage());
    }
  }
}

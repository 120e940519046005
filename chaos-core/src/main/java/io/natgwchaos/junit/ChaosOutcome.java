package io.natgwchaos.junit;

import io.natgwchaos.experiment.ExperimentResult;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How one experiment run inside a {@link ChaosExperiment} ended, for reports: the verdict, the result when the run
 * got that far, and where its diagnostics are.
 *
 * @param testId the JUnit unique id of the invocation
 * @param displayName e.g. {@code fipChurn(Experiment) [twin v1.13.4]}
 * @param target the target's name
 * @param kubeOvnVersion the version it ran against
 * @param result null when the run never produced one (aborted before the check)
 * @param artifacts null when none were written
 */
public record ChaosOutcome(String testId, String displayName, String target, String kubeOvnVersion,
    ExperimentVerdict verdict, ExperimentResult result, Path artifacts) {

  public ChaosOutcome {
    Objects.requireNonNull(verdict, "verdict");
  }

  public Optional<ExperimentResult> resultIfAny() {
    return Optional.ofNullable(result);
  }

  public Optional<Path> artifactsIfAny() {
    return Optional.ofNullable(artifacts);
  }
}

package io.natgwchaos.junit;

import io.natgwchaos.check.CheckReport;
import io.natgwchaos.check.Violation;
import io.natgwchaos.experiment.ExperimentResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * DESIGN.md §8 as a pure function. On the run's version, a declared known issue "applies" when the version is
 * among its affected versions.
 * <ol>
 *   <li>A violation whose known issue is unset, or not among the applicable declared ones, fails the run
 *       ({@link ExperimentVerdict.Category#VIOLATED}) — also a declared issue matching on a version declared
 *       unaffected (a regression, or a wrong declaration).</li>
 *   <li>Otherwise an applicable declaration with {@code mustReproduce} whose issue is not among the violations:
 *       on the twin ({@code requireReproduction}) the run fails ({@link ExperimentVerdict.Category#CHECKER_LOST_TEETH});
 *       on kind/existing it is reported ({@link ExperimentVerdict.Category#KNOWN_ISSUE_NOT_REPRODUCED}, or
 *       {@code KNOWN_ISSUE_REPRODUCED} listing it when another declared issue did reproduce).</li>
 *   <li>Otherwise violations (all explained) → {@link ExperimentVerdict.Category#KNOWN_ISSUE_REPRODUCED}; none →
 *       {@link ExperimentVerdict.Category#PASSED}.</li>
 * </ol>
 */
public final class VerdictPolicy {
  private VerdictPolicy() {}

  public static ExperimentVerdict judge(ExperimentResult result, List<KnownIssueDeclaration> declared) {
    return judge(result.report(), declared, result.target().kubeOvnVersion(), "twin".equals(result.target().name()),
        result.describe());
  }

  /**
   * @param requireReproduction whether a declared issue that does not reproduce fails the run (the twin)
   * @param run how to name the run in messages
   */
  public static ExperimentVerdict judge(CheckReport report, List<KnownIssueDeclaration> declared, String version,
      boolean requireReproduction, String run) {
    Set<String> applicable = new TreeSet<>();
    Set<String> declaredElsewhere = new TreeSet<>();
    for (KnownIssueDeclaration declaration : declared) {
      (declaration.affects(version) ? applicable : declaredElsewhere).add(declaration.issue());
    }
    declaredElsewhere.removeAll(applicable);
    List<Violation> unexplained = new ArrayList<>();
    Set<String> reproduced = new TreeSet<>();
    for (Violation violation : report.violations()) {
      if (violation.knownIssue() != null && applicable.contains(violation.knownIssue())) {
        reproduced.add(violation.knownIssue());
      } else {
        unexplained.add(violation);
      }
    }
    if (!unexplained.isEmpty()) {
      Set<String> regressions = new TreeSet<>();
      unexplained.stream().map(Violation::knownIssue).filter(Objects::nonNull).filter(declaredElsewhere::contains).forEach(regressions::add);
      String hint = regressions.isEmpty() ? "" : " Known issue(s) " + regressions + " matched on " + version
          + ", which the experiment declares unaffected.";
      return new ExperimentVerdict(ExperimentVerdict.Category.VIOLATED, run + ": " + unexplained.size()
          + " violation(s) not explained by a known issue declared for " + version + "." + hint + "\n"
          + report.summary(), reproduced, Set.of());
    }
    Set<String> missing = new TreeSet<>();
    for (KnownIssueDeclaration declaration : declared) {
      if (declaration.mustReproduce() && declaration.affects(version) && !reproduced.contains(declaration.issue())) {
        missing.add(declaration.issue());
      }
    }
    if (!missing.isEmpty() && requireReproduction) {
      return new ExperimentVerdict(ExperimentVerdict.Category.CHECKER_LOST_TEETH, run + ": the checker lost its teeth:"
          + " known issue(s) " + missing + " declared for " + version + " did not reproduce on the twin (the profile"
          + " no longer has the bug, the experiment no longer triggers it, or the signature no longer matches)\n"
          + report.summary(), reproduced, missing);
    }
    if (!reproduced.isEmpty()) {
      return new ExperimentVerdict(ExperimentVerdict.Category.KNOWN_ISSUE_REPRODUCED, run + ": known issue(s) "
          + reproduced + " reproduced" + (missing.isEmpty() ? "" : "; " + missing + " did not") + "\n"
          + report.summary(), reproduced, missing);
    }
    if (!missing.isEmpty()) {
      return new ExperimentVerdict(ExperimentVerdict.Category.KNOWN_ISSUE_NOT_REPRODUCED, run + ": known issue(s) "
          + missing + " declared for " + version + " did not reproduce (reported only: this target is not"
          + " deterministic)\n" + report.summary(), reproduced, missing);
    }
    return new ExperimentVerdict(ExperimentVerdict.Category.PASSED, run + ": " + report.summary(), Set.of(),
        Set.of());
  }
}

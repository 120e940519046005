package io.natgwchaos.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The oracle's answer for one history: a verdict per invariant, plus notes on what could not be checked and
 * the liveness questions the history ended too early to answer.
 *
 * @param verdicts one per invariant, in {@link Invariant} order
 * @param notes what was not evaluated and why (no QUIESCED marker, a gateway without snapshots, ...)
 * @param inconclusive what was still wrong when the history ended before quiesce + settle: neither a pass nor a violation
 */
public record CheckReport(List<Verdict> verdicts, List<String> notes, List<String> inconclusive) {
  /** Violations the summary spells out per invariant; the rest are counted. */
  static final int SUMMARY_LIMIT = 20;

  public CheckReport {
    verdicts = List.copyOf(verdicts);
    notes = List.copyOf(notes);
    inconclusive = List.copyOf(inconclusive);
  }

  public Verdict verdict(Invariant invariant) {
    return verdicts.stream().filter(v -> v.invariant() == invariant).findFirst()
        .orElse(Verdict.holds(invariant));
  }

  public List<Violation> violations() {
    List<Violation> all = new ArrayList<>();
    verdicts.forEach(v -> all.addAll(v.violations()));
    return all;
  }

  public boolean isClean() {
    return verdicts.stream().allMatch(Verdict::isHolding);
  }

  /** Violations no known-issue signature explains: these fail a build. */
  public List<Violation> unexplained() {
    return violations().stream().filter(v -> v.knownIssue() == null).toList();
  }

  /** The issues whose signatures matched. */
  public Set<String> knownIssues() {
    Set<String> issues = new TreeSet<>();
    violations().forEach(v -> {
      if (v.knownIssue() != null) {
        issues.add(v.knownIssue());
      }
    });
    return issues;
  }

  /** A text a maintainer can read: one block per invariant, violations with their witnesses, then the notes. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    List<Violation> all = violations();
    long unexplained = all.stream().filter(v -> v.knownIssue() == null).count();
    out.append(isClean() ? "clean" : all.size() + " violation(s), " + unexplained + " unexplained")
        .append(knownIssues().isEmpty() ? "" : "; known issues " + knownIssues())
        .append(inconclusive.isEmpty() ? "" : "; " + inconclusive.size() + " inconclusive")
        .append('\n');
    for (Verdict verdict : verdicts) {
      out.append(verdict.invariant()).append(verdict.isHolding() ? " holds" : " VIOLATED (" + verdict.violations().size() + ")")
          .append(" - ").append(verdict.invariant().statement()).append('\n');
      List<Violation> shown = verdict.violations().subList(0, Math.min(SUMMARY_LIMIT, verdict.violations().size()));
      for (Violation violation : shown) {
        out.append("  ").append(violation.resource()).append(' ').append(violation.interval())
            .append(violation.knownIssue() == null ? " UNEXPLAINED" : " known issue " + violation.knownIssue())
            .append('\n')
            .append("    ").append(violation.message()).append('\n');
        violation.witnesses().stream().sorted(Comparator.comparingLong(Witness::seq)).forEach(w ->
            out.append("    #").append(w.seq()).append(String.format(" @%.3fs ", w.time() / 1e9)).append(w.shows())
                .append('\n'));
      }
      if (shown.size() < verdict.violations().size()) {
        out.append("  ... and ").append(verdict.violations().size() - shown.size()).append(" more\n");
      }
    }
    for (String line : inconclusive) {
      out.append("inconclusive: ").append(line).append('\n');
    }
    for (String note : notes) {
      out.append("note: ").append(note).append('\n');
    }
    return out.toString();
  }
}

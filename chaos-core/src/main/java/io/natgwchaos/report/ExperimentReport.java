package io.natgwchaos.report;

import io.natgwchaos.check.CheckReport;
import io.natgwchaos.check.Invariant;
import io.natgwchaos.check.Verdict;
import io.natgwchaos.check.Violation;
import io.natgwchaos.check.Witness;
import io.natgwchaos.history.FaultEvent;
import io.natgwchaos.history.FaultPhase;
import io.natgwchaos.history.History;
import io.natgwchaos.history.HistoryEntry;
import io.natgwchaos.history.HistoryJson;
import io.natgwchaos.history.OperationEvent;
import io.natgwchaos.history.OperationPhase;
import io.natgwchaos.history.PhaseMarker;
import io.natgwchaos.history.RunPhase;
import io.natgwchaos.history.RunStarted;
import io.natgwchaos.history.SnapshotTaken;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes one experiment run into the Allure result of the current test, so that the report alone says what
 * happened, to which resource, when, and why it is a bug:
 * <ul>
 *   <li>a description at the top: the outcome, then per violation the invariant, resource, interval (run time and
 *       wall clock), the faults around it, the message and the witnesses, with the known issue linked;</li>
 *   <li>steps with the run's own times: provision, workload (operations with outcomes), each fault, settle, and
 *       the check per invariant with each violation and its witnesses;</li>
 *   <li>labels (epic = area, feature = experiment, story = each violated invariant or "all invariants",
 *       severity critical for an unexplained violation, tags target and version), issue links, parameters
 *       (target, Kube-OVN version, seed);</li>
 *   <li>attachments: the timeline (SVG), the verdict with witnesses, claimed-vs-actual at the end and where the
 *       first violation began, each gateway's snapshot before the faults and at the end (table and raw), and
 *       the history as JSON Lines;</li>
 *   <li>the outcome category's status message (see {@link OutcomeCategory}).</li>
 * </ul>
 *
 * <p>Everything is derived from the values by pure functions ({@link #steps}, {@link #descriptionHtml},
 * {@link #labels}, {@link #links}, {@link #parameters}, {@link #attachments}); this class only hands them to an
 * {@link AllureLifecycle}.
 */
public final class ExperimentReport {
  /** Allure's link to an upstream issue: {@code owner/repo#number}. */
  private static final Pattern GITHUB_ISSUE = Pattern.compile("([\\w.-]+)/([\\w.-]+)#(\\d+)");
  private static final int LISTED_OPERATIONS = 40;
  private static final int LISTED_WITNESSES = 20;
  private static final int DESCRIBED_VIOLATIONS = 5;

  private final AllureLifecycle lifecycle;

  public ExperimentReport(AllureLifecycle lifecycle) {
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
  }

  /** On Allure's global lifecycle, the one allure-jupiter reports through. */
  public static ExperimentReport current() {
    return new ExperimentReport(Allure.getLifecycle());
  }

  /**
   * Writes the outcome into the test case running on this thread.
   *
   * @throws IllegalStateException when no Allure test case is running (allure-jupiter is not on the test classpath)
   */
  public void write(ExperimentOutcome outcome) {
    String uuid = lifecycle.getCurrentTestCase().orElseThrow(() -> new IllegalStateException(
        "no Allure test case is running on this thread: is allure-jupiter on the test classpath?"));
    write(uuid, outcome);
  }

  /** Writes the outcome into the test case {@code testUuid} (scheduled and not yet written). */
  public void write(String testUuid, ExperimentOutcome outcome) {
    List<Attachment> attachments = new ArrayList<>();
    for (Content content : attachments(outcome)) {
      String source = UUID.randomUUID() + "-attachment" + content.extension();
      lifecycle.writeAttachment(source, new ByteArrayInputStream(content.bytes()));
      attachments.add(new Attachment().setName(content.name()).setType(content.type()).setSource(source));
    }
    long zero = epochMillisOfZero(outcome.history());
    List<StepResult> steps = steps(outcome.history(), outcome.report(), zero);
    List<Label> labels = labels(outcome);
    List<Link> links = links(outcome);
    List<Parameter> parameters = parameters(outcome.history());
    String description = descriptionHtml(outcome);
    lifecycle.updateTestCase(testUuid, result -> apply(result, outcome, steps, attachments, labels, links,
        parameters, description));
  }

  private static void apply(TestResult result, ExperimentOutcome outcome, List<StepResult> steps,
      List<Attachment> attachments, List<Label> labels, List<Link> links, List<Parameter> parameters,
      String description) {
    Set<String> ours = Set.of(ResultsUtils.EPIC_LABEL_NAME, ResultsUtils.FEATURE_LABEL_NAME,
        ResultsUtils.STORY_LABEL_NAME, ResultsUtils.SEVERITY_LABEL_NAME);
    result.getLabels().removeIf(label -> ours.contains(label.getName()));
    result.getLabels().addAll(labels);
    for (Link link : links) {
      if (result.getLinks().stream().noneMatch(l -> Objects.equals(l.getUrl(), link.getUrl()))) {
        result.getLinks().add(link);
      }
    }
    Set<String> names = new TreeSet<>();
    parameters.forEach(p -> names.add(p.getName()));
    result.getParameters().removeIf(p -> names.contains(p.getName()));
    result.getParameters().addAll(parameters);
    result.getSteps().addAll(steps);
    result.getAttachments().addAll(attachments);
    result.setDescriptionHtml(description);
    if (outcome.category() != null) {
      StatusDetails details = result.getStatusDetails() == null ? new StatusDetails() : result.getStatusDetails();
      details.setMessage(outcome.statusMessage());
      details.setKnown(outcome.category() == OutcomeCategory.KNOWN_ISSUE_REPRODUCED);
      if (details.getTrace() == null) {
        details.setTrace(outcome.report().summary());
      }
      result.setStatusDetails(details);
    }
  }

  // ---------------------------------------------------------------- pure parts

  /** An attachment's content. */
  public record Content(String name, String type, String extension, byte[] bytes) {
    static Content text(String name, String text) {
      return new Content(name, "text/plain", ".txt", text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A short reason for a status message: the first unexplained violation (else the first), and how many more. */
  public static String reason(CheckReport report) {
    List<Violation> all = report.violations();
    if (all.isEmpty()) {
      return "all invariants hold";
    }
    Violation first = report.unexplained().isEmpty() ? all.get(0) : report.unexplained().get(0);
    return first.invariant() + " " + first.resource() + " " + first.interval()
        + (first.knownIssue() == null ? "" : " [" + first.knownIssue() + "]") + ": " + first.message()
        + (all.size() > 1 ? " (+" + (all.size() - 1) + " more)" : "");
  }

  public static List<Label> labels(ExperimentOutcome outcome) {
    List<Label> labels = new ArrayList<>();
    labels.add(ResultsUtils.createEpicLabel(outcome.area()));
    labels.add(ResultsUtils.createFeatureLabel(outcome.experiment()));
    Set<Invariant> violated = EnumSet.noneOf(Invariant.class);
    outcome.report().violations().forEach(v -> violated.add(v.invariant()));
    if (violated.isEmpty()) {
      labels.add(ResultsUtils.createStoryLabel("all invariants"));
    }
    for (Invariant invariant : violated) {
      labels.add(ResultsUtils.createStoryLabel(story(invariant)));
    }
    boolean critical = !outcome.report().unexplained().isEmpty()
        || outcome.category() == OutcomeCategory.PRODUCT_DEFECT;
    labels.add(ResultsUtils.createSeverityLabel(critical ? "critical" : "normal"));
    outcome.history().runStarted().ifPresent(run -> {
      labels.add(ResultsUtils.createTagLabel(run.target()));
      labels.add(ResultsUtils.createTagLabel(run.kubeOvnVersion()));
    });
    return labels;
  }

  /** The story label of an invariant: {@code S1: an EIP with ready=true has ...}. */
  public static String story(Invariant invariant) {
    return invariant + ": " + invariant.statement();
  }

  /** Issue links for the declared known issue and every one the report matched; {@code owner/repo#n} on GitHub. */
  public static List<Link> links(ExperimentOutcome outcome) {
    Set<String> issues = new LinkedHashSet<>();
    if (outcome.declaredKnownIssue() != null) {
      issues.add(outcome.declaredKnownIssue());
    }
    issues.addAll(outcome.report().knownIssues());
    List<Link> links = new ArrayList<>();
    for (String issue : issues) {
      String url = issueUrl(issue);
      if (url != null) {
        links.add(new Link().setName(issue).setType(ResultsUtils.ISSUE_LINK_TYPE).setUrl(url));
      }
    }
    return links;
  }

  /** {@code https://github.com/owner/repo/issues/n} for {@code owner/repo#n}; null for anything else. */
  public static String issueUrl(String issue) {
    Matcher m = issue == null ? null : GITHUB_ISSUE.matcher(issue);
    return m != null && m.matches() ? "https://github.com/" + m.group(1) + "/" + m.group(2) + "/issues/" + m.group(3)
        : null;
  }

  public static List<Parameter> parameters(History history) {
    List<Parameter> parameters = new ArrayList<>();
    history.runStarted().ifPresent(run -> {
      parameters.add(ResultsUtils.createParameter("target", run.target()));
      parameters.add(ResultsUtils.createParameter("Kube-OVN version", run.kubeOvnVersion()));
      parameters.add(ResultsUtils.createParameter("seed", run.seed()));
    });
    return parameters;
  }

  /** Wall-clock milliseconds of the history's time 0 (its RunStarted), or 0 when it has none. */
  static long epochMillisOfZero(History history) {
    return history.runStarted().map(RunStarted::startedAt).filter(Objects::nonNull).map(i -> i.toEpochMilli())
        .orElse(0L);
  }

  /**
   * The run as Allure steps with their own start and stop times: provision, workload, each fault, settle, and
   * the check, sorted by start.
   *
   * @param zero epoch milliseconds of history time 0
   */
  public static List<StepResult> steps(History history, CheckReport report, long zero) {
    Map<RunPhase, Long> phases = new LinkedHashMap<>();
    history.entries(PhaseMarker.class).forEach(m -> phases.putIfAbsent(m.phase(), m.time()));
    long end = history.endTime();
    List<StepResult> steps = new ArrayList<>();

    Long provisioned = phases.get(RunPhase.PROVISIONED);
    if (provisioned != null) {
      steps.add(step("Provision: topology ready at " + seconds(provisioned), Status.PASSED, zero, 0, provisioned));
    }

    List<OperationEvent> completions = new ArrayList<>();
    Map<Long, OperationEvent> invokes = new HashMap<>();
    for (OperationEvent op : history.entries(OperationEvent.class).toList()) {
      if (op.phase() == OperationPhase.INVOKE) {
        invokes.put(op.operationId(), op);
      } else {
        completions.add(op);
      }
    }
    Long workloadStart = phases.get(RunPhase.WORKLOAD_STARTED);
    if (workloadStart != null || !invokes.isEmpty()) {
      steps.add(workload(history, report, invokes, completions, phases, zero));
    }

    Map<String, FaultEvent> started = new LinkedHashMap<>();
    for (FaultEvent fault : history.entries(FaultEvent.class).toList()) {
      if (fault.phase() == FaultPhase.START) {
        started.put(fault.faultId(), fault);
        continue;
      }
      FaultEvent start = started.remove(fault.faultId());
      FaultEvent first = start == null ? fault : start;
      StepResult step = step(at(first.time()) + " Fault " + first.fault() + " (" + first.faultId() + "): "
          + first.detail(), fault.phase() == FaultPhase.HEAL_FAILED ? Status.BROKEN : Status.PASSED, zero,
          first.time(), fault.time());
      step.getSteps().add(step(at(fault.time()) + (fault.phase() == FaultPhase.HEAL_FAILED ? " heal FAILED: "
          : " healed: ") + fault.detail(), fault.phase() == FaultPhase.HEAL_FAILED ? Status.BROKEN : Status.PASSED,
          zero, fault.time(), fault.time()));
      steps.add(step);
    }
    for (FaultEvent start : started.values()) {
      steps.add(step(at(start.time()) + " Fault " + start.fault() + " (" + start.faultId() + "): " + start.detail()
          + " (no end in the history)", Status.BROKEN, zero, start.time(), end));
    }

    Long quiesced = phases.get(RunPhase.QUIESCED);
    if (quiesced != null) {
      Long settled = phases.get(RunPhase.SETTLED);
      steps.add(step("Settle: quiesced at " + seconds(quiesced) + (settled == null ? ", no SETTLED marker"
          : ", settled at " + seconds(settled)), Status.PASSED, zero, quiesced, settled == null ? end : settled));
    }
    steps.add(check(report, zero, end));
    steps.sort(Comparator.comparing(StepResult::getStart));
    return steps;
  }

  private static StepResult workload(History history, CheckReport report, Map<Long, OperationEvent> invokes,
      List<OperationEvent> completions, Map<RunPhase, Long> phases, long zero) {
    Map<OperationPhase, Integer> counts = new TreeMap<>();
    completions.forEach(c -> counts.merge(c.phase(), 1, Integer::sum));
    Set<Long> completed = new TreeSet<>();
    completions.forEach(c -> completed.add(c.operationId()));
    long pending = invokes.keySet().stream().filter(id -> !completed.contains(id)).count();
    long start = phases.getOrDefault(RunPhase.WORKLOAD_STARTED,
        invokes.values().stream().mapToLong(HistoryEntry::time).min().orElse(0));
    long stop = phases.getOrDefault(RunPhase.WORKLOAD_STOPPED, history.endTime());
    StepResult workload = step("Workload: " + invokes.size() + " operation(s) (ok " + counts.getOrDefault(
        OperationPhase.OK, 0) + ", fail " + counts.getOrDefault(OperationPhase.FAIL, 0) + ", unknown "
        + counts.getOrDefault(OperationPhase.UNKNOWN, 0) + ", no completion " + pending + ")", Status.PASSED, zero,
        start, stop);
    Set<String> focus = new TreeSet<>();
    report.violations().forEach(v -> focus.add(v.resource().toString()));
    int listed = 0;
    int skipped = 0;
    for (OperationEvent done : completions) {
      OperationEvent invoke = invokes.getOrDefault(done.operationId(), done);
      boolean interesting = completions.size() <= LISTED_OPERATIONS || done.phase() != OperationPhase.OK
          || focus.contains(done.kind() + "/" + done.name());
      if (!interesting || listed >= LISTED_OPERATIONS) {
        skipped++;
        continue;
      }
      listed++;
      workload.getSteps().add(step(at(invoke.time()) + " " + done.action() + " " + done.kind() + "/" + done.name()
          + " -> " + done.phase().name().toLowerCase(Locale.ROOT) + " after " + millis(done.time() - invoke.time())
          + (done.error() == null ? "" : " (" + done.error() + ")"), Status.PASSED, zero, invoke.time(),
          done.time()));
    }
    if (skipped > 0) {
      workload.getSteps().add(step("… " + skipped + " more operation(s): see the History attachment",
          Status.PASSED, zero, stop, stop));
    }
    return workload;
  }

  private static StepResult check(CheckReport report, long zero, long end) {
    String summary = report.isClean() ? "all invariants hold"
        : report.violations().size() + " violation(s), " + report.unexplained().size() + " unexplained"
            + (report.knownIssues().isEmpty() ? "" : ", known issue(s) " + String.join(", ", report.knownIssues()));
    StepResult check = step("Check S1-S4 and liveness: " + summary, report.unexplained().isEmpty() ? Status.PASSED
        : Status.FAILED, zero, end, end);
    for (Verdict verdict : report.verdicts()) {
      StepResult invariant = step(verdict.invariant() + (verdict.isHolding() ? " holds" : " VIOLATED ("
          + verdict.violations().size() + ")") + ": " + verdict.invariant().statement(),
          verdict.isHolding() ? Status.PASSED : Status.FAILED, zero, end, end);
      for (Violation v : verdict.violations()) {
        StepResult violation = step(v.resource() + " " + v.interval() + (v.knownIssue() == null ? " UNEXPLAINED"
            : " known issue " + v.knownIssue()), Status.FAILED, zero, v.interval().fromNanos(),
            v.interval().toNanos());
        violation.setStatusDetails(new StatusDetails().setMessage(v.message()).setKnown(v.knownIssue() != null));
        v.witnesses().stream().sorted(Comparator.comparingLong(Witness::seq)).limit(LISTED_WITNESSES)
            .forEach(w -> violation.getSteps().add(step("#" + w.seq() + " " + at(w.time()) + " " + w.shows(),
                Status.PASSED, zero, w.time(), w.time())));
        invariant.getSteps().add(violation);
      }
      check.getSteps().add(invariant);
    }
    for (String line : report.inconclusive()) {
      check.getSteps().add(step("inconclusive: " + line, Status.SKIPPED, zero, end, end));
    }
    for (String note : report.notes()) {
      check.getSteps().add(step("note: " + note, Status.PASSED, zero, end, end));
    }
    return check;
  }

  private static StepResult step(String name, Status status, long zero, long fromNanos, long toNanos) {
    return new StepResult().setName(name).setStatus(status).setStage(Stage.FINISHED)
        .setStart(zero + fromNanos / 1_000_000).setStop(zero + Math.max(toNanos, fromNanos) / 1_000_000);
  }

  /**
   * The attachments, most telling first: timeline, verdict, claimed-vs-actual at the end and where the first
   * violation began, every gateway's snapshot before the first fault (or the workload) and at the end, history.
   */
  public static List<Content> attachments(ExperimentOutcome outcome) {
    History history = outcome.history();
    CheckReport report = outcome.report();
    List<Content> contents = new ArrayList<>();
    contents.add(new Content("Timeline", "image/svg+xml", ".svg",
        TimelineSvg.render(history, report).getBytes(StandardCharsets.UTF_8)));
    contents.add(Content.text("Verdict and witnesses", verdictText(outcome)));

    Map<String, SnapshotTaken> after = lastSnapshots(history);
    for (SnapshotTaken taken : after.values()) {
      contents.add(Content.text("Claimed vs actual at the end (" + taken.snapshot().gateway() + ")",
          ClaimedVsActual.at(history, taken).text()));
    }
    SnapshotTaken broke = firstViolationSnapshot(history, report);
    if (broke != null && !after.containsValue(broke)) {
      contents.add(Content.text("Claimed vs actual when the first violation was seen (" + broke.snapshot().gateway()
          + ")", ClaimedVsActual.at(history, broke).text()));
    }
    Map<String, SnapshotTaken> before = snapshotsBefore(history);
    for (SnapshotTaken taken : before.values()) {
      addSnapshot(contents, "before", taken);
    }
    for (SnapshotTaken taken : after.values()) {
      addSnapshot(contents, "at the end", taken);
    }
    StringWriter jsonl = new StringWriter();
    HistoryJson.write(history, jsonl);
    contents.add(new Content("History (JSON Lines, " + history.size() + " entries)", "application/x-ndjson",
        ".jsonl", jsonl.toString().getBytes(StandardCharsets.UTF_8)));
    return contents;
  }

  private static void addSnapshot(List<Content> contents, String when, SnapshotTaken taken) {
    String what = "Gateway " + taken.snapshot().gateway() + " " + when + String.format(Locale.ROOT,
        " (#%d @%.3fs)", taken.seq(), taken.time() / 1e9);
    contents.add(new Content(what + ": table", "text/html", ".html",
        SnapshotReport.html(taken.snapshot()).getBytes(StandardCharsets.UTF_8)));
    contents.add(Content.text(what + ": raw", SnapshotReport.raw(taken.snapshot())));
  }

  /** The verdict text: outcome line, the report's summary with witnesses, and the run's identity. */
  public static String verdictText(ExperimentOutcome outcome) {
    StringBuilder out = new StringBuilder();
    if (outcome.category() != null) {
      out.append(outcome.statusMessage()).append("\n\n");
    }
    outcome.history().runStarted().ifPresent(run -> out.append(run.experiment()).append(" on ").append(run.target())
        .append(' ').append(run.kubeOvnVersion()).append(", seed ").append(run.seed()).append(", started ")
        .append(run.startedAt()).append('\n'));
    if (outcome.declaredKnownIssue() != null) {
      out.append("declared known issue: ").append(outcome.declaredKnownIssue()).append('\n');
    }
    return out.append(outcome.report().summary()).toString();
  }

  /** The last snapshot of each gateway. */
  static Map<String, SnapshotTaken> lastSnapshots(History history) {
    Map<String, SnapshotTaken> last = new TreeMap<>();
    history.entries(SnapshotTaken.class).forEach(s -> last.put(s.snapshot().gateway(), s));
    return last;
  }

  /**
   * Each gateway's last snapshot before the first fault (or, without faults, before the workload started) and
   * after PROVISIONED when the history marks it: the state the run disturbed.
   */
  static Map<String, SnapshotTaken> snapshotsBefore(History history) {
    long limit = history.entries(FaultEvent.class).filter(f -> f.phase() == FaultPhase.START)
        .mapToLong(HistoryEntry::time).min()
        .orElse(history.timeOf(RunPhase.WORKLOAD_STARTED).orElse(Long.MAX_VALUE));
    long from = history.timeOf(RunPhase.PROVISIONED).orElse(0L);
    Map<String, SnapshotTaken> before = new TreeMap<>();
    Map<String, SnapshotTaken> first = new TreeMap<>();
    for (SnapshotTaken s : history.entries(SnapshotTaken.class).toList()) {
      first.putIfAbsent(s.snapshot().gateway(), s);
      if (s.time() >= from && s.time() < limit) {
        before.put(s.snapshot().gateway(), s);
      }
    }
    first.forEach(before::putIfAbsent);
    return before;
  }

  /** The snapshot that first showed the first violation (its earliest snapshot witness), or null. */
  static SnapshotTaken firstViolationSnapshot(History history, CheckReport report) {
    List<Violation> candidates = report.unexplained().isEmpty() ? report.violations() : report.unexplained();
    for (Violation v : candidates) {
      for (Witness w : v.witnesses().stream().sorted(Comparator.comparingLong(Witness::seq)).toList()) {
        HistoryEntry entry = history.entry(w.seq()).orElse(null);
        if (entry instanceof SnapshotTaken taken && w.time() >= v.interval().fromNanos()) {
          return taken;
        }
      }
    }
    return null;
  }

  /**
   * The description: outcome, then for each violation what (invariant), which resource, when (run time, wall
   * clock, faults before it), why (its message), the known issue and the first witnesses; then the run.
   */
  public static String descriptionHtml(ExperimentOutcome outcome) {
    History history = outcome.history();
    CheckReport report = outcome.report();
    long zero = epochMillisOfZero(history);
    StringBuilder out = new StringBuilder();
    String headline;
    String colour;
    if (outcome.category() != null) {
      headline = outcome.category().title();
      colour = switch (outcome.category()) {
        case KNOWN_ISSUE_REPRODUCED -> "#6a1b9a";
        case PRODUCT_DEFECT, CHECKER_LOST_ITS_TEETH -> "#c62828";
        case INFRASTRUCTURE_BROKEN -> "#ef6c00";
      };
    } else {
      headline = report.isClean() ? "All invariants hold" : report.unexplained().isEmpty() ? "Known issue(s) seen"
          : "Unexplained violation";
      colour = report.unexplained().isEmpty() ? "#2e7d32" : "#c62828";
    }
    out.append("<h3 style=\"color:").append(colour).append("\">").append(esc(headline)).append("</h3>\n");
    if (outcome.reason() != null) {
      out.append("<p>").append(esc(outcome.reason())).append("</p>\n");
    }
    if (outcome.declaredKnownIssue() != null) {
      out.append("<p>Declared known issue: ").append(issueHtml(outcome.declaredKnownIssue())).append("</p>\n");
    }
    List<Violation> violations = new ArrayList<>(report.unexplained());
    report.violations().stream().filter(v -> !violations.contains(v)).forEach(violations::add);
    List<FaultEvent> faults = history.entries(FaultEvent.class).toList();
    for (Violation v : violations.subList(0, Math.min(DESCRIBED_VIOLATIONS, violations.size()))) {
      out.append("<table style=\"border-collapse:collapse;margin:8px 0\">\n");
      row(out, "what", esc(v.invariant() + " violated: " + v.invariant().statement()));
      row(out, "resource", "<b>" + esc(v.resource().toString()) + "</b>");
      String when = String.format(Locale.ROOT, "%.3f s – %.3f s after the run started", v.interval().fromNanos() / 1e9,
          v.interval().toNanos() / 1e9);
      if (zero != 0) {
        when += " (" + java.time.Instant.ofEpochMilli(zero + v.interval().fromNanos() / 1_000_000) + " – "
            + java.time.Instant.ofEpochMilli(zero + v.interval().toNanos() / 1_000_000) + ")";
      }
      List<String> before = new ArrayList<>();
      for (FaultEvent fault : faults) {
        if (fault.phase() == FaultPhase.START && fault.time() <= v.interval().fromNanos()) {
          before.add(fault.fault() + " at " + seconds(fault.time()));
        }
      }
      if (!before.isEmpty()) {
        when += "; after fault " + String.join(", ", before);
      }
      row(out, "when", esc(when));
      row(out, "why it is a bug", esc(v.message()));
      row(out, "known issue", v.knownIssue() == null ? "<b style=\"color:#c62828\">none matched: unexplained</b>"
          : issueHtml(v.knownIssue()));
      StringBuilder witnesses = new StringBuilder("<ul style=\"margin:0;padding-left:16px\">");
      v.witnesses().stream().sorted(Comparator.comparingLong(Witness::seq)).limit(8).forEach(w -> witnesses
          .append("<li><code>#").append(w.seq()).append(' ').append(at(w.time())).append("</code> ")
          .append(esc(w.shows())).append("</li>"));
      if (v.witnesses().size() > 8) {
        witnesses.append("<li>… ").append(v.witnesses().size() - 8).append(" more in the Verdict attachment</li>");
      }
      row(out, "witnesses", witnesses.append("</ul>").toString());
      out.append("</table>\n");
    }
    if (violations.size() > DESCRIBED_VIOLATIONS) {
      out.append("<p>… and ").append(violations.size() - DESCRIBED_VIOLATIONS)
          .append(" more violation(s): see the Verdict attachment.</p>\n");
    }
    for (String line : report.inconclusive()) {
      out.append("<p>Inconclusive: ").append(esc(line)).append("</p>\n");
    }
    history.runStarted().ifPresent(run -> {
      out.append("<p style=\"color:#555\">Run: ").append(esc(run.experiment())).append(" on ")
          .append(esc(run.target())).append(' ').append(esc(run.kubeOvnVersion())).append(", seed ")
          .append(run.seed()).append(", started ").append(esc(String.valueOf(run.startedAt())))
          .append(". The timeline attachment shows each resource's readiness beside what the gateway had; the"
              + " history attachment (JSON Lines) re-checks offline with <code>Checker.check(HistoryJson.read(file),"
              + " settings)</code>.</p>\n");
      if (run.parameters().containsKey("description")) {
        out.append("<p style=\"color:#555\">").append(esc(run.parameters().get("description"))).append("</p>\n");
      }
    });
    return out.toString();
  }

  private static void row(StringBuilder out, String header, String html) {
    out.append("<tr><th style=\"text-align:left;vertical-align:top;padding:2px 12px 2px 0\">").append(esc(header))
        .append("</th><td style=\"padding:2px 0\">").append(html).append("</td></tr>\n");
  }

  private static String issueHtml(String issue) {
    String url = issueUrl(issue);
    return url == null ? esc(issue) : "<a href=\"" + esc(url) + "\" target=\"_blank\">" + esc(issue) + "</a>";
  }

  private static String esc(String text) {
    return Svg.escape(text);
  }

  private static String at(long nanos) {
    return String.format(Locale.ROOT, "[+%.3fs]", nanos / 1e9);
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%d ms", nanos / 1_000_000);
  }
}

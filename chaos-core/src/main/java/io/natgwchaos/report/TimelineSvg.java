package io.natgwchaos.report;

import io.natgwchaos.check.CheckReport;
import io.natgwchaos.check.Invariant;
import io.natgwchaos.check.NatResources;
import io.natgwchaos.check.ResourceRef;
import io.natgwchaos.check.Violation;
import io.natgwchaos.check.Witness;
import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.history.ChangeType;
import io.natgwchaos.history.FaultEvent;
import io.natgwchaos.history.FaultPhase;
import io.natgwchaos.history.GatewayPodObserved;
import io.natgwchaos.history.GatewayPodState;
import io.natgwchaos.history.History;
import io.natgwchaos.history.HistoryEntry;
import io.natgwchaos.history.NatResourceState;
import io.natgwchaos.history.OperationEvent;
import io.natgwchaos.history.OperationPhase;
import io.natgwchaos.history.PhaseMarker;
import io.natgwchaos.history.ProbeFailed;
import io.natgwchaos.history.ResourceObserved;
import io.natgwchaos.history.RunStarted;
import io.natgwchaos.history.SnapshotTaken;
import io.natgwchaos.kubeovn.NatResourceKind;
import java.util.ArrayList;
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

/**
 * The picture that explains a finding: one SVG timeline of a history and its check report.
 *
 * <p>From top to bottom: the run's phases on a time axis; fault spans; workload operations as invoke→completion
 * bars coloured by outcome; each gateway's pod (uid changes, initialised, terminating, probe failures); then, for
 * each resource a violation names (and the EIP or rules it goes with), its {@code status.ready} over time beside
 * what the gateway really had (the address on net1, the rules in the nat table, from the snapshots), with the
 * violation's interval highlighted and labelled with the invariant and the known issue.
 *
 * <p>A pure function: the same history and report give the same bytes. The SVG is self-contained (no scripts,
 * no external fonts or images). Its size is bounded whatever the history's length: state lanes are drawn per
 * pixel column (the worst state in a column wins), operation bars are capped (beyond the cap the lane becomes a
 * histogram, and operations on the violated resources are drawn with their resource), and the number of resources
 * and gateways shown is capped.
 */
public final class TimelineSvg {

  /**
   * @param width picture width in pixels
   * @param maxResources violated resources drawn with their own lanes
   * @param maxRelated related resources drawn with each (an EIP's FIPs/SNATs/DNATs, a rule's EIP)
   * @param maxOperationRows rows for operation bars
   * @param maxOperationBars operations drawn as bars; more become a histogram
   * @param maxGateways gateway pods drawn
   */
  public record Options(int width, int maxResources, int maxRelated, int maxOperationRows, int maxOperationBars,
      int maxGateways) {
    public static final Options DEFAULT = new Options(1000, 6, 2, 6, 400, 4);

    public Options {
      if (width < 600) {
        throw new IllegalArgumentException("a timeline needs at least 600 px, was " + width);
      }
    }
  }

  /** What a span of a lane shows; the order is the priority when spans share a pixel column. */
  enum Look {
    GONE("#eeeeee", "deleted / not there"),
    NOT_EXPECTED("#d7d7d7", "nothing expected (no address yet)"),
    NO_DATA("#b0b0b0", "no snapshot (probe failed)"),
    POD_PENDING("#b0bec5", "pod pending"),
    POD_RUNNING("#fdd835", "pod running, not initialised"),
    POD_READY("#43a047", "pod running and initialised"),
    POD_TERMINATING("#fb8c00", "pod terminating"),
    READY("#43a047", "status.ready=true"),
    NOT_READY("#fdd835", "status.ready=false"),
    TERMINATING("#fb8c00", "terminating (deletionTimestamp set)"),
    PRESENT("#1e88e5", "on the gateway"),
    PARTIAL("#f06292", "partly on the gateway"),
    WRONG_BINDING("#8e24aa", "slot taken by a rule pointing elsewhere"),
    MISSING("#e53935", "missing from the gateway"),
    LEFTOVER("#6d4c41", "left on the gateway after deletion"),
    OP_OK("#66bb6a", "operation ok"),
    OP_FAIL("#9e9e9e", "operation failed (did not happen)"),
    OP_UNKNOWN("#ab47bc", "operation unknown (may have happened)"),
    OP_PENDING("#ce93d8", "operation without completion"),
    FAULT("#d81b60", "fault active"),
    FAULT_HEAL_FAILED("#880e4f", "fault heal failed");

    final String colour;
    final String legend;

    Look(String colour, String legend) {
      this.colour = colour;
      this.legend = legend;
    }
  }

  record Span(long from, long to, Look look, String note, String tooltip) {}

  record Mark(long time, String colour, String tooltip) {}

  /** A horizontal lane: a state over time, or bars (operations), plus point marks. */
  record Lane(String label, String tooltip, List<Span> spans, List<Mark> marks, boolean bars, Histogram histogram) {
    Lane(String label, String tooltip, List<Span> spans, List<Mark> marks, boolean bars) {
      this(label, tooltip, spans, marks, bars, null);
    }
  }

  /**
   * Operations counted per column of {@code columnPx} pixels, by outcome (ok, fail, unknown, no completion).
   *
   * @param max the largest column total: the full lane height
   */
  record Histogram(int columnPx, long nanosPerColumn, int[][] counts, int max) {}

  /** A sample of a state lane: the state from {@code time} until the next sample. */
  private record Sample(long time, Look look, String note, String tooltip) {}

  private record Op(long id, long start, long end, OperationPhase outcome, String action, String kind, String name,
      String error) {
    String what() {
      return action + " " + kind + "/" + name;
    }
  }

  private static final int LEFT = 220;
  private static final int RIGHT = 24;
  private static final int LANE = 14;
  private static final int PITCH = 20;
  private static final int TOP = 100;
  private static final double CHAR = 6.3;

  private final History history;
  private final CheckReport report;
  private final Options options;
  private final long end;
  private final double plotWidth;
  private final Set<Look> used = EnumSet.noneOf(Look.class);

  private TimelineSvg(History history, CheckReport report, Options options) {
    this.history = Objects.requireNonNull(history, "history");
    this.report = report;
    this.options = options;
    long last = Math.max(history.endTime(), 1);
    if (report != null) {
      for (Violation v : report.violations()) {
        last = Math.max(last, v.interval().toNanos());
      }
    }
    this.end = last;
    this.plotWidth = options.width() - LEFT - RIGHT;
  }

  public static String render(History history, CheckReport report) {
    return render(history, report, Options.DEFAULT);
  }

  /** @param report the check report of {@code history}, or null to draw the run without findings */
  public static String render(History history, CheckReport report, Options options) {
    return new TimelineSvg(history, report, options).draw();
  }

  // ---------------------------------------------------------------- layout

  private String draw() {
    Svg body = new Svg();
    double y = TOP;

    List<Lane> faults = faultLanes();
    y = section(body, y, "Faults", faults.isEmpty()
        ? List.of(new Lane("faults", null, List.of(), List.of(), true)) : faults);
    y = section(body, y, "Workload", operationLanes());
    List<String> gateways = gateways();
    List<Lane> pods = new ArrayList<>();
    for (String gateway : gateways) {
      pods.add(podLane(gateway));
    }
    y = section(body, y, "Gateway pods", pods.isEmpty()
        ? List.of(new Lane("no gateway pod seen", null, List.of(), List.of(), false)) : pods);

    List<ResourceRef> focus = focus();
    for (int i = 0; i < focus.size() && i < options.maxResources(); i++) {
      y = group(body, y, focus.get(i));
    }
    if (focus.size() > options.maxResources()) {
      body.text(8, y + 12, "… and " + (focus.size() - options.maxResources())
          + " more resource(s) with violations: see the verdict attachment", "fill=\"#555555\"");
      y += PITCH;
    }
    double plotBottom = y;
    y = legend(body, y + 8);

    int height = (int) Math.ceil(y + 8);
    Svg svg = new Svg().open(options.width(), height, title());
    svg.rect(0, 0, options.width(), height, "#ffffff", null, null);
    header(svg);
    axis(svg, plotBottom);
    svg.raw(body.toString());
    return svg.close().toString();
  }

  private String title() {
    RunStarted run = history.runStarted().orElse(null);
    return "Timeline of " + (run == null ? "a run" : run.experiment() + " on " + run.target() + " "
        + run.kubeOvnVersion() + " seed " + run.seed());
  }

  private void header(Svg svg) {
    RunStarted run = history.runStarted().orElse(null);
    String first = run == null ? "run without a RunStarted entry"
        : run.experiment() + "  ·  target " + run.target() + "  ·  Kube-OVN " + run.kubeOvnVersion()
            + "  ·  seed " + run.seed();
    svg.text(8, 18, first, "font-size=\"14\" font-weight=\"bold\"");
    String verdict;
    String colour;
    if (report == null) {
      verdict = "not checked";
      colour = "#555555";
    } else if (report.isClean()) {
      verdict = "all invariants hold" + (report.inconclusive().isEmpty() ? ""
          : " (" + report.inconclusive().size() + " inconclusive)");
      colour = "#2e7d32";
    } else {
      List<Violation> all = report.violations();
      long unexplained = report.unexplained().size();
      Set<Invariant> invariants = EnumSet.noneOf(Invariant.class);
      all.forEach(v -> invariants.add(v.invariant()));
      verdict = all.size() + " violation(s) of " + String.join(", ", invariants.stream().map(Enum::name).toList())
          + (unexplained == 0 ? "" : ", " + unexplained + " UNEXPLAINED")
          + (report.knownIssues().isEmpty() ? "" : "  ·  known issue " + String.join(", ", report.knownIssues()));
      colour = unexplained > 0 ? "#c62828" : "#6a1b9a";
    }
    svg.text(8, 36, verdict, "font-size=\"12\" font-weight=\"bold\" fill=\"" + colour + "\"");
    svg.text(8, 52, "time: seconds since the run started" + (run == null || run.startedAt() == null ? ""
        : " (" + run.startedAt() + ")") + "; hover a bar for details", "fill=\"#555555\"");
  }

  private void axis(Svg svg, double bottom) {
    double top = TOP - 14;
    svg.line(LEFT, top, LEFT + plotWidth, top, "#9e9e9e", null);
    double seconds = end / 1e9;
    double step = niceStep(seconds / 10);
    for (int i = 0; i * step <= seconds + 1e-9; i++) {
      double t = i * step;
      double x = x((long) Math.round(t * 1e9));
      svg.line(x, top - 4, x, top, "#9e9e9e", null);
      svg.line(x, top, x, bottom, "#f0f0f0", null);
      svg.text(x, top - 6, format(t, step), "text-anchor=\"middle\" fill=\"#555555\" font-size=\"10\"");
    }
    // run phases: dashed lines across every lane, labels staggered when close
    double lastLabelEnd = -1;
    int row = 0;
    for (PhaseMarker marker : history.entries(PhaseMarker.class).toList()) {
      double x = x(marker.time());
      svg.line(x, top, x, bottom, "#607d8b", "stroke-dasharray=\"4 3\"");
      String label = marker.phase().name().toLowerCase(Locale.ROOT).replace('_', ' ');
      row = x < lastLabelEnd ? (row + 1) % 2 : 0;
      boolean fits = x + 2 + label.length() * 5.2 <= options.width() - 2;
      svg.text(fits ? x + 2 : x - 2, TOP - 44 + row * 10, label, (fits ? "" : "text-anchor=\"end\" ")
          + "fill=\"#455a64\" font-size=\"9\"",
          marker.phase() + String.format(Locale.ROOT, " at %.3f s", marker.time() / 1e9));
      lastLabelEnd = Math.max(lastLabelEnd, x + label.length() * 5.2 + 6);
    }
  }

  private double section(Svg svg, double y, String title, List<Lane> lanes) {
    svg.text(8, y + 11, title, "font-weight=\"bold\" fill=\"#37474f\"");
    y += 16;
    for (Lane lane : lanes) {
      y = lane(svg, y, lane);
    }
    return y + 4;
  }

  private double lane(Svg svg, double y, Lane lane) {
    String title = lane.tooltip() != null ? lane.tooltip() : lane.label().length() > 34 ? lane.label() : null;
    svg.text(16, y + 11, Svg.shorten(lane.label(), 34), null, title);
    svg.rect(LEFT, y, plotWidth, LANE, "#fafafa", "stroke=\"#eeeeee\"", null);
    if (lane.histogram() != null) {
      histogram(svg, y, lane.histogram());
    } else if (lane.bars()) {
      List<Span> spans = lane.spans();
      for (int i = 0; i < spans.size(); i++) {
        // a few bars in a lane (faults, the operations on one resource) are labelled beside them when they are narrow
        double room = spans.size() > 12 ? 0
            : (i + 1 < spans.size() ? x(spans.get(i + 1).from()) : LEFT + plotWidth)
                - Math.max(x(spans.get(i).to()), x(spans.get(i).from()) + 2) - 8;
        bar(svg, y, spans.get(i), room);
      }
    } else {
      stateRuns(svg, y, lane.spans());
    }
    marks(svg, y, lane.marks());
    return y + PITCH;
  }

  /** A state lane drawn per pixel column: the highest-priority look in each column, then runs of equal columns. */
  private void stateRuns(Svg svg, double y, List<Span> spans) {
    int columns = (int) Math.ceil(plotWidth);
    Span[] byColumn = new Span[columns];
    for (Span span : spans) {
      int from = clamp((int) Math.floor(x(span.from()) - LEFT), columns);
      int to = clamp(Math.max(from, (int) Math.ceil(x(span.to()) - LEFT) - 1), columns);
      for (int c = from; c <= to; c++) {
        if (byColumn[c] == null || byColumn[c].look().ordinal() < span.look().ordinal()) {
          byColumn[c] = span;
        }
      }
    }
    int c = 0;
    while (c < columns) {
      Span span = byColumn[c];
      int start = c;
      while (c < columns && byColumn[c] != null && span != null && byColumn[c].look() == span.look()) {
        c++;
      }
      if (span == null) {
        c++;
        continue;
      }
      used.add(span.look());
      double x0 = LEFT + start;
      double w = c - start;
      svg.rect(x0, y + 1, w, LANE - 2, span.look().colour, null, span.tooltip());
      // notes (pod uid, "deleted") where the run starts with the span that carries them and there is room
      Span first = byColumn[start];
      String note = fit(first.note(), w);
      if (note != null) {
        svg.text(x0 + 3, y + 11, note, "font-size=\"9\" fill=\"" + textOn(first.look()) + "\"",
            note.equals(first.note()) ? null : first.note());
      }
    }
  }

  /** Stacked columns, ok at the bottom, then fail, unknown, no completion; height relative to the busiest column. */
  private void histogram(Svg svg, double y, Histogram h) {
    Look[] looks = {Look.OP_OK, Look.OP_FAIL, Look.OP_UNKNOWN, Look.OP_PENDING};
    double height = LANE - 2;
    for (int c = 0; c < h.counts().length; c++) {
      int[] counts = h.counts()[c];
      int total = counts[0] + counts[1] + counts[2] + counts[3];
      if (total == 0) {
        continue;
      }
      String tooltip = String.format(Locale.ROOT, "%.3fs..%.3fs: %d invoked (ok %d, fail %d, unknown %d, no completion"
          + " %d)", c * h.nanosPerColumn() / 1e9, (c + 1) * h.nanosPerColumn() / 1e9, total, counts[0], counts[1],
          counts[2], counts[3]);
      double bottom = y + 1 + height;
      for (int k = 0; k < 4; k++) {
        if (counts[k] == 0) {
          continue;
        }
        // at least a pixel, so a single unknown operation in a busy column still shows
        double part = Math.max(1, height * counts[k] / h.max());
        used.add(looks[k]);
        svg.rect(LEFT + c * h.columnPx(), bottom - part, h.columnPx(), part, looks[k].colour, null, tooltip);
        bottom -= part;
      }
    }
  }

  /** The note, or its part before " on " (a pod's uid without its node), if either fits {@code width} px. */
  private static String fit(String note, double width) {
    if (note == null) {
      return null;
    }
    if (width >= note.length() * CHAR * 0.85 + 4) {
      return note;
    }
    int on = note.indexOf(" on ");
    return on > 0 && width >= on * CHAR * 0.85 + 4 ? note.substring(0, on) : null;
  }

  private void bar(Svg svg, double y, Span span, double roomRight) {
    used.add(span.look());
    double x0 = x(span.from());
    double w = Math.max(x(span.to()) - x0, 2);
    svg.rect(x0, y + 1, w, LANE - 2, span.look().colour,
        span.look() == Look.OP_PENDING ? "stroke=\"#6a1b9a\" stroke-dasharray=\"2 2\"" : "rx=\"2\"", span.tooltip());
    if (span.note() != null && w >= span.note().length() * CHAR * 0.85 + 6) {
      svg.text(x0 + 3, y + 11, span.note(), "font-size=\"9\" fill=\"" + textOn(span.look()) + "\"");
    } else if (span.note() != null && roomRight >= span.note().length() * CHAR) {
      String colour = span.look() == Look.OP_OK ? "#2e7d32" : span.look().colour;
      svg.text(x0 + w + 4, y + 11, span.note(), "font-size=\"10\" fill=\"" + colour + "\"");
    }
  }

  private void marks(Svg svg, double y, List<Mark> marks) {
    Set<Integer> columns = new TreeSet<>();
    for (Mark mark : marks) {
      double x = x(mark.time());
      if (!columns.add((int) x)) {
        continue; // one mark per pixel column
      }
      svg.polygon(Svg.num(x) + "," + Svg.num(y + LANE - 5) + " " + Svg.num(x - 3) + "," + Svg.num(y + LANE + 1)
          + " " + Svg.num(x + 3) + "," + Svg.num(y + LANE + 1), mark.colour(), mark.tooltip());
    }
  }

  private double legend(Svg svg, double y) {
    svg.text(8, y + 11, "Legend", "font-weight=\"bold\" fill=\"#37474f\"");
    double x = LEFT;
    y += 2;
    for (Look look : used) {
      double w = 16 + look.legend.length() * CHAR + 16;
      if (x + w > options.width() - RIGHT) {
        x = LEFT;
        y += 16;
      }
      svg.rect(x, y + 2, 12, 10, look.colour, null, null);
      svg.text(x + 16, y + 11, look.legend, "fill=\"#37474f\"");
      x += w;
    }
    y += 16;
    svg.rect(LEFT, y + 2, 12, 10, "#e53935", "fill-opacity=\"0.15\" stroke=\"#c62828\" stroke-dasharray=\"3 2\"", null);
    svg.text(LEFT + 16, y + 11, "violation interval (first to last snapshot that showed it)", "fill=\"#37474f\"");
    svg.polygon((LEFT + 396) + "," + Svg.num(y + 3) + " " + (LEFT + 392) + "," + Svg.num(y + 11) + " " + (LEFT + 400)
        + "," + Svg.num(y + 11), "#37474f", null);
    svg.text(LEFT + 406, y + 11, "witness / probe failure (hover for details)", "fill=\"#37474f\"");
    return y + 16;
  }

  // ---------------------------------------------------------------- resource groups

  /** Resources named by violations, in report order, each once. */
  private List<ResourceRef> focus() {
    Set<ResourceRef> refs = new LinkedHashSet<>();
    if (report != null) {
      report.unexplained().forEach(v -> refs.add(v.resource()));
      report.violations().forEach(v -> refs.add(v.resource()));
    }
    return List.copyOf(refs);
  }

  private double group(Svg svg, double y, ResourceRef ref) {
    List<Violation> violations = report.violations().stream().filter(v -> v.resource().equals(ref)).toList();
    List<Lane> lanes = lanesFor(ref);

    // header: resource name on the left, one label per violation in the plot area
    svg.rect(0, y, options.width(), 1, "#cfd8dc", null, null);
    svg.text(8, y + 14, Svg.shorten(ref.toString(), 36), "font-weight=\"bold\" fill=\"#b71c1c\"", ref.toString());
    double labelY = y + 14;
    Map<String, Integer> labels = new LinkedHashMap<>();
    Map<String, Violation> firstOf = new HashMap<>();
    for (Violation v : violations) {
      String label = v.invariant() + " violated " + interval(v) + "  ·  "
          + (v.knownIssue() == null ? "UNEXPLAINED" : "known issue " + v.knownIssue());
      labels.merge(label, 1, Integer::sum);
      firstOf.putIfAbsent(label, v);
    }
    for (Map.Entry<String, Integer> entry : labels.entrySet()) {
      Violation v = firstOf.get(entry.getKey());
      String label = entry.getKey() + (entry.getValue() > 1 ? "  (×" + entry.getValue() + ")" : "");
      double x = x(v.interval().fromNanos());
      double width = label.length() * CHAR;
      String anchor = x + width > LEFT + plotWidth ? "text-anchor=\"end\" " : "";
      double tx = anchor.isEmpty() ? x : LEFT + plotWidth;
      svg.text(tx, labelY, label, anchor + "font-weight=\"bold\" fill=\"" + (v.knownIssue() == null ? "#c62828"
          : "#6a1b9a") + "\"", v.toString());
      labelY += 13;
    }
    double lanesTop = labelY - 6;
    double lanesY = lanesTop;
    for (Lane lane : lanes) {
      lanesY = lane(svg, lanesY, lane);
    }
    double lanesBottom = lanesY - (PITCH - LANE);
    for (Violation v : violations) {
      double x0 = x(v.interval().fromNanos());
      double w = Math.max(x(v.interval().toNanos()) - x0, 3);
      svg.rect(x0, lanesTop - 2, w, lanesBottom - lanesTop + 4, "#e53935",
          "fill-opacity=\"0.15\" stroke=\"#c62828\" stroke-dasharray=\"3 2\"", v.toString());
      for (Witness witness : v.witnesses()) {
        double wx = x(witness.time());
        svg.polygon(Svg.num(wx) + "," + Svg.num(lanesBottom + 1) + " " + Svg.num(wx - 3) + ","
            + Svg.num(lanesBottom + 7) + " " + Svg.num(wx + 3) + "," + Svg.num(lanesBottom + 7), "#37474f",
            "#" + witness.seq() + String.format(Locale.ROOT, " @%.3fs ", witness.time() / 1e9) + witness.shows());
      }
    }
    double textY = lanesBottom + 20;
    int chars = (int) ((options.width() - 16) / CHAR);
    for (Violation v : violations) {
      svg.text(8, textY, Svg.shorten(v.invariant() + ": " + v.message(), chars), "fill=\"#37474f\"", v.message());
      textY += 14;
    }
    return textY + 2;
  }

  private List<Lane> lanesFor(ResourceRef ref) {
    List<Lane> lanes = new ArrayList<>();
    switch (ref.kind()) {
      case "eip", "fip", "snat", "dnat" -> {
        lanes.addAll(resourceLanes(ref));
        List<ResourceRef> related = related(ref);
        for (ResourceRef other : related) {
          lanes.addAll(resourceLanes(other));
        }
        List<ResourceRef> all = new ArrayList<>(List.of(ref));
        all.addAll(related);
        Lane ops = operationsOn(all);
        if (ops != null) {
          lanes.add(ops);
        }
      }
      case "rule" -> lanes.add(ruleLane(ref.name()));
      case "address" -> lanes.add(addressLane(ref.name()));
      case "gateway" -> lanes.add(podLane(ref.name()));
      default -> lanes.add(new Lane(ref.toString(), null, List.of(), List.of(), false));
    }
    return lanes;
  }

  /** An EIP's users, or a FIP/SNAT/DNAT's EIP: what its state depends on or explains. */
  private List<ResourceRef> related(ResourceRef ref) {
    Set<ResourceRef> related = new LinkedHashSet<>();
    for (ResourceObserved observed : history.entries(ResourceObserved.class).toList()) {
      NatResourceState s = observed.state();
      if (ref.kind().equals("eip") && s.kind() != NatResourceKind.EIP && ref.name().equals(s.eip())) {
        related.add(refOf(s));
      } else if (!ref.kind().equals("eip") && refOf(s).equals(ref) && s.eip() != null) {
        related.add(new ResourceRef("eip", s.eip()));
      }
    }
    return related.stream().limit(options.maxRelated()).toList();
  }

  /** Readiness lane and gateway-truth lane of one custom resource. */
  private List<Lane> resourceLanes(ResourceRef ref) {
    List<Sample> ready = new ArrayList<>();
    List<Sample> truth = new ArrayList<>();
    Map<ResourceRef, NatResourceState> known = new TreeMap<>(TimelineSvg::compare);
    Set<ResourceRef> deleted = new TreeSet<>(TimelineSvg::compare);
    NatResources world = NatResources.of(List.of());
    boolean worldStale = false;
    String lastUid = null;
    String ip = null;
    for (HistoryEntry entry : history.entries()) {
      if (entry instanceof ResourceObserved observed) {
        NatResourceState s = observed.state();
        known.put(refOf(s), s);
        if (observed.change() == ChangeType.DELETED) {
          deleted.add(refOf(s));
        } else {
          deleted.remove(refOf(s));
        }
        worldStale = true;
        if (!refOf(s).equals(ref)) {
          continue;
        }
        String describe = describe(observed);
        String note = lastUid != null && s.uid() != null && !s.uid().equals(lastUid) ? "new uid" : null;
        lastUid = s.uid();
        if (observed.change() == ChangeType.DELETED) {
          ready.add(new Sample(observed.time(), Look.GONE, "deleted", describe));
        } else {
          ready.add(new Sample(observed.time(), s.terminating() ? Look.TERMINATING
              : s.ready() ? Look.READY : Look.NOT_READY, note, describe));
        }
      } else if (entry instanceof SnapshotTaken taken) {
        NatResourceState state = known.get(ref);
        if (state == null) {
          continue;
        }
        if (worldStale) {
          world = NatResources.of(known.values());
          worldStale = false;
        }
        String gateway = world.gatewayOf(state);
        GatewaySnapshot snapshot = taken.snapshot();
        if (gateway != null && !gateway.equals(snapshot.gateway())) {
          continue;
        }
        GatewayHolding holding = GatewayHolding.of(state, world, new GatewayHolding.Index(snapshot));
        if (state.kind() == NatResourceKind.EIP && state.v4ip() != null) {
          ip = state.v4ip();
        }
        boolean gone = deleted.contains(ref);
        // once deleted, nothing is expected: absence is right and whatever is left is a leftover
        Look look = !gone ? look(holding.holding())
            : holding.holding() == GatewayHolding.Holding.PRESENT || holding.holding() == GatewayHolding.Holding.PARTIAL
                ? Look.LEFTOVER : Look.GONE;
        truth.add(new Sample(taken.time(), look, null, String.format(Locale.ROOT, "#%d @%.3fs %s uid=%s: %s%s",
            taken.seq(), taken.time() / 1e9, snapshot.podName(), snapshot.podUid(), gone ? "(deleted) " : "",
            holding.detail())));
      } else if (entry instanceof ProbeFailed failed) {
        NatResourceState state = known.get(ref);
        if (state != null && !truth.isEmpty()) {
          truth.add(new Sample(failed.time(), Look.NO_DATA, null, String.format(Locale.ROOT,
              "#%d @%.3fs probe failed: %s", failed.seq(), failed.time() / 1e9, failed.message())));
        }
      }
    }
    String what = ref.kind().equals("eip") ? (ip == null ? "address" : ip) + " on net1" : "rules on gateway";
    return List.of(
        new Lane(ref + " status.ready", null, spans(ready), List.of(), false),
        new Lane(ref.name() + " " + what, "what the gateway had: " + ref + " " + what, spans(truth), List.of(),
            false));
  }

  private Lane ruleLane(String line) {
    List<Sample> samples = new ArrayList<>();
    for (SnapshotTaken taken : history.entries(SnapshotTaken.class).toList()) {
      boolean present = taken.snapshot().nat().rules().stream().anyMatch(r -> r.line().equals(line));
      samples.add(new Sample(taken.time(), present ? Look.PRESENT : Look.GONE, null,
          "#" + taken.seq() + " " + taken.snapshot().podName() + (present ? " has " : " lacks ") + line));
    }
    return new Lane("rule on gateway", line, spans(samples), List.of(), false);
  }

  private Lane addressLane(String ip) {
    List<Sample> samples = new ArrayList<>();
    for (SnapshotTaken taken : history.entries(SnapshotTaken.class).toList()) {
      boolean present = taken.snapshot().hasAddress(ip);
      samples.add(new Sample(taken.time(), present ? Look.PRESENT : Look.GONE, null,
          "#" + taken.seq() + " " + taken.snapshot().podName() + (present ? " has " : " lacks ") + ip));
    }
    return new Lane(ip + " on net1", null, spans(samples), List.of(), false);
  }

  private Lane operationsOn(List<ResourceRef> refs) {
    List<Span> bars = new ArrayList<>();
    for (Op op : operations()) {
      if (refs.contains(new ResourceRef(op.kind(), op.name()))) {
        bars.add(opSpan(op));
      }
    }
    String names = String.join(", ", refs.stream().map(ResourceRef::name).toList());
    return bars.isEmpty() ? null : new Lane("operations on " + names, null, bars, List.of(), true);
  }

  // ---------------------------------------------------------------- gateway pods

  private List<String> gateways() {
    Set<String> gateways = new TreeSet<>();
    history.entries(GatewayPodObserved.class).forEach(p -> gateways.add(gatewayOf(p.pod())));
    history.entries(SnapshotTaken.class).forEach(s -> gateways.add(s.snapshot().gateway()));
    return gateways.stream().limit(options.maxGateways()).toList();
  }

  private Lane podLane(String gateway) {
    List<Sample> samples = new ArrayList<>();
    List<Mark> marks = new ArrayList<>();
    String lastUid = null;
    int lastRestarts = -1;
    boolean informer = history.entries(GatewayPodObserved.class).anyMatch(p -> gatewayOf(p.pod()).equals(gateway));
    for (HistoryEntry entry : history.entries()) {
      if (entry instanceof GatewayPodObserved observed && gatewayOf(observed.pod()).equals(gateway)) {
        GatewayPodState pod = observed.pod();
        String note = Objects.equals(pod.uid(), lastUid) ? null
            : "uid " + shortUid(pod.uid()) + (pod.node() == null ? "" : " on " + pod.node());
        lastUid = pod.uid();
        if (lastRestarts >= 0 && pod.restartCount() > lastRestarts) {
          marks.add(new Mark(observed.time(), "#fb8c00", "container restarted: restartCount " + pod.restartCount()));
        }
        lastRestarts = pod.restartCount();
        Look look = observed.change() == ChangeType.DELETED ? Look.GONE
            : pod.terminating() ? Look.POD_TERMINATING
            : !"Running".equals(pod.phase()) ? Look.POD_PENDING
            : pod.initialised() ? Look.POD_READY : Look.POD_RUNNING;
        samples.add(new Sample(observed.time(), look, observed.change() == ChangeType.DELETED ? "deleted" : note,
            String.format(Locale.ROOT, "#%d @%.3fs %s %s uid=%s node=%s phase=%s initialised=%s restartCount=%d%s",
                observed.seq(), observed.time() / 1e9, pod.name(), observed.change(), pod.uid(), pod.node(),
                pod.phase(), pod.initialised(), pod.restartCount(), pod.terminating() ? " terminating" : "")));
      } else if (entry instanceof SnapshotTaken taken && !informer && taken.snapshot().gateway().equals(gateway)) {
        GatewaySnapshot s = taken.snapshot();
        String note = Objects.equals(s.podUid(), lastUid) ? null : "uid " + shortUid(s.podUid());
        lastUid = s.podUid();
        samples.add(new Sample(taken.time(), s.initialised() ? Look.POD_READY : Look.POD_RUNNING, note,
            "#" + taken.seq() + " snapshot of " + s.podName() + " uid=" + s.podUid()));
      } else if (entry instanceof ProbeFailed failed && gateway.equals(failed.gateway())) {
        marks.add(new Mark(failed.time(), "#c62828", String.format(Locale.ROOT, "#%d @%.3fs probe failed: %s",
            failed.seq(), failed.time() / 1e9, failed.message())));
      }
    }
    return new Lane("gateway " + gateway + " pod", "pod of VpcNatGateway " + gateway, spans(samples), marks, false);
  }

  // ---------------------------------------------------------------- faults and operations

  private List<Lane> faultLanes() {
    Map<String, FaultEvent> starts = new LinkedHashMap<>();
    List<Span> spans = new ArrayList<>();
    for (FaultEvent fault : history.entries(FaultEvent.class).toList()) {
      if (fault.phase() == FaultPhase.START) {
        starts.put(fault.faultId(), fault);
        continue;
      }
      FaultEvent start = starts.remove(fault.faultId());
      long from = start == null ? 0 : start.time();
      spans.add(faultSpan(start == null ? fault : start, from, fault.time(),
          fault.phase() == FaultPhase.HEAL_FAILED, fault.detail()));
    }
    for (FaultEvent start : starts.values()) {
      spans.add(faultSpan(start, start.time(), end, false, "never healed in this history"));
    }
    spans.sort((a, b) -> Long.compare(a.from(), b.from()));
    return pack("faults", spans, 3);
  }

  private Span faultSpan(FaultEvent start, long from, long to, boolean healFailed, String endDetail) {
    String tooltip = String.format(Locale.ROOT, "fault %s (%s) %.3fs..%.3fs: %s%s", start.fault(), start.faultId(),
        from / 1e9, to / 1e9, start.detail(), endDetail == null || endDetail.equals(start.detail()) ? ""
            : " / end: " + endDetail);
    return new Span(from, to, healFailed ? Look.FAULT_HEAL_FAILED : Look.FAULT, start.fault(), tooltip);
  }

  private List<Op> operations() {
    Map<Long, OperationEvent> invoked = new HashMap<>();
    List<Op> ops = new ArrayList<>();
    for (OperationEvent event : history.entries(OperationEvent.class).toList()) {
      if (event.phase() == OperationPhase.INVOKE) {
        invoked.put(event.operationId(), event);
        continue;
      }
      OperationEvent start = invoked.remove(event.operationId());
      OperationEvent first = start == null ? event : start;
      ops.add(new Op(event.operationId(), first.time(), event.time(), event.phase(), event.action(), event.kind(),
          event.name(), event.error()));
    }
    for (OperationEvent start : invoked.values()) {
      ops.add(new Op(start.operationId(), start.time(), -1, OperationPhase.INVOKE, start.action(), start.kind(),
          start.name(), null));
    }
    ops.sort((a, b) -> a.start() != b.start() ? Long.compare(a.start(), b.start()) : Long.compare(a.id(), b.id()));
    return ops;
  }

  private Span opSpan(Op op) {
    Look look = switch (op.outcome()) {
      case OK -> Look.OP_OK;
      case FAIL -> Look.OP_FAIL;
      case UNKNOWN -> Look.OP_UNKNOWN;
      default -> Look.OP_PENDING;
    };
    long to = op.end() < 0 ? end : op.end();
    String tooltip = String.format(Locale.ROOT, "operation %d %s: %s %.3fs..%s%s", op.id(), op.what(),
        op.outcome() == OperationPhase.INVOKE ? "no completion" : op.outcome().name().toLowerCase(Locale.ROOT),
        op.start() / 1e9, op.end() < 0 ? "end" : String.format(Locale.ROOT, "%.3fs", op.end() / 1e9),
        op.error() == null ? "" : " (" + op.error() + ")");
    return new Span(op.start(), to, look, op.what(), tooltip);
  }

  private List<Lane> operationLanes() {
    List<Op> ops = operations();
    if (ops.isEmpty()) {
      return List.of(new Lane("no operations", null, List.of(), List.of(), true));
    }
    if (ops.size() <= options.maxOperationBars()) {
      List<Span> spans = ops.stream().map(this::opSpan).toList();
      return pack("operations", spans, options.maxOperationRows());
    }
    // too many to draw one by one: invocations counted per 4 px column, stacked by outcome
    int columnPx = 4;
    int columns = (int) Math.ceil(plotWidth / columnPx);
    int[][] counts = new int[columns][4];
    for (Op op : ops) {
      int column = clamp((int) ((x(op.start()) - LEFT) / columnPx), columns);
      counts[column][switch (op.outcome()) {
        case OK -> 0;
        case FAIL -> 1;
        case UNKNOWN -> 2;
        default -> 3;
      }]++;
    }
    int max = 1;
    for (int[] column : counts) {
      max = Math.max(max, column[0] + column[1] + column[2] + column[3]);
    }
    long nanosPerColumn = (long) Math.ceil(end * (double) columnPx / plotWidth);
    return List.of(new Lane(ops.size() + " operations (histogram)", "too many operations to draw one by one: each"
        + " column counts the operations invoked in " + columnPx + " px, stacked ok / fail / unknown / no completion;"
        + " full height = " + max, List.of(), List.of(), false, new Histogram(columnPx, nanosPerColumn, counts, max)));
  }

  /** Greedy interval packing of bars into at most {@code maxRows} rows; the rest go into the last row. */
  private List<Lane> pack(String name, List<Span> spans, int maxRows) {
    List<List<Span>> rows = new ArrayList<>();
    List<Double> rowEnds = new ArrayList<>();
    for (Span span : spans) {
      double x0 = x(span.from());
      double x1 = Math.max(x(span.to()), x0 + 2);
      int row = -1;
      for (int r = 0; r < rows.size(); r++) {
        if (rowEnds.get(r) + 1 < x0) {
          row = r;
          break;
        }
      }
      if (row < 0) {
        if (rows.size() < maxRows) {
          rows.add(new ArrayList<>());
          rowEnds.add(0.0);
        }
        row = rows.size() - 1;
      }
      rows.get(row).add(span);
      rowEnds.set(row, Math.max(rowEnds.get(row), x1));
    }
    List<Lane> lanes = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      lanes.add(new Lane(rows.size() == 1 ? name : name + " " + (r + 1), null, rows.get(r), List.of(), true));
    }
    return lanes;
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Samples to spans, each lasting until the next sample. A note (a pod's new uid) on a span too narrow to print it
   * moves to the next span that has none, so a short pending phase does not hide which pod came up.
   */
  private List<Span> spans(List<Sample> samples) {
    List<Span> spans = new ArrayList<>(samples.size());
    String carried = null;
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      long to = Math.max(i + 1 < samples.size() ? samples.get(i + 1).time() : end, s.time());
      String note = s.note() != null ? s.note() : carried;
      carried = null;
      if (note != null && fit(note, x(to) - x(s.time())) == null && i + 1 < samples.size()
          && samples.get(i + 1).note() == null) {
        carried = note;
        note = null;
      }
      spans.add(new Span(s.time(), to, s.look(), note, s.tooltip()));
    }
    return spans;
  }

  private double x(long nanos) {
    return LEFT + plotWidth * Math.min(Math.max(nanos, 0), end) / (double) end;
  }

  private static Look look(GatewayHolding.Holding holding) {
    return switch (holding) {
      case PRESENT -> Look.PRESENT;
      case PARTIAL -> Look.PARTIAL;
      case MISSING -> Look.MISSING;
      case WRONG_BINDING -> Look.WRONG_BINDING;
      case NOTHING_EXPECTED -> Look.NOT_EXPECTED;
    };
  }

  private static String textOn(Look look) {
    return switch (look) {
      case POD_RUNNING, NOT_READY, GONE, NOT_EXPECTED, NO_DATA, POD_PENDING, OP_OK, OP_FAIL, OP_PENDING -> "#212121";
      default -> "#ffffff";
    };
  }

  private static int clamp(int value, int size) {
    return Math.max(0, Math.min(size - 1, value));
  }

  private static ResourceRef refOf(NatResourceState state) {
    return new ResourceRef(state.kind().shortName(), state.name());
  }

  private static int compare(ResourceRef a, ResourceRef b) {
    return a.kind().equals(b.kind()) ? a.name().compareTo(b.name()) : a.kind().compareTo(b.kind());
  }

  private static String gatewayOf(GatewayPodState pod) {
    return pod.gateway() == null ? pod.name() : pod.gateway();
  }

  private static String shortUid(String uid) {
    if (uid == null) {
      return "?";
    }
    return uid.length() <= 20 ? uid : "…" + uid.substring(uid.length() - 12);
  }

  private static String interval(Violation v) {
    return String.format(Locale.ROOT, "%.3f–%.3f s", v.interval().fromNanos() / 1e9, v.interval().toNanos() / 1e9);
  }

  private static String describe(ResourceObserved observed) {
    NatResourceState s = observed.state();
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "#%d @%.3fs ", observed.seq(),
        observed.time() / 1e9)).append(s.ref()).append(' ').append(observed.change()).append(" rv=")
        .append(s.resourceVersion()).append(" ready=").append(s.ready());
    if (s.terminating()) {
      out.append(" terminating");
    }
    if (s.kind() == NatResourceKind.EIP) {
      out.append(" ip=").append(s.v4ip()).append(" nat=").append(s.nat());
    } else {
      out.append(" eip=").append(s.eip()).append(" v4ip=").append(s.v4ip());
    }
    return out.append(" redo=").append(s.redo()).append(" finalizers=").append(s.finalizers()).toString();
  }

  static double niceStep(double raw) {
    if (raw <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double factor : new double[] {1, 2, 5, 10}) {
      if (factor * magnitude >= raw) {
        return factor * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String format(double seconds, double step) {
    int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
    return String.format(Locale.ROOT, "%." + decimals + "f s", seconds);
  }
}

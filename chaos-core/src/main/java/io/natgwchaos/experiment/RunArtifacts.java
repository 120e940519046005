package io.natgwchaos.experiment;

import io.natgwchaos.check.CheckReport;
import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.history.History;
import io.natgwchaos.history.HistoryJson;
import io.natgwchaos.history.SnapshotTaken;
import io.natgwchaos.targets.ChaosTarget;
import io.natgwchaos.targets.TargetSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence of one run on disk, under {@code <chaos.runsDir>/<experiment>/<run>/}: {@code history.jsonl}
 * (re-checkable offline), {@code check-report.txt}, the last gateway snapshots ({@code snapshots/}: the raw
 * {@code iptables-save} and {@code ip addr} output and the parsed form), {@code run.txt} (target, seed, timings,
 * how to repeat it) and what the target collects ({@code target/}: controller logs, events, kind logs). Best
 * effort: a part that cannot be written is noted and never hides the failure being diagnosed.
 */
public final class RunArtifacts {
  public static final String RUNS_DIR = "chaos.runsDir";
  public static final String DEFAULT_RUNS_DIR = "target/chaos-runs";
  /** Snapshots kept per gateway. */
  static final int LAST_SNAPSHOTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(RunArtifacts.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private RunArtifacts() {}

  /** {@code <runsDir>/<experiment>/<yyyyMMdd-HHmmss>-<target>-<version>-seed<seed>}, names made path-safe. */
  public static Path directory(TargetSettings settings, String experiment, String target, String version, long seed,
      Instant when) {
    String run = STAMP.format(when) + "-" + target + (version == null || version.isEmpty() ? "" : "-" + version)
        + "-seed" + seed;
    return Path.of(settings.get(RUNS_DIR, DEFAULT_RUNS_DIR)).resolve(safe(experiment)).resolve(safe(run));
  }

  /**
   * Writes everything there is: the history, the report if the run was checked, the last snapshots, the target's
   * diagnostics.
   *
   * @param report null when the run never got to the check
   * @param facts lines for {@code run.txt}
   * @return the directory
   */
  public static Path write(Path directory, History history, CheckReport report, ChaosTarget target,
      Map<String, String> facts) {
    List<String> errors = new ArrayList<>();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create run directory " + directory, e);
    }
    attempt(errors, "run.txt", () -> {
      StringBuilder text = new StringBuilder();
      facts.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
      write(directory.resolve("run.txt"), text.toString());
    });
    attempt(errors, "history.jsonl", () -> HistoryJson.write(history, directory.resolve("history.jsonl")));
    if (report != null) {
      attempt(errors, "check-report.txt", () -> write(directory.resolve("check-report.txt"), report.summary()));
    }
    attempt(errors, "snapshots", () -> writeSnapshots(directory.resolve("snapshots"), history));
    if (target != null) {
      attempt(errors, "target diagnostics", () -> target.collectDiagnostics(directory.resolve("target")));
    }
    if (!errors.isEmpty()) {
      attempt(new ArrayList<>(), "errors", () -> write(directory.resolve("artifacts-errors.txt"),
          String.join("\n", errors) + "\n"));
    }
    return directory;
  }

  /** The facts of a result, for {@code run.txt}. */
  public static Map<String, String> facts(ExperimentResult result) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("experiment", result.experiment());
    facts.put("target", result.target().name());
    facts.put("kubeovn.version", result.target().kubeOvnVersion());
    facts.put("seed", result.seed() + " (re-run with -D" + Seeds.SEED + "=" + result.seed() + ")");
    facts.put("timeScale", String.valueOf(result.target().timeScale()));
    facts.put("faults", result.faults().toString());
    facts.put("workload", result.workload().toString());
    facts.put("snapshots", result.cadence().toString());
    facts.put("settled", String.valueOf(result.settled()));
    facts.put("timings", result.timings().toString());
    result.target().environment().forEach((k, v) -> facts.put("env." + k, v));
    facts.put("verdict", result.report().summary().lines().findFirst().orElse(""));
    return facts;
  }

  private static void writeSnapshots(Path directory, History history) throws IOException {
    Files.createDirectories(directory);
    Map<String, List<SnapshotTaken>> byGateway = new LinkedHashMap<>();
    history.entries(SnapshotTaken.class).forEach(s ->
        byGateway.computeIfAbsent(s.snapshot().gateway(), g -> new ArrayList<>()).add(s));
    for (Map.Entry<String, List<SnapshotTaken>> entry : byGateway.entrySet()) {
      List<SnapshotTaken> all = entry.getValue();
      for (SnapshotTaken taken : all.subList(Math.max(0, all.size() - LAST_SNAPSHOTS), all.size())) {
        String base = safe(entry.getKey()) + "-" + taken.seq();
        GatewaySnapshot snapshot = taken.snapshot();
        if (snapshot.raw() != null) {
          write(directory.resolve(base + "-iptables-save.txt"), snapshot.raw().iptablesSave());
          write(directory.resolve(base + "-ip-addr.txt"), snapshot.raw().ipAddr());
        }
        write(directory.resolve(base + "-parsed.json"), HistoryJson.toLine(taken) + "\n");
      }
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text == null ? "" : text, StandardCharsets.UTF_8);
  }

  private interface Part {
    void write() throws IOException;
  }

  private static void attempt(List<String> errors, String what, Part part) {
    try {
      part.write();
    } catch (IOException | RuntimeException e) {
      errors.add(what + ": " + e);
      LOG.warn("run artifacts: cannot write {}: {}", what, e.getMessage());
    }
  }

  static String safe(String name) {
    String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return cleaned.isEmpty() ? "_" : cleaned;
  }
}

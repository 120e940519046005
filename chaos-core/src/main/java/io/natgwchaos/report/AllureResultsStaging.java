package io.natgwchaos.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Prepares an Allure 2 report generation and keeps its history, for the {@code reports} module's build.
 *
 * <ul>
 *   <li>{@code stage}: empties the staging directory, copies every results directory that exists into it (results,
 *       containers and attachments have unique names; {@code environment.properties} entries are merged, the first
 *       directory winning), writes {@code categories.json} when none came along, and copies the previous report's
 *       {@code history/} in, so that the new report has trends and per-test history.</li>
 *   <li>{@code keep-history}: copies the new report's {@code history/} to the history directory for next time.</li>
 * </ul>
 *
 * <p>Usage: {@code stage <staging dir> <history dir> <results dir>[,<results dir>...]} and
 * {@code keep-history <report dir> <history dir>}. Allure 2 only keeps history when the previous report's
 * {@code history/} is in the results it generates from; allure-maven 2.17.0 does not do it.
 */
public final class AllureResultsStaging {
  private AllureResultsStaging() {}

  /** What {@link #stage} did. */
  public record Staged(int results, int files, int historyFiles, List<Path> found, List<Path> missing) {
    @Override
    public String toString() {
      return "staged " + results + " test result(s), " + files + " file(s) from " + found
          + (missing.isEmpty() ? "" : " (not found: " + missing + ")")
          + (historyFiles == 0 ? ", no previous history" : ", previous history (" + historyFiles + " file(s))");
    }
  }

  public static void main(String[] args) {
    if (args.length == 3 && args[0].equals("keep-history")) {
      int files = keepHistory(Path.of(args[1]), Path.of(args[2]));
      System.out.println("[allure] kept the report's history (" + files + " file(s)) in " + args[2]);
      return;
    }
    if (args.length == 4 && args[0].equals("stage")) {
      List<Path> sources = new ArrayList<>();
      for (String dir : args[3].split(",")) {
        if (!dir.isBlank()) {
          sources.add(Path.of(dir.strip()));
        }
      }
      Staged staged = stage(Path.of(args[1]), Path.of(args[2]), sources);
      System.out.println("[allure] " + staged + " into " + args[1]);
      if (staged.results() == 0) {
        System.out.println("[allure] no test results: the report will be empty (run the experiments first,"
            + " or point -Dchaos.report.results at a results directory)");
      }
      return;
    }
    throw new IllegalArgumentException("usage: stage <staging dir> <history dir> <results dir>[,<results dir>...]"
        + " | keep-history <report dir> <history dir>");
  }

  public static Staged stage(Path staging, Path history, List<Path> sources) {
    try {
      deleteTree(staging);
      Files.createDirectories(staging);
      int results = 0;
      int files = 0;
      List<Path> found = new ArrayList<>();
      List<Path> missing = new ArrayList<>();
      Map<String, String> environment = new TreeMap<>();
      for (Path source : sources) {
        if (!Files.isDirectory(source)) {
          missing.add(source);
          continue;
        }
        found.add(source);
        try (Stream<Path> entries = Files.list(source)) {
          for (Path file : entries.filter(Files::isRegularFile).sorted().toList()) {
            String name = file.getFileName().toString();
            if (name.equals("environment.properties")) {
              Properties properties = new Properties();
              try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
              }
              properties.stringPropertyNames().forEach(k -> environment.putIfAbsent(k, properties.getProperty(k)));
              continue;
            }
            Path target = staging.resolve(name);
            if (Files.exists(target)) {
              continue; // executor.json/categories.json of a later directory; results have unique names
            }
            Files.copy(file, target);
            files++;
            if (name.endsWith("-result.json")) {
              results++;
            }
          }
        }
      }
      if (!environment.isEmpty()) {
        Properties merged = new Properties();
        merged.putAll(environment);
        try (Writer out = Files.newBufferedWriter(staging.resolve("environment.properties"), StandardCharsets.UTF_8)) {
          merged.store(out, null);
        }
      }
      if (!Files.exists(staging.resolve("categories.json"))) {
        Files.writeString(staging.resolve("categories.json"), AllureEnvironment.categoriesJson(),
            StandardCharsets.UTF_8);
      }
      int historyFiles = copyFlat(history, staging.resolve("history"));
      return new Staged(results, files, historyFiles, found, missing);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage Allure results into " + staging, e);
    }
  }

  /** Copies {@code report/history/*} to {@code history}, replacing what was there; returns the number of files. */
  public static int keepHistory(Path report, Path history) {
    Path source = report.resolve("history");
    if (!Files.isDirectory(source)) {
      return 0;
    }
    try {
      deleteTree(history);
      return copyFlat(source, history);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the Allure history in " + history, e);
    }
  }

  private static int copyFlat(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return 0;
    }
    Files.createDirectories(to);
    int count = 0;
    try (Stream<Path> entries = Files.list(from)) {
      for (Path file : entries.filter(Files::isRegularFile).sorted().toList()) {
        Files.copy(file, to.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        count++;
      }
    }
    return count;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}

package io.natgwchaos.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A generated Allure 2 report as its files say it: {@code data/test-cases/<uid>.json} (one per test case, with its
 * status, status message, links, parameters, {@code extra.categories} and the test stage's attachments) and
 * {@code data/attachments/<source>}. Only what the report checks need; reads, never writes.
 */
final class GeneratedReport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path directory;

  GeneratedReport(Path directory) {
    this.directory = directory;
  }

  Path directory() {
    return directory;
  }

  /** Whether this looks like a generated report at all (index.html and the test-cases folder). */
  boolean exists() {
    return Files.isRegularFile(directory.resolve("index.html"))
        && Files.isDirectory(directory.resolve("data").resolve("test-cases"));
  }

  /** Every test case of the report, in file name order. */
  List<TestCase> testCases() {
    Path dir = directory.resolve("data").resolve("test-cases");
    try (Stream<Path> files = Files.list(dir)) {
      List<TestCase> cases = new ArrayList<>();
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
          .sorted(Comparator.comparing(Path::toString)).toList()) {
        cases.add(new TestCase(this, JSON.readTree(Files.readString(file, StandardCharsets.UTF_8))));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the test cases in " + dir, e);
    }
  }

  /** An attachment's file in the report, by its {@code source}. */
  Path attachmentFile(String source) {
    return directory.resolve("data").resolve("attachments").resolve(source);
  }

  static String text(JsonNode node) {
    return node != null && node.isString() ? node.stringValue() : "";
  }

  /** One test case of the report. */
  record TestCase(GeneratedReport report, JsonNode json) {

    String uid() {
      return text(json.path("uid"));
    }

    String name() {
      return text(json.path("name"));
    }

    String fullName() {
      return text(json.path("fullName"));
    }

    /** A retry the report shows only under the latest result of the same test. */
    boolean hidden() {
      return json.path("hidden").asBoolean(false);
    }

    /** passed, failed, broken, skipped, unknown. */
    String status() {
      return text(json.path("status"));
    }

    String statusMessage() {
      return text(json.path("statusMessage"));
    }

    /** The value of a parameter, by name. */
    Optional<String> parameter(String name) {
      for (JsonNode p : json.path("parameters")) {
        if (name.equals(text(p.path("name")))) {
          return Optional.of(text(p.path("value")));
        }
      }
      return Optional.empty();
    }

    /** The names of the categories the generator put the case into. */
    List<String> categories() {
      List<String> names = new ArrayList<>();
      json.path("extra").path("categories").forEach(c -> names.add(text(c.path("name"))));
      return names;
    }

    /** The links, as {@code type url}. */
    List<String> links() {
      List<String> links = new ArrayList<>();
      json.path("links").forEach(l -> links.add(text(l.path("type")) + " " + text(l.path("url"))));
      return links;
    }

    /** The test stage's attachments. */
    List<Attachment> attachments() {
      List<Attachment> attachments = new ArrayList<>();
      json.path("testStage").path("attachments").forEach(a -> attachments.add(
          new Attachment(text(a.path("name")), text(a.path("type")), text(a.path("source")))));
      return attachments;
    }

    /** The first attachment whose name starts with the given text. */
    Optional<Attachment> attachment(String namePrefix) {
      return attachments().stream().filter(a -> a.name().startsWith(namePrefix)).findFirst();
    }

    /** An attachment's content, if its file is in the report. */
    Optional<String> content(Attachment attachment) {
      Path file = report.attachmentFile(attachment.source());
      if (attachment.source().isEmpty() || !Files.isRegularFile(file)) {
        return Optional.empty();
      }
      try {
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read attachment " + file, e);
      }
    }

    @Override
    public String toString() {
      return "\"" + name() + "\" (" + fullName() + ", " + status() + ", uid " + uid() + ")";
    }
  }

  /** An attachment entry of a test case. */
  record Attachment(String name, String type, String source) {
  }
}

package io.natgwchaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.history.History;
import io.natgwchaos.history.HistoryJson;
import io.natgwchaos.history.RunStarted;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The good/bad history corpus: what each file expects of the checker, read from its RunStarted parameters. */
class CorpusTest {

  static Stream<String> goodFiles() {
    return files("good");
  }

  static Stream<String> badFiles() {
    return files("bad");
  }

  static Stream<String> allFiles() {
    return Stream.concat(goodFiles(), badFiles());
  }

  @ParameterizedTest
  @MethodSource("goodFiles")
  void goodHistoriesAreClean(String file) {
    History history = read(file);
    assertThat(parameters(history)).containsEntry("expect.clean", "true");

    CheckReport report = Checker.check(history, settings(history));

    assertThat(report.violations()).as(report.summary()).isEmpty();
    assertThat(report.isClean()).isTrue();
    assertThat(report.inconclusive()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void badHistoriesNameTheirInvariantResourceAndKnownIssue(String file) {
    History history = read(file);
    Map<String, String> expect = parameters(history);
    Invariant invariant = Invariant.valueOf(expect.get("expect.invariant"));
    String resource = expect.get("expect.resource");
    String issue = expect.get("expect.knownIssue");
    Set<String> allowed = new TreeSet<>(List.of(resource));
    if (expect.containsKey("expect.otherResources")) {
      allowed.addAll(Arrays.asList(expect.get("expect.otherResources").split(";")));
    }

    CheckReport report = Checker.check(history, settings(history));

    assertThat(report.verdict(invariant).violations()).as(report.summary())
        .anySatisfy(v -> {
          assertThat(v.resource().toString()).isEqualTo(resource);
          assertThat(v.knownIssue()).isEqualTo(issue);
        });
    assertThat(report.violations()).as(report.summary())
        .allSatisfy(v -> {
          assertThat(allowed).contains(v.resource().toString());
          assertThat(v.knownIssue()).isEqualTo(issue);
          assertThat(v.witnesses()).isNotEmpty();
        });
    assertThat(report.unexplained()).isEmpty();
    assertThat(report.knownIssues()).containsExactly(issue);
    // every bad mechanism here is never repaired: liveness sees it too
    assertThat(report.verdict(Invariant.LIVENESS).violations()).as(report.summary()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("allFiles")
  void jsonLinesRoundTripKeepsEveryEntry(String file) {
    History history = read(file);
    StringWriter out = new StringWriter();

    HistoryJson.write(history, out);
    History back = HistoryJson.read(new StringReader(out.toString()));

    assertThat(back).isEqualTo(history);
  }

  @ParameterizedTest
  @MethodSource("allFiles")
  void committedFilesAreWhatTheGeneratorWrites(String file) {
    assertThat(CorpusWriter.all()).containsKey(file);
    assertThat(read(file)).isEqualTo(CorpusWriter.all().get(file).get());
  }

  @Test
  void theCorpusHasEveryGeneratedFile() {
    assertThat(allFiles()).containsExactlyInAnyOrderElementsOf(CorpusWriter.all().keySet());
  }

  static History read(String file) {
    return HistoryJson.read(root().resolve(file));
  }

  static Map<String, String> parameters(History history) {
    return history.runStarted().map(RunStarted::parameters).orElseThrow();
  }

  static CheckSettings settings(History history) {
    Map<String, String> parameters = parameters(history);
    return new CheckSettings(Duration.ofMillis(Long.parseLong(parameters.get("grace"))),
        Duration.ofMillis(Long.parseLong(parameters.get("settle"))));
  }

  private static Path root() {
    try {
      return Path.of(CorpusTest.class.getResource("/histories").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Stream<String> files(String kind) {
    try (Stream<Path> paths = Files.list(root().resolve(kind))) {
      return paths.filter(p -> p.toString().endsWith(".jsonl")).map(p -> kind + "/" + p.getFileName()).sorted()
          .toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

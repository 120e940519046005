package io.natgwchaos.report;

import java.nio.file.Files;
import java.nio.file.Path;

/** Development aid: renders the timeline of every corpus history, and a long synthetic one, into a directory. */
final class RenderSample {
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/timelines");
    Files.createDirectories(out);
    for (String file : Corpus.files()) {
      Corpus.Run run = Corpus.run(file);
      Files.writeString(out.resolve(file.replace('/', '_').replace(".jsonl", ".svg")),
          TimelineSvg.render(run.history(), run.report()));
    }
    Files.writeString(out.resolve("long-flapping.svg"), TimelineSvg.render(TimelineSvgTest.longHistory(20_000, 5_000),
        null));
  }
}

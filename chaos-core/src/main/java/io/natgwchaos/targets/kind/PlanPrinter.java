package io.natgwchaos.targets.kind;

import java.util.ArrayList;
import java.util.List;

/** Collects the plan: numbered steps, each with the commands, files, downloads and waits it would involve. */
public final class PlanPrinter implements Progress {
  private final List<String> lines = new ArrayList<>();
  private int step;

  public synchronized void header(String text) {
    lines.add("# " + text);
  }

  @Override
  public synchronized void step(String title) {
    if (!lines.isEmpty()) {
      lines.add("");
    }
    lines.add(++step + ". " + title);
  }

  @Override
  public synchronized void note(String text) {
    for (String line : text.split("\n", -1)) {
      lines.add("   " + line);
    }
  }

  /** A command line, as {@link io.natgwchaos.targets.process.PlanProcessRunner} prints it. */
  public void command(String line) {
    note(line);
  }

  public synchronized String text() {
    return String.join("\n", lines) + "\n";
  }
}

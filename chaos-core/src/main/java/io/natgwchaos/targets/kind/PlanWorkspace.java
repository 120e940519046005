package io.natgwchaos.targets.kind;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Writes nothing: prints what would be written or downloaded, with the content of written files. */
public final class PlanWorkspace implements Workspace {
  private final Path root;
  private final PlanPrinter printer;

  public PlanWorkspace(Path root, PlanPrinter printer) {
    this.root = root;
    this.printer = printer;
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public void write(Path file, String content) {
    StringBuilder text = new StringBuilder("write " + file + ":");
    for (String line : content.strip().split("\n")) {
      text.append("\n    | ").append(line);
    }
    printer.note(text.toString());
  }

  @Override
  public void writePrivate(Path file, String content) {
    printer.note("write " + file + " (mode 600): the kubeconfig printed by the previous command");
  }

  @Override
  public void createDirectories(Path directory) {
    // not worth a plan line: every write creates its directory
  }

  @Override
  public void download(URI uri, Path file, TextPatch patch, Duration timeout) {
    printer.note("download " + uri + " -> " + file + " (" + patch.description() + ")");
  }
}

package io.natgwchaos.targets.kind;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A workspace in memory: keeps what was written and which downloads were asked for, in order. */
final class RecordingWorkspace implements Workspace {
  record Download(URI uri, Path file, TextPatch patch) {}

  private final Path root;
  final Map<Path, String> files = new LinkedHashMap<>();
  final List<Path> privateFiles = new ArrayList<>();
  final List<Download> downloads = new ArrayList<>();

  RecordingWorkspace(Path root) {
    this.root = root;
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public synchronized void write(Path file, String content) {
    files.put(file, content);
  }

  @Override
  public synchronized void writePrivate(Path file, String content) {
    files.put(file, content);
    privateFiles.add(file);
  }

  @Override
  public void createDirectories(Path directory) {}

  @Override
  public synchronized void download(URI uri, Path file, TextPatch patch, Duration timeout) {
    downloads.add(new Download(uri, file, patch));
  }
}

package io.natgwchaos.targets.kind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A workspace on the local disk; downloads go through a {@link TextFetcher}. */
public final class LocalWorkspace implements Workspace {
  private static final Logger LOG = LoggerFactory.getLogger(LocalWorkspace.class);

  private final Path root;
  private final TextFetcher fetcher;

  public LocalWorkspace(Path root, TextFetcher fetcher) {
    this.root = root;
    this.fetcher = fetcher;
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public void write(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public void writePrivate(Path file, String content) {
    write(file, content);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot restrict permissions of " + file, e);
      }
    }
  }

  @Override
  public void createDirectories(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
  }

  @Override
  public void download(URI uri, Path file, TextPatch patch, Duration timeout) {
    String text = fetcher.fetch(uri, timeout);
    write(file, patch.change().apply(text));
    LOG.info("downloaded {} ({} characters) to {}, {}", uri, text.length(), file, patch.description());
  }
}

package io.natgwchaos.targets.kind;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** The run's directory on this machine and what the kind target puts there: configs, scripts, kubeconfig. */
public interface Workspace {
  Path root();

  void write(Path file, String content);

  /** Like {@link #write} but readable by the owner only (the kubeconfig holds credentials). */
  void writePrivate(Path file, String content);

  void createDirectories(Path directory);

  /** Downloads {@code uri}, applies {@code patch} and stores the result as {@code file}. */
  void download(URI uri, Path file, TextPatch patch, Duration timeout);
}

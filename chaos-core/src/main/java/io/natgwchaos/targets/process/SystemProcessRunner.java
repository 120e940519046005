package io.natgwchaos.targets.process;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs commands with {@link ProcessBuilder}; on timeout it kills the process and all its descendants. */
public final class SystemProcessRunner implements ProcessRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SystemProcessRunner.class);
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(5);

  @Override
  public ProcessResult run(ProcessRequest request) {
    ProcessBuilder builder = new ProcessBuilder(request.command());
    request.directory().ifPresent(directory -> builder.directory(directory.toFile()));
    Map<String, String> environment = builder.environment();
    environment.putAll(request.environment());
    if (!request.pathPrefix().isEmpty()) {
      String prefix = request.pathPrefix().stream().map(Path::toString)
          .collect(Collectors.joining(File.pathSeparator));
      String inherited = environment.getOrDefault("PATH", "");
      environment.put("PATH", inherited.isEmpty() ? prefix : prefix + File.pathSeparator + inherited);
    }
    LOG.debug("run: {}", request.shellForm());
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new CommandNotFoundException(request, e);
    }
    String tag = request.program();
    OutputCollector stdout = new OutputCollector(process.getInputStream(), request.streamOutput(), tag);
    OutputCollector stderr = new OutputCollector(process.getErrorStream(), request.streamOutput(), tag);
    stdout.start();
    stderr.start();
    feed(process, request);
    boolean finished;
    try {
      finished = process.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new CommandTimeoutException(request, stdout.text(), stderr.text());
    }
    if (!finished) {
      killTree(process);
      stdout.awaitEnd();
      stderr.awaitEnd();
      LOG.debug("timed out after {}: {}", Durations.text(request.timeout()), request.commandLine());
      throw new CommandTimeoutException(request, stdout.text(), stderr.text());
    }
    stdout.awaitEnd();
    stderr.awaitEnd();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    LOG.debug("exit {} after {}: {}", process.exitValue(), Durations.text(elapsed), request.commandLine());
    return new ProcessResult(process.exitValue(), stdout.text(), stderr.text(), elapsed);
  }

  private static void feed(Process process, ProcessRequest request) {
    OutputStream stdin = process.getOutputStream();
    if (request.input().isEmpty()) {
      closeQuietly(stdin);
      return;
    }
    byte[] bytes = request.input().get().getBytes(StandardCharsets.UTF_8);
    Thread writer = new Thread(() -> {
      try (OutputStream out = stdin) {
        out.write(bytes);
      } catch (IOException e) {
        // the process closed its stdin early; its exit code tells the rest
        LOG.debug("stdin of {} closed early: {}", request.program(), e.getMessage());
      }
    }, "stdin-" + request.program());
    writer.setDaemon(true);
    writer.start();
  }

  /** Kills the process and every descendant that exists now, children first. */
  static void killTree(Process process) {
    List<ProcessHandle> descendants = new ArrayList<>(process.descendants().toList());
    Collections.reverse(descendants);
    descendants.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // nothing to tell: the process did not want input
    }
  }

  /** Reads one output stream to its end on a daemon thread, optionally logging each line. */
  private static final class OutputCollector extends Thread {
    private final InputStream stream;
    private final boolean log;
    private final String tag;
    private final StringBuilder text = new StringBuilder();

    OutputCollector(InputStream stream, boolean log, String tag) {
      super("output-" + tag);
      this.stream = stream;
      this.log = log;
      this.tag = tag;
      setDaemon(true);
    }

    @Override
    public void run() {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          synchronized (text) {
            text.append(line).append('\n');
          }
          if (log) {
            LOG.info("{} | {}", tag, line);
          }
        }
      } catch (IOException e) {
        // the stream closes when the process is killed; what was read so far is kept
      } catch (UncheckedIOException e) {
        LOG.debug("reading output of {} failed: {}", tag, e.getMessage());
      }
    }

    void awaitEnd() {
      try {
        join(DRAIN_LIMIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    String text() {
      synchronized (text) {
        return text.toString();
      }
    }
  }
}

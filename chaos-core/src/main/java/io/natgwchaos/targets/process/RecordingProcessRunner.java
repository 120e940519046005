package io.natgwchaos.targets.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Runs nothing: records every request and answers from a script keyed by command prefix (the longest
 * matching prefix wins). A prefix scripted several times answers in order and then keeps giving its
 * last answer. Unscripted commands succeed with empty output. Used by tests and by plan mode.
 */
public final class RecordingProcessRunner implements ProcessRunner {
  private final List<ProcessRequest> requests = new ArrayList<>();
  private final List<Script> scripts = new ArrayList<>();

  /** Starts scripting the answer to every command beginning with {@code prefix}. */
  public Answer on(String... prefix) {
    return new Answer(List.of(prefix));
  }

  @Override
  public synchronized ProcessResult run(ProcessRequest request) {
    requests.add(request);
    Script best = null;
    for (Script script : scripts) {
      if (script.matches(request.command()) && (best == null || script.prefix.size() > best.prefix.size())) {
        best = script;
      }
    }
    return best == null ? ProcessResult.ok("") : best.next(request);
  }

  /** Like {@link #on} but first forgets whatever was scripted for exactly this prefix. */
  public Answer instead(String... prefix) {
    List<String> key = List.of(prefix);
    synchronized (this) {
      scripts.removeIf(script -> script.prefix.equals(key));
    }
    return new Answer(key);
  }

  /** Every request, in the order they were run. */
  public synchronized List<ProcessRequest> requests() {
    return List.copyOf(requests);
  }

  /** Every command line, in order, as {@link CommandLine#render} shows it. */
  public synchronized List<String> commandLines() {
    return requests.stream().map(ProcessRequest::commandLine).toList();
  }

  public synchronized void clear() {
    requests.clear();
  }

  /** The answer for one prefix, given fluently: {@code runner.on("kind", "get", "nodes").reply("a\nb\n")}. */
  public final class Answer {
    private final List<String> prefix;

    private Answer(List<String> prefix) {
      this.prefix = prefix;
    }

    public RecordingProcessRunner reply(String stdout) {
      return answer(request -> ProcessResult.ok(stdout));
    }

    public RecordingProcessRunner fail(int exitCode, String stderr) {
      return answer(request -> ProcessResult.failed(exitCode, stderr));
    }

    public RecordingProcessRunner notFound() {
      return answer(request -> {
        throw new CommandNotFoundException(request, null);
      });
    }

    public RecordingProcessRunner timeOut() {
      return answer(request -> {
        throw new CommandTimeoutException(request, "", "");
      });
    }

    public RecordingProcessRunner answer(Function<ProcessRequest, ProcessResult> response) {
      synchronized (RecordingProcessRunner.this) {
        for (Script script : scripts) {
          if (script.prefix.equals(prefix)) {
            script.responses.addLast(response);
            return RecordingProcessRunner.this;
          }
        }
        Script script = new Script(prefix);
        script.responses.addLast(response);
        scripts.add(script);
      }
      return RecordingProcessRunner.this;
    }
  }

  private static final class Script {
    final List<String> prefix;
    final Deque<Function<ProcessRequest, ProcessResult>> responses = new ArrayDeque<>();

    Script(List<String> prefix) {
      this.prefix = prefix;
    }

    boolean matches(List<String> command) {
      return command.size() >= prefix.size() && command.subList(0, prefix.size()).equals(prefix);
    }

    ProcessResult next(ProcessRequest request) {
      Function<ProcessRequest, ProcessResult> response =
          responses.size() > 1 ? responses.removeFirst() : responses.getFirst();
      return response.apply(request);
    }
  }
}

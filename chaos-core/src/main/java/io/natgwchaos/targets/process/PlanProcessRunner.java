package io.natgwchaos.targets.process;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Prints each command instead of running it, and answers with what a fresh run would typically see
 * (from a {@link RecordingProcessRunner} script) so the caller's logic can go on to its next command.
 */
public final class PlanProcessRunner implements ProcessRunner {
  private final Consumer<String> out;
  private final RecordingProcessRunner answers;

  public PlanProcessRunner(Consumer<String> out, RecordingProcessRunner answers) {
    this.out = Objects.requireNonNull(out, "out");
    this.answers = Objects.requireNonNull(answers, "answers");
  }

  @Override
  public ProcessResult run(ProcessRequest request) {
    out.accept("$ " + request.shellForm() + "   # timeout " + Durations.text(request.timeout()));
    return answers.run(request);
  }
}

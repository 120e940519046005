package io.natgwchaos.targets.process;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Renders argument lists as POSIX shell text, quoting only where a shell would need it. */
public final class CommandLine {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private CommandLine() {}

  public static String render(List<String> command) {
    return command.stream().map(CommandLine::quote).collect(Collectors.joining(" "));
  }

  public static String quote(String argument) {
    if (!argument.isEmpty() && SAFE.matcher(argument).matches()) {
      return argument;
    }
    return "'" + argument.replace("'", "'\\''") + "'";
  }
}

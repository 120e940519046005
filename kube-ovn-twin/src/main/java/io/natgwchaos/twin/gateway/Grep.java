package io.natgwchaos.twin.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code grep} the gateway image has (busybox, POSIX regular expressions), for the pipelines
 * {@code nat-gateway.sh} runs over {@code iptables-save}: its substring and wildcard quirks (an
 * unescaped {@code .} matches any character; without {@code -w}, {@code source 172.19.0.7} also matches
 * {@code --to-source 172.19.0.70}) are the script's real matching behaviour.
 */
final class Grep {
  private static final String WORD = "[A-Za-z0-9_]";

  private final Pattern pattern;
  private final boolean word;

  private Grep(Pattern pattern, boolean word) {
    this.pattern = pattern;
    this.word = word;
  }

  /** {@code grep PATTERN} (basic regular expression). */
  static Grep basic(String pattern) {
    return new Grep(Pattern.compile(translate(pattern, false)), false);
  }

  /** {@code grep -w PATTERN}. */
  static Grep basicWord(String pattern) {
    return new Grep(Pattern.compile(translate(pattern, false)), true);
  }

  /** {@code grep -E PATTERN}. */
  static Grep extended(String pattern) {
    return new Grep(Pattern.compile(translate(pattern, true)), false);
  }

  /** The lines of a command's output, without the final newline's empty line. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  List<String> filter(List<String> lines) {
    List<String> kept = new ArrayList<>();
    for (String line : lines) {
      if (matches(line)) {
        kept.add(line);
      }
    }
    return kept;
  }

  private boolean matches(String line) {
    Matcher matcher = pattern.matcher(line);
    int from = 0;
    while (from <= line.length() && matcher.find(from)) {
      if (!word || (isBoundary(line, matcher.start() - 1) && isBoundary(line, matcher.end()))) {
        return true;
      }
      from = matcher.start() + 1;
    }
    return false;
  }

  private static boolean isBoundary(String line, int index) {
    return index < 0 || index >= line.length() || !String.valueOf(line.charAt(index)).matches(WORD);
  }

  /** POSIX BRE/ERE to java.util.regex for the constructs the script uses. */
  private static String translate(String posix, boolean extended) {
    StringBuilder java = new StringBuilder();
    for (int i = 0; i < posix.length(); i++) {
      char c = posix.charAt(i);
      if (c == '\\' && i + 1 < posix.length()) {
        java.append(quote(posix.charAt(++i)));
      } else if (c == '[') {
        int end = posix.indexOf(']', i + 2);
        if (end < 0) {
          java.append(quote(c));
        } else {
          java.append(posix, i, end + 1);
          i = end;
        }
      } else if (c == '.' || c == '*') {
        java.append(c);
      } else if (c == '^' && (extended || i == 0)) {
        java.append(c);
      } else if (c == '$' && (extended || i == posix.length() - 1)) {
        java.append(c);
      } else if (extended && "()|+?{}".indexOf(c) >= 0) {
        java.append(c);
      } else {
        java.append(quote(c));
      }
    }
    return java.toString();
  }

  private static String quote(char c) {
    return "\\^$.|?*+()[]{}".indexOf(c) >= 0 ? "\\" + c : String.valueOf(c);
  }
}

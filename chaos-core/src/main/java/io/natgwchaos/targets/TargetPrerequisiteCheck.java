package io.natgwchaos.targets;

import java.util.Map;
import java.util.TreeMap;

/**
 * Entry point Maven runs before integration tests ({@code -Pkind}, {@code -Pexisting}): checks within seconds
 * that this machine can host the chosen target, so a missing Docker stops the build with one message instead
 * of a stack trace, a false pass or skipped tests. Arguments {@code key=value} are defaults (the Maven
 * profile's); system properties ({@code -D} on the command line) win.
 */
public final class TargetPrerequisiteCheck {
  private TargetPrerequisiteCheck() {}

  public static void main(String[] args) {
    Map<String, String> properties = new TreeMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (equals > 0 && !arg.substring(equals + 1).isBlank()) {
        properties.put(arg.substring(0, equals), arg.substring(equals + 1));
      }
    }
    properties.putAll(TargetSettings.fromSystemProperties().asMap());
    TargetSettings settings = new TargetSettings(properties);
    try {
      Targets.provider(settings.target()).checkPrerequisites(settings);
    } catch (TargetUnavailableException | IllegalArgumentException e) {
      throw new PrerequisitesNotMet(e.getMessage());
    }
    System.out.println("natgw-chaos: the " + settings.target() + " target's prerequisites are met");
  }

  /**
   * Carries the message to Maven's error line. exec:java also logs the exception itself as a warning; without
   * a stack trace that is the message once more, not a trace.
   */
  static final class PrerequisitesNotMet extends RuntimeException {
    PrerequisitesNotMet(String message) {
      super(message, null, false, false);
    }
  }
}

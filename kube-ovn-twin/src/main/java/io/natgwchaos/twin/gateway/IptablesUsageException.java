package io.natgwchaos.twin.gateway;

/** A command line iptables rejects while parsing it (exit status 2, like the real binary). */
final class IptablesUsageException extends Exception {
  IptablesUsageException(String message) {
    super(message, null, false, false);
  }
}

package io.natgwchaos.history;

/** The recorder could not start observing (an informer cannot list): infrastructure, not a finding. */
public class RecorderException extends RuntimeException {
  public RecorderException(String message, Throwable cause) {
    super(message, cause);
  }
}

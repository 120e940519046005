package io.natgwchaos.twin.controller;

/** A handler returned an error: its key is re-queued with the rate limiter, as client-go does. */
class RetryableError extends Exception {
  RetryableError(String message) {
    super(message, null, false, false);
  }

  RetryableError(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}

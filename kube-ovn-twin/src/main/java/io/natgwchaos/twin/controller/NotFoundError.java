package io.natgwchaos.twin.controller;

/** A Kubernetes NotFound (e.g. getNatGwPod found no pod), which several callers treat as success. */
final class NotFoundError extends RetryableError {
  NotFoundError(String message) {
    super(message);
  }
}

package io.natgwchaos.history;

/** Jepsen-style operation outcome: a call is invoked, then completes in one of three ways. */
public enum OperationPhase {
  INVOKE,
  /** It happened. */
  OK,
  /** It definitely did not happen (e.g. 404 on delete, 409 on create). */
  FAIL,
  /** It may or may not have happened (timeout, 5xx, connection lost). */
  UNKNOWN
}

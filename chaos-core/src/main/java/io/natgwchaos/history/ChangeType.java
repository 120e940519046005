package io.natgwchaos.history;

/** The informer event an observation came from. */
public enum ChangeType {
  ADDED,
  MODIFIED,
  DELETED
}

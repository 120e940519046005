package io.natgwchaos.twin.profile;

/** What {@code createOrUpdateEipCR} does when the EIP vanished from the lister during its add. */
public enum MissingEipOnCreate {
  /** Nil dereference: the controller process crashes and restarts (eip.go:570@v1.13.4, :583@v1.14.41). */
  PANIC,
  /** {@code Create()} brings the deleted EIP back (#6068, eip.go:588-622@v1.15.24). */
  RESURRECT,
  /** Returns without writing (the twin's {@code fixed} design). */
  IGNORE
}

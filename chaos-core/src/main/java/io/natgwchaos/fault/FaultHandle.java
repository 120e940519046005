package io.natgwchaos.fault;

/** An injected fault. */
public interface FaultHandle {
  /** What exactly was done (node, selector, pod uid), for the history. */
  String detail();

  /**
   * Undoes what can be undone (uncordon, restore the selector, start or unpause the node); a fault that
   * cannot be undone (a deleted pod) heals to nothing. Idempotent.
   */
  void heal();

  /** A handle for a fault with nothing to undo. */
  static FaultHandle nothingToHeal(String detail) {
    return new FaultHandle() {
      @Override
      public String detail() {
        return detail;
      }

      @Override
      public void heal() {}
    };
  }
}

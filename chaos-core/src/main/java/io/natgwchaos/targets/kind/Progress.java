package io.natgwchaos.targets.kind;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the kind target reports its numbered steps: the log in a real run, the printed plan in plan mode. */
public interface Progress {
  /** Starts the next numbered step. */
  void step(String title);

  /** A detail of the current step: a wait, a decision, a value found. */
  void note(String text);

  /** SLF4J progress lines: {@code kind target [3] Installing Kube-OVN v1.13.4 …}. */
  static Progress logging() {
    Logger log = LoggerFactory.getLogger("io.natgwchaos.targets.kind");
    return new Progress() {
      private int step;

      @Override
      public synchronized void step(String title) {
        log.info("kind target [{}] {}", ++step, title);
      }

      @Override
      public void note(String text) {
        log.info("kind target     {}", text);
      }
    };
  }
}

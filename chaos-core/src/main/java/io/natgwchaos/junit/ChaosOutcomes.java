package io.natgwchaos.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every outcome judged in this JVM, in order, and the dispatch to the {@link ChaosReportListener}s on the class
 * path. A listener that throws is logged and never changes a verdict.
 */
public final class ChaosOutcomes {
  private static final Logger LOG = LoggerFactory.getLogger(ChaosOutcomes.class);
  private static final List<ChaosOutcome> OUTCOMES = new ArrayList<>();
  private static final List<ChaosReportListener> LISTENERS = load();

  private ChaosOutcomes() {}

  public static synchronized List<ChaosOutcome> all() {
    return List.copyOf(OUTCOMES);
  }

  /** Outcomes of the tests whose unique id starts with {@code testIdPrefix}. */
  public static synchronized List<ChaosOutcome> of(String testIdPrefix) {
    return OUTCOMES.stream().filter(o -> o.testId().startsWith(testIdPrefix)).toList();
  }

  static void record(ChaosOutcome outcome) {
    synchronized (ChaosOutcomes.class) {
      OUTCOMES.add(outcome);
    }
    for (ChaosReportListener listener : LISTENERS) {
      try {
        listener.experimentJudged(outcome);
      } catch (RuntimeException e) {
        LOG.warn("report listener {} failed on {}: {}", listener.getClass().getName(), outcome.displayName(),
            e.toString());
      }
    }
  }

  private static List<ChaosReportListener> load() {
    List<ChaosReportListener> listeners = new ArrayList<>();
    ServiceLoader.load(ChaosReportListener.class).forEach(listeners::add);
    return List.copyOf(listeners);
  }
}

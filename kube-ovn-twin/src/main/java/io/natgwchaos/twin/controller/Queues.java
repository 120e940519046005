package io.natgwchaos.twin.controller;

import io.natgwchaos.twin.TimeScale;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/** All queues of one controller process, sharing one rate limiter (pods have their own, as upstream). */
final class Queues {
  private final Map<QueueName, WorkQueue> queues = new EnumMap<>(QueueName.class);

  Queues(TimeScale scale, ScheduledExecutorService timers) {
    ItemRateLimiter shared = new ItemRateLimiter(scale);
    ItemRateLimiter pods = new ItemRateLimiter(scale);
    for (QueueName name : QueueName.values()) {
      boolean ownLimiter = name == QueueName.GATEWAY_POD || name == QueueName.SUBNET || name == QueueName.VPC;
      queues.put(name, new WorkQueue(name.name(), ownLimiter ? pods : shared, timers));
    }
  }

  WorkQueue get(QueueName name) {
    return queues.get(name);
  }

  /** Every queue's {@link WorkQueue#describe()}, one per line. */
  String describe() {
    StringBuilder text = new StringBuilder();
    queues.values().forEach(q -> text.append(q.describe()).append('\n'));
    return text.toString();
  }

  void shutDown() {
    queues.values().forEach(WorkQueue::shutDown);
  }
}

package io.natgwchaos.twin.cluster;

import io.natgwchaos.gateway.ExecResult;
import java.util.Optional;

/** The API server's exec endpoint before the kubelet behind it exists: refuses until it is set. */
final class ExecHandlerSlot implements ExecHandler {
  private volatile ExecHandler target;

  void set(ExecHandler handler) {
    target = handler;
  }

  @Override
  public Optional<ExecRejection> admit(ExecRequest request) {
    ExecHandler handler = target;
    return handler == null ? Optional.of(new ExecRejection(503, "ServiceUnavailable", "no kubelet yet"))
        : handler.admit(request);
  }

  @Override
  public ExecResult run(ExecRequest request) throws InterruptedException {
    ExecHandler handler = target;
    if (handler == null) {
      throw new IllegalStateException("no kubelet yet");
    }
    return handler.run(request);
  }
}

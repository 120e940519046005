package io.natgwchaos.twin.cluster;

import io.natgwchaos.gateway.ExecResult;
import java.util.Optional;

/** What runs behind the API server's pod exec endpoint: in a real cluster, the kubelet and the container. */
public interface ExecHandler {
  /**
   * Decides, before the connection is upgraded, whether the exec can run at all (pod exists, container
   * running). Called on the server's event loop: it must only read in-memory state.
   */
  Optional<ExecRejection> admit(ExecRequest request);

  /**
   * Runs the command to completion on a worker thread; it may take as long as the modelled command does.
   * A non-zero exit code is a result; an exception is answered as an internal error without exit code.
   */
  ExecResult run(ExecRequest request) throws InterruptedException;
}

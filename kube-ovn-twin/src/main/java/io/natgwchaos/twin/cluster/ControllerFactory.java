package io.natgwchaos.twin.cluster;

import io.natgwchaos.twin.controller.ControllerConfig;
import io.natgwchaos.twin.controller.NatGwController;

/** Makes a new controller process for each start of the kube-ovn-controller container. */
@FunctionalInterface
public interface ControllerFactory {
  ControllerProcess create(ControllerConfig config);

  /** The twin's model of Kube-OVN's NAT-gateway controller. */
  static ControllerFactory natGwController() {
    return config -> ControllerProcess.of(new NatGwController(config));
  }
}

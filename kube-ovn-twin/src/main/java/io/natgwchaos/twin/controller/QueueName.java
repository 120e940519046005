package io.natgwchaos.twin.controller;

/** kube-ovn-controller's work queues that take part in the NAT gateway, each with one worker. */
enum QueueName {
  ADD_OR_UPDATE_GATEWAY,
  INIT_GATEWAY,
  DELETE_GATEWAY,
  MARK_FIPS,
  MARK_DNATS,
  MARK_SNATS,
  MARK_SUBNET_ROUTES,
  MARK_EIPS,
  ADD_EIP,
  UPDATE_EIP,
  RESET_EIP,
  ADD_FIP,
  UPDATE_FIP,
  ADD_DNAT,
  UPDATE_DNAT,
  ADD_SNAT,
  UPDATE_SNAT,
  /** Subnets: readiness only. */
  SUBNET,
  /** Vpcs: standby and their subnets. */
  VPC,
  /** The pod controller's queue for gateway pods (IP allocation, restart detection). */
  GATEWAY_POD
}

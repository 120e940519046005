/**
 * Gateway pods on the twin: each container's sandbox ({@link io.natgwchaos.twin.gateway.GatewayNetns}:
 * net1, routes, legacy and nft iptables tables), {@code nat-gateway.sh} per version
 * ({@link io.natgwchaos.twin.gateway.NatGatewayScript}, driven by the profile's switches) and what an exec
 * into container {@code vpc-nat-gw} answers ({@link io.natgwchaos.twin.gateway.GatewayExecHandler}).
 * Every command is one indivisible step with a scaled cost; nothing locks across steps, so concurrent
 * execs interleave as bash processes would.
 */
package io.natgwchaos.twin.gateway;

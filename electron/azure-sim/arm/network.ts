/** Microsoft.Network reads: NICs, public IPs, NSGs and rules, VNets, subnets, peerings, VPN gateways. */
import type { ArmApi } from './pipeline';

/** Registers the network operations. */
export function registerNetworkRoutes(_api: ArmApi): void {
  // Filled in by the network work in progress.
}

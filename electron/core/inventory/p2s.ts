/**
 * Which point-to-site pools reach a VNet: its own VPN gateway's, a hub's through a peering that uses the remote
 * gateway (gateway transit), and a Virtual WAN hub's P2S gateway through a hub VNet connection. Plus the admin's
 * `privateSourceRanges`, for VPNs the user cannot read (another subscription, ExpressRoute, …).
 */
import type { P2sPool } from '../../../shared/domain/types';
import type { NetworkIndex } from './reads';

/** The pools of the VPN gateways in a VNet's GatewaySubnet, as `via`. */
function gatewayPools(index: NetworkIndex, vnetId: string, via: P2sPool['via']): P2sPool[] {
  return (index.vnetGateways.get(vnetId) ?? []).flatMap((gwId) =>
    (index.gateways.get(gwId)?.pools ?? []).map((prefix) => ({ prefix, via, gatewayId: index.gateways.get(gwId)!.id })),
  );
}

/** The P2S pools that reach VMs in `vnetId`, without duplicates. */
export function poolsForVnet(index: NetworkIndex, vnetId: string, privateSourceRanges: string[] = []): P2sPool[] {
  const pools: P2sPool[] = [...gatewayPools(index, vnetId, 'vnet-gateway')];
  const vnet = index.vnets.get(vnetId);
  // A spoke reaches the hub's gateway when its side of the peering uses remote gateways (Azure only allows that
  // when the hub's side allows gateway transit, so the spoke's flag is enough).
  for (const p of vnet?.peerings ?? [])
    if (p.useRemoteGateways && p.connected) pools.push(...gatewayPools(index, p.remoteVnetId, 'gateway-transit'));
  for (const hubId of index.vnetHubs.get(vnetId) ?? [])
    for (const gw of index.hubP2s.get(hubId) ?? [])
      pools.push(...gw.pools.map((prefix) => ({ prefix, via: 'virtual-wan' as const, gatewayId: gw.id })));
  pools.push(...privateSourceRanges.map((prefix) => ({ prefix, via: 'admin-setting' as const })));
  const seen = new Set<string>();
  return pools.filter((p) => {
    const key = `${p.prefix}|${p.via}|${(p.gatewayId ?? '').toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

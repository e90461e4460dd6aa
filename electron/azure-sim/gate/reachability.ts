/**
 * Whether the simulated client can open a TCP connection to a VM port right now, the way Azure would decide it:
 * the path (VPN over a gateway the VM's VNet uses — its own or a peered VNet's VNet gateway, or the P2S gateway of a
 * Virtual WAN hub it is connected to — the VM's public IP, or an Azure Firewall DNAT), the VM's power
 * state, and every NSG that applies (subnet and NIC) evaluated by the simulator's own NSG code.
 *
 * Azure Firewall: real Azure Firewall SNATs DNAT traffic to its own private address, while JIT writes the NSG allow
 * rule with the requested source (MicrosoftDocs/azure-docs#46777 reports exactly this mismatch). The simulator models
 * what JIT intends: the client's public address is judged by the NSG, and the firewall forwards only while a JIT
 * grant for that port is live (the DNAT rule JIT adds) whose source covers the client.
 */
import type { Estate } from '../model/estate';
import { idKey } from '../model/ids';
import type { ArmResource, GatewayProperties, VnetProperties } from '../model/resources';
import {
  hubConnections,
  VWAN_TYPES,
  type P2sVpnGatewayProperties,
  type VirtualHubProperties,
} from '../model/virtual-wan';
import { appliedGrants, grantSources } from '../jit/grants';
import type { BlockedPort } from '../settings';
import { findSubnet, vmTopology } from '../model/topology';
import { ipInAny } from '../net/cidr';
import { evaluateNsg, type TagContext } from './nsg-eval';

/** How the client dials a VM port. */
export type DialKind = 'private' | 'public' | 'firewall';

/** One dialled address of one VM port. */
export interface DialTarget {
  vmId: string;
  /** The VM's port (the JIT port). */
  port: number;
  kind: DialKind;
  /** The address the client dials (private, public, or the firewall's public address). */
  dialIp: string;
}

/** The decision for a target, with the reason in words (shown in `/_sim/state`). */
export interface Judgement {
  open: boolean;
  reason: string;
  /** The client address the NSGs judged. */
  source?: string;
}

/** A point-to-site path from the client into a VNet. */
export interface VpnPath {
  clientIp: string;
  pool: string;
  gatewayId: string;
}

const GATEWAYS = 'Microsoft.Network/virtualNetworkGateways';

/** VPN gateways whose point-to-site clients reach `vnet`: its own, or a peered VNet's used via useRemoteGateways. */
export function gatewaysServing(
  estate: Estate,
  vnet: ArmResource<VnetProperties>,
): Array<ArmResource<GatewayProperties>> {
  const usable = new Set([idKey(vnet.id)]);
  for (const p of vnet.properties.virtualNetworkPeerings ?? []) {
    if (p.properties.useRemoteGateways && p.properties.peeringState === 'Connected')
      usable.add(idKey(p.properties.remoteVirtualNetwork.id));
  }
  return estate.list<ArmResource<GatewayProperties>>(GATEWAYS).filter((gw) => {
    const subnetId = gw.properties.ipConfigurations?.[0]?.properties.subnet.id;
    const home = subnetId ? findSubnet(estate, subnetId)?.vnet : undefined;
    if (!home || !usable.has(idKey(home.id))) return false;
    if (idKey(home.id) === idKey(vnet.id)) return true;
    // The hub side must offer its gateway to the spoke.
    return (home.properties.virtualNetworkPeerings ?? []).some(
      (p) =>
        idKey(p.properties.remoteVirtualNetwork.id) === idKey(vnet.id) &&
        p.properties.allowGatewayTransit &&
        p.properties.peeringState === 'Connected',
    );
  });
}

/** A Virtual WAN hub a VNet is connected to, with the point-to-site pools of the hub's P2S gateway. */
export interface HubServing {
  hubId: string;
  hubPrefix: string;
  gatewayId?: string;
  pools: string[];
}

/**
 * Virtual WAN hubs with a live (`Succeeded`) hubVirtualNetworkConnection to `vnet`, and their P2S gateways' pools:
 * a hub routes its P2S clients to every VNet connected to it (default routing, the portal's setup).
 */
export function hubsServing(estate: Estate, vnet: ArmResource<VnetProperties>): HubServing[] {
  const out: HubServing[] = [];
  for (const hub of estate.list<ArmResource<VirtualHubProperties>>(VWAN_TYPES.hub)) {
    const connected = hubConnections(hub).some(
      (c) =>
        idKey(c.properties.remoteVirtualNetwork.id) === idKey(vnet.id) &&
        c.properties.provisioningState === 'Succeeded',
    );
    if (!connected) continue;
    const gwId = hub.properties.p2SVpnGateway?.id;
    const gw = gwId ? estate.get<ArmResource<P2sVpnGatewayProperties>>(gwId, VWAN_TYPES.p2sGateway) : undefined;
    const pools = (gw?.properties.p2SConnectionConfigurations ?? []).flatMap(
      (c) => c.properties.vpnClientAddressPool?.addressPrefixes ?? [],
    );
    out.push({ hubId: hub.id, hubPrefix: hub.properties.addressPrefix, ...(gw ? { gatewayId: gw.id } : {}), pools });
  }
  return out;
}

/**
 * The client's VPN path into the VNet: an interface address inside the P2S pool of a VNet gateway serving it, or of
 * the P2S gateway of a Virtual WAN hub the VNet is connected to (`gatewayId` is then the p2sVpnGateway's id).
 */
export function vpnPath(
  estate: Estate,
  vnet: ArmResource<VnetProperties> | undefined,
  interfaces: ReadonlyArray<{ address: string }>,
): VpnPath | undefined {
  if (!vnet) return undefined;
  const candidates = [
    ...gatewaysServing(estate, vnet).map((gw) => ({
      gatewayId: gw.id,
      pools: gw.properties.vpnClientConfiguration?.vpnClientAddressPool.addressPrefixes ?? [],
    })),
    ...hubsServing(estate, vnet).flatMap((h) => (h.gatewayId ? [{ gatewayId: h.gatewayId, pools: h.pools }] : [])),
  ];
  for (const { gatewayId, pools } of candidates) {
    for (const pool of pools) {
      const hit = interfaces.find((i) => ipInAny(i.address, [pool]));
      if (hit) return { clientIp: hit.address, pool, gatewayId };
    }
  }
  return undefined;
}

/**
 * What `VirtualNetwork` means for a VM in `vnet`: its address space, connected peers, P2S pools reaching it, and
 * for a Virtual WAN spoke the hub's prefix and P2S pools (simplified: not the other spokes of the hub).
 */
export function tagContext(estate: Estate, vnet: ArmResource<VnetProperties> | undefined): TagContext {
  if (!vnet) return { virtualNetwork: [] };
  const prefixes = [...vnet.properties.addressSpace.addressPrefixes];
  for (const p of vnet.properties.virtualNetworkPeerings ?? []) {
    if (p.properties.peeringState === 'Connected' && p.properties.allowVirtualNetworkAccess)
      prefixes.push(...p.properties.remoteAddressSpace.addressPrefixes);
  }
  for (const gw of gatewaysServing(estate, vnet))
    prefixes.push(...(gw.properties.vpnClientConfiguration?.vpnClientAddressPool.addressPrefixes ?? []));
  // A hub-connected VNet learns the hub's address space and its P2S pools as routes, so the tag covers them too.
  for (const h of hubsServing(estate, vnet)) prefixes.push(h.hubPrefix, ...h.pools);
  return { virtualNetwork: prefixes };
}

function covers(prefixes: string[], ip: string): boolean {
  return prefixes.some((p) => p.trim() === '*' || ipInAny(ip, [p]));
}

/** True when `b` names this VM (by name, or by resource id in any case) and port. */
export function blocks(b: BlockedPort, vm: { id: string; name: string }, port: number): boolean {
  if (b.port !== port) return false;
  return b.vm.includes('/') ? idKey(b.vm) === idKey(vm.id) : b.vm.toLowerCase() === vm.name.toLowerCase();
}

/** Decides whether the client may connect to the target now (`blocked`: ports shut outside JIT). */
export function judge(estate: Estate, t: DialTarget, blocked: readonly BlockedPort[] = []): Judgement {
  const topo = vmTopology(estate, t.vmId);
  if (!topo) return { open: false, reason: 'the VM or its network interface does not exist' };
  const power = estate.power.get(idKey(topo.vm.id)) ?? 'running';
  if (power !== 'running') return { open: false, reason: `the VM is ${power}` };
  // Azure Virtual Network Manager security admin rules are evaluated before NSGs: a deny there wins whatever JIT
  // writes, and ARM's view of the NSG does not show it.
  if (blocked.some((b) => blocks(b, topo.vm, t.port)))
    return {
      open: false,
      reason: `denied by a security admin rule (Azure Virtual Network Manager) for port ${t.port}, before any NSG`,
    };
  let source: string;
  if (t.kind === 'private') {
    if (topo.privateIp !== t.dialIp)
      return { open: false, reason: `the VM's private address is now ${topo.privateIp}` };
    const vpn = vpnPath(estate, topo.vnet, estate.client.interfaces);
    if (!vpn)
      return {
        open: false,
        reason:
          "no route: the client has no address in the point-to-site pool of a gateway the VM's VNet uses (a VNet gateway or a connected Virtual WAN hub's P2S gateway)",
      };
    source = vpn.clientIp;
  } else if (t.kind === 'public') {
    if (topo.publicIp !== t.dialIp)
      return { open: false, reason: `the VM's public address is ${topo.publicIp ?? 'gone'}` };
    source = estate.client.publicIp;
  } else {
    const fw = estate.firewalls.get(idKey(topo.vm.id));
    if (!fw || fw.publicIp !== t.dialIp) return { open: false, reason: 'no Azure Firewall DNAT for this VM' };
    source = estate.client.publicIp;
    if (!appliedGrants(estate, topo.vm.id, t.port).some((g) => covers(grantSources(g.port), source))) {
      return { open: false, reason: `the firewall has no JIT DNAT rule for port ${t.port} from ${source}`, source };
    }
  }
  const tags = tagContext(estate, topo.vnet);
  const flow = {
    direction: 'Inbound' as const,
    protocol: 'Tcp' as const,
    sourceIp: source,
    destinationIp: topo.privateIp,
    destinationPort: t.port,
  };
  const allowedBy: string[] = [];
  for (const nsg of topo.nsgs) {
    const v = evaluateNsg([...nsg.properties.securityRules, ...nsg.properties.defaultSecurityRules], flow, tags);
    if (v.access === 'Deny')
      return { open: false, reason: `denied by ${nsg.name} rule ${v.rule} (priority ${v.priority})`, source };
    allowedBy.push(`${nsg.name}/${v.rule}`);
  }
  return { open: true, reason: allowedBy.length ? `allowed by ${allowedBy.join(' and ')}` : 'no NSG applies', source };
}

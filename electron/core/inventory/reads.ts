/**
 * What was read of one subscription: each list is `undefined` when it could not be read (forbidden, timed out),
 * so the join can tell "none" from "unknown". The network index spans every subscription read so far, because a
 * spoke's hub, a hub's gateway or a Virtual WAN hub often live in another subscription.
 */
import { IdMap } from '../../../shared/azure/resource-id';
import type { InventoryProblem, Subscription } from '../../../shared/domain/types';
import type {
  GatewayRead,
  HubConnectionRead,
  JitPolicyRead,
  NicRead,
  P2sGatewayRead,
  PublicIpRead,
  ServersPlan,
  SubnetRead,
  VmRead,
  VnetRead,
} from '../azure/shapes';

/** The reads of one subscription. */
export interface SubscriptionReads {
  subscription: Subscription;
  vms?: VmRead[];
  nics?: NicRead[];
  publicIps?: PublicIpRead[];
  vnets?: VnetRead[];
  gateways?: GatewayRead[];
  p2sGateways?: P2sGatewayRead[];
  hubConnections?: HubConnectionRead[];
  policies?: JitPolicyRead[];
  plan: ServersPlan;
  problems: InventoryProblem[];
}

/** Network facts across subscriptions, keyed case-insensitively. */
export class NetworkIndex {
  readonly vnets = new IdMap<VnetRead>();
  readonly subnets = new IdMap<{ subnet: SubnetRead; vnetId: string }>();
  readonly gateways = new IdMap<GatewayRead>();
  /** VNet id → the VPN gateway ids in its GatewaySubnet. */
  readonly vnetGateways = new IdMap<string[]>();
  /** Hub id → its Virtual WAN P2S gateways. */
  readonly hubP2s = new IdMap<P2sGatewayRead[]>();
  /** VNet id → the Virtual WAN hubs it is connected to. */
  readonly vnetHubs = new IdMap<string[]>();

  /** Grows each time an add brings something that can change a join (a VNet, gateway, hub or connection). */
  version = 0;

  /** Adds what one subscription's reads know about the network. */
  add(reads: SubscriptionReads): void {
    const r = reads;
    if (r.vnets?.length || r.gateways?.length || r.p2sGateways?.length || r.hubConnections?.length) this.version++;
    for (const v of reads.vnets ?? []) {
      this.vnets.set(v.id, v);
      for (const s of v.subnets) this.subnets.set(s.id, { subnet: s, vnetId: v.id });
    }
    for (const g of reads.gateways ?? []) this.gateways.set(g.id, g);
    for (const v of reads.vnets ?? []) {
      const ids = v.subnets
        .filter((s) => s.name.toLowerCase() === 'gatewaysubnet')
        .flatMap((s) => s.ipConfigIds)
        .map((c) => c.replace(/\/ipConfigurations\/[^/]+$/i, ''));
      if (ids.length) this.vnetGateways.set(v.id, ids);
    }
    for (const g of reads.p2sGateways ?? []) this.hubP2s.set(g.hubId, [...(this.hubP2s.get(g.hubId) ?? []), g]);
    for (const c of reads.hubConnections ?? [])
      this.vnetHubs.set(c.vnetId, [...(this.vnetHubs.get(c.vnetId) ?? []), c.hubId]);
  }
}

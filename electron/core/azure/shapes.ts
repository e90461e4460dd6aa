/**
 * The slim shapes the inventory keeps from each ARM read: only the fields the VM view needs (no NSG rules, no
 * disks, no OS profile), so 5,000 VMs' worth of ARM JSON can be dropped as soon as each page is mapped.
 */
import type { JitPolicy, OsType, PowerState } from '../../../shared/domain/types';

/** A VM from `virtualMachines.listAll({statusOnly: 'true'})`. */
export interface VmRead {
  id: string;
  name: string;
  location: string;
  osType?: OsType;
  size?: string;
  powerState: PowerState;
  /** NIC ids, the primary first. */
  nicIds: string[];
}

/** One IP configuration of a NIC. */
export interface IpConfigRead {
  id: string;
  privateIp?: string;
  subnetId?: string;
  publicIpId?: string;
  primary: boolean;
}

/** A NIC from `networkInterfaces.listAll`. */
export interface NicRead {
  id: string;
  name: string;
  vmId?: string;
  nsgId?: string;
  ipConfigs: IpConfigRead[];
}

/** A public IP from `publicIPAddresses.listAll`. */
export interface PublicIpRead {
  id: string;
  ipAddress?: string;
  /** The IP configuration it is attached to (a NIC's, a gateway's, a firewall's). */
  ipConfigId?: string;
}

/** A subnet of a VNet. */
export interface SubnetRead {
  id: string;
  name: string;
  nsgId?: string;
  /** Ids of the IP configurations in it (in a GatewaySubnet: the gateways'). */
  ipConfigIds: string[];
}

/** A peering of a VNet. */
export interface PeeringRead {
  remoteVnetId: string;
  useRemoteGateways: boolean;
  allowGatewayTransit: boolean;
  connected: boolean;
}

/** A VNet from `virtualNetworks.listAll`. */
export interface VnetRead {
  id: string;
  subnets: SubnetRead[];
  peerings: PeeringRead[];
}

/** A VPN gateway read by id: its point-to-site pools. */
export interface GatewayRead {
  id: string;
  pools: string[];
}

/** A Virtual WAN point-to-site gateway from `p2sVpnGateways.list`. */
export interface P2sGatewayRead {
  id: string;
  hubId: string;
  pools: string[];
}

/** A hub's VNet connection from `hubVirtualNetworkConnections.list`. */
export interface HubConnectionRead {
  hubId: string;
  vnetId: string;
}

/** Defender for Servers on a subscription: Plan 2 has JIT; `unknown` when the plan could not be read. */
export type ServersPlan = 'P2' | 'P1' | 'off' | 'unknown';

/** A JIT policy as the inventory keeps it. */
export type JitPolicyRead = JitPolicy;

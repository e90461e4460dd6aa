/**
 * Virtual WAN documents (network swagger virtualWan.json, the parts the simulator models): the WAN, its hubs, a
 * hub's point-to-site gateway with its client address pools, the VPN server configuration the gateway uses, and
 * the hub's connections to VNets. A VNet connected to a hub whose P2S gateway has pool X is reachable from a VPN
 * client with an address in X.
 */
import type { ArmResource, SubResource } from './resources';

/** The stored types. */
export const VWAN_TYPES = {
  wan: 'Microsoft.Network/virtualWans',
  hub: 'Microsoft.Network/virtualHubs',
  p2sGateway: 'Microsoft.Network/p2sVpnGateways',
  serverConfig: 'Microsoft.Network/vpnServerConfigurations',
} as const;

/** `VirtualWanProperties`. */
export interface VirtualWanProperties {
  disableVpnEncryption: boolean;
  allowBranchToBranchTraffic: boolean;
  allowVnetToVnetTraffic?: boolean;
  /** The WAN's kind (`Basic` / `Standard`; point-to-site needs Standard). */
  type: 'Basic' | 'Standard';
  virtualHubs: SubResource[];
  vpnSites: SubResource[];
  office365LocalBreakoutCategory: string;
  provisioningState: string;
}

/** A hub's connection to a VNet (`HubVirtualNetworkConnection`: a sub-resource with no type or location). */
export interface HubVnetConnection {
  id: string;
  name: string;
  etag?: string;
  properties: {
    remoteVirtualNetwork: SubResource;
    allowHubToRemoteVnetTransit?: boolean;
    allowRemoteVnetToUseHubVnetGateways?: boolean;
    enableInternetSecurity: boolean;
    routingConfiguration?: unknown;
    provisioningState: string;
  };
}

/** `VirtualHubProperties`; the hub's VNet connections are kept in `_connections` (a child collection Azure serves
 * only under `.../hubVirtualNetworkConnections`, never inside the hub). */
export interface VirtualHubProperties {
  virtualWan: SubResource;
  p2SVpnGateway?: SubResource;
  vpnGateway?: SubResource;
  addressPrefix: string;
  sku: 'Basic' | 'Standard';
  routingState: string;
  virtualRouterAsn: number;
  virtualRouterIps: string[];
  virtualHubRouteTableV2s: unknown[];
  allowBranchToBranchTraffic: boolean;
  preferredRoutingGateway: string;
  hubRoutingPreference: string;
  virtualRouterAutoScaleConfiguration?: { minCapacity: number };
  provisioningState: string;
}

/** A P2S connection configuration of a P2S gateway (`P2SConnectionConfiguration`). */
export interface P2sConnectionConfiguration {
  id: string;
  name: string;
  etag?: string;
  properties: {
    vpnClientAddressPool: { addressPrefixes: string[] };
    enableInternetSecurity: boolean;
    routingConfiguration?: unknown;
    provisioningState: string;
  };
}

/** `P2SVpnGatewayProperties`. */
export interface P2sVpnGatewayProperties {
  virtualHub: SubResource;
  vpnServerConfiguration: SubResource;
  p2SConnectionConfigurations: P2sConnectionConfiguration[];
  vpnGatewayScaleUnit: number;
  customDnsServers: string[];
  isRoutingPreferenceInternet: boolean;
  provisioningState: string;
}

/** `VpnServerConfigurationProperties` (Entra ID authentication, OpenVPN, as the Azure VPN Client uses). */
export interface VpnServerConfigurationProperties {
  vpnProtocols: string[];
  vpnAuthenticationTypes: string[];
  vpnClientRootCertificates: unknown[];
  vpnClientRevokedCertificates: unknown[];
  radiusServerRootCertificates: unknown[];
  radiusClientRootCertificates: unknown[];
  vpnClientIpsecPolicies: unknown[];
  radiusServers: unknown[];
  aadAuthenticationParameters?: { aadTenant: string; aadAudience: string; aadIssuer: string };
  configurationPolicyGroups: unknown[];
  p2SVpnGateways: SubResource[];
  provisioningState: string;
}

/** A hub's VNet connections (kept on the hub document under `_connections`, never served inside it). */
export function hubConnections(hub: ArmResource): HubVnetConnection[] {
  return (hub._connections as HubVnetConnection[] | undefined) ?? [];
}

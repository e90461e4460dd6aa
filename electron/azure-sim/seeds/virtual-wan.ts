/** Builders for a Virtual WAN with a point-to-site hub (shapes of the network swagger's virtualWan.json examples). */
import type { Estate } from '../model/estate';
import { resourceId } from '../model/ids';
import type { ArmResource, VnetProperties } from '../model/resources';
import {
  hubConnections,
  VWAN_TYPES,
  type HubVnetConnection,
  type P2sVpnGatewayProperties,
  type VirtualHubProperties,
  type VirtualWanProperties,
  type VpnServerConfigurationProperties,
} from '../model/virtual-wan';
import { armDoc, ensureResourceGroup, etag, type Placement } from './placement';

/** A hub's default routing: associated with and propagating to its `defaultRouteTable` (the portal's setup). */
function defaultRouting(hubId: string): unknown {
  const table = { id: `${hubId}/hubRouteTables/defaultRouteTable` };
  return {
    associatedRouteTable: table,
    propagatedRouteTables: { labels: ['default'], ids: [table] },
    vnetRoutes: { staticRoutes: [] },
  };
}

/** What a seeded Virtual WAN point-to-site setup is made of. */
export interface VwanP2s {
  wan: ArmResource<VirtualWanProperties>;
  hub: ArmResource<VirtualHubProperties>;
  gateway: ArmResource<P2sVpnGatewayProperties>;
  serverConfig: ArmResource<VpnServerConfigurationProperties>;
}

/**
 * Adds a Standard Virtual WAN with one hub whose P2S VPN gateway hands out addresses from `pool`, authenticating
 * with Entra ID over OpenVPN (the Azure VPN Client's setup).
 */
export function addVirtualWanP2s(
  estate: Estate,
  p: Placement,
  opts: {
    wan: string;
    hub: string;
    hubPrefix: string;
    gateway: string;
    serverConfig: string;
    pool: string[];
    tenantId: string;
  },
): VwanP2s {
  ensureResourceGroup(estate, p);
  const id = (type: string, name: string) => resourceId(p.subscriptionId, p.resourceGroup, type, name);
  const wanId = id(VWAN_TYPES.wan, opts.wan);
  const hubId = id(VWAN_TYPES.hub, opts.hub);
  const gwId = id(VWAN_TYPES.p2sGateway, opts.gateway);
  const scId = id(VWAN_TYPES.serverConfig, opts.serverConfig);
  const base = <P>(rid: string, name: string, type: string, properties: P): ArmResource<P> =>
    armDoc(p, rid, name, type, { properties });
  const wan = estate.put(
    base<VirtualWanProperties>(wanId, opts.wan, VWAN_TYPES.wan, {
      disableVpnEncryption: false,
      allowBranchToBranchTraffic: true,
      type: 'Standard',
      virtualHubs: [{ id: hubId }],
      vpnSites: [],
      office365LocalBreakoutCategory: 'None',
      provisioningState: 'Succeeded',
    }),
  );
  const [a, b, c] = opts.hubPrefix.split('/')[0]!.split('.');
  const hub = estate.put(
    base<VirtualHubProperties>(hubId, opts.hub, VWAN_TYPES.hub, {
      virtualWan: { id: wanId },
      p2SVpnGateway: { id: gwId },
      addressPrefix: opts.hubPrefix,
      sku: 'Standard',
      routingState: 'Provisioned',
      virtualRouterAsn: 65515,
      virtualRouterIps: [`${a}.${b}.${c}.68`, `${a}.${b}.${c}.69`],
      virtualHubRouteTableV2s: [],
      allowBranchToBranchTraffic: false,
      preferredRoutingGateway: 'ExpressRoute',
      hubRoutingPreference: 'ExpressRoute',
      virtualRouterAutoScaleConfiguration: { minCapacity: 2 },
      provisioningState: 'Succeeded',
    }),
  );
  hub._connections = [];
  const configId = `${gwId}/p2sConnectionConfigurations/P2SConnectionConfigDefault`;
  const gateway = estate.put(
    base<P2sVpnGatewayProperties>(gwId, opts.gateway, VWAN_TYPES.p2sGateway, {
      virtualHub: { id: hubId },
      vpnServerConfiguration: { id: scId },
      p2SConnectionConfigurations: [
        {
          id: configId,
          name: 'P2SConnectionConfigDefault',
          etag: etag(configId),
          properties: {
            vpnClientAddressPool: { addressPrefixes: [...opts.pool] },
            routingConfiguration: defaultRouting(hubId),
            enableInternetSecurity: false,
            provisioningState: 'Succeeded',
          },
        },
      ],
      vpnGatewayScaleUnit: 1,
      customDnsServers: [],
      isRoutingPreferenceInternet: false,
      provisioningState: 'Succeeded',
    }),
  );
  const serverConfig = estate.put(
    base<VpnServerConfigurationProperties>(scId, opts.serverConfig, VWAN_TYPES.serverConfig, {
      vpnProtocols: ['OpenVPN'],
      vpnAuthenticationTypes: ['AAD'],
      vpnClientRootCertificates: [],
      vpnClientRevokedCertificates: [],
      radiusServerRootCertificates: [],
      radiusClientRootCertificates: [],
      vpnClientIpsecPolicies: [],
      radiusServers: [],
      aadAuthenticationParameters: {
        aadTenant: `https://login.microsoftonline.com/${opts.tenantId}/`,
        // The Azure VPN Client's Microsoft-registered application id (its documented audience).
        aadAudience: 'c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
        aadIssuer: `https://sts.windows.net/${opts.tenantId}/`,
      },
      configurationPolicyGroups: [],
      p2SVpnGateways: [{ id: gwId }],
      provisioningState: 'Succeeded',
    }),
  );
  return { wan, hub, gateway, serverConfig };
}

/** Connects a VNet to a hub (`hubVirtualNetworkConnections/{name}`), as the portal does with default routing. */
export function connectVnetToHub(
  hub: ArmResource<VirtualHubProperties>,
  vnet: ArmResource<VnetProperties>,
  name: string,
): HubVnetConnection {
  const cid = `${hub.id}/hubVirtualNetworkConnections/${name}`;
  const conn: HubVnetConnection = {
    id: cid,
    name,
    etag: etag(cid),
    properties: {
      remoteVirtualNetwork: { id: vnet.id },
      enableInternetSecurity: true,
      routingConfiguration: defaultRouting(hub.id),
      provisioningState: 'Succeeded',
    },
  };
  hub._connections = [...hubConnections(hub), conn];
  return conn;
}

/** Builders for VNets and their peerings, public IPs and VPN gateways with a point-to-site pool. */
import type { Estate } from '../model/estate';
import { resourceId } from '../model/ids';
import type {
  ArmResource,
  GatewayProperties,
  NsgProperties,
  PublicIpProperties,
  Subnet,
  VnetProperties,
} from '../model/resources';
import { idCase } from './id-case';
import { armDoc, ensureResourceGroup, etag, guid, type Placement } from './placement';

/** Adds a VNet with subnets (optionally with subnet NSGs). */
export function addVnet(
  estate: Estate,
  p: Placement,
  name: string,
  addressPrefix: string,
  subnets: Array<{ name: string; prefix: string; nsg?: ArmResource<NsgProperties> }>,
): ArmResource<VnetProperties> {
  ensureResourceGroup(estate, p);
  const id = resourceId(p.subscriptionId, p.resourceGroup, 'Microsoft.Network/virtualNetworks', name);
  const subnetDocs: Subnet[] = subnets.map((s) => {
    const sid = `${id}/subnets/${s.name}`;
    if (s.nsg) s.nsg.properties.subnets = [...(s.nsg.properties.subnets ?? []), { id: idCase.networkRef(sid) }];
    return {
      id: sid,
      name: s.name,
      etag: etag(sid),
      type: 'Microsoft.Network/virtualNetworks/subnets',
      properties: {
        addressPrefix: s.prefix,
        ...(s.nsg ? { networkSecurityGroup: { id: idCase.networkRef(s.nsg.id) } } : {}),
        ipConfigurations: [],
        provisioningState: 'Succeeded',
        privateEndpointNetworkPolicies: 'Disabled',
        privateLinkServiceNetworkPolicies: 'Enabled',
      },
    };
  });
  return estate.put(
    armDoc<VnetProperties>(p, id, name, 'Microsoft.Network/virtualNetworks', {
      properties: {
        addressSpace: { addressPrefixes: [addressPrefix] },
        subnets: subnetDocs,
        virtualNetworkPeerings: [],
        enableDdosProtection: false,
        resourceGuid: guid(id),
        provisioningState: 'Succeeded',
      },
    }),
  );
}

/** Peers two VNets both ways; `gatewayTransit` lets `b` use `a`'s gateway (P2S clients reach `b`). */
export function peer(a: ArmResource<VnetProperties>, b: ArmResource<VnetProperties>, gatewayTransit: boolean): void {
  const link = (
    from: ArmResource<VnetProperties>,
    to: ArmResource<VnetProperties>,
    allowTransit: boolean,
    useRemote: boolean,
  ) => {
    const id = `${from.id}/virtualNetworkPeerings/${from.name}-to-${to.name}`;
    from.properties.virtualNetworkPeerings.push({
      id,
      name: `${from.name}-to-${to.name}`,
      etag: etag(id),
      type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
      properties: {
        remoteVirtualNetwork: { id: idCase.networkRef(to.id) },
        remoteAddressSpace: { addressPrefixes: [...to.properties.addressSpace.addressPrefixes] },
        allowVirtualNetworkAccess: true,
        allowForwardedTraffic: gatewayTransit,
        allowGatewayTransit: allowTransit,
        useRemoteGateways: useRemote,
        peeringState: 'Connected',
        peeringSyncLevel: 'FullyInSync',
        provisioningState: 'Succeeded',
      },
    });
  };
  link(a, b, gatewayTransit, false);
  link(b, a, false, gatewayTransit);
}

/** Adds a public IP (Static, allocated). */
export function addPublicIp(
  estate: Estate,
  p: Placement,
  name: string,
  address: string,
): ArmResource<PublicIpProperties> {
  ensureResourceGroup(estate, p);
  const id = resourceId(p.subscriptionId, p.resourceGroup, 'Microsoft.Network/publicIPAddresses', name);
  return estate.put(
    armDoc<PublicIpProperties>(p, id, name, 'Microsoft.Network/publicIPAddresses', {
      sku: { name: 'Standard', tier: 'Regional' },
      properties: {
        ipAddress: address,
        publicIPAllocationMethod: 'Static',
        publicIPAddressVersion: 'IPv4',
        idleTimeoutInMinutes: 4,
        ipTags: [],
        resourceGuid: guid(id),
        provisioningState: 'Succeeded',
      },
    }),
  );
}

/** Adds a route-based VPN gateway in the VNet's GatewaySubnet with a point-to-site address pool. */
export function addVpnGateway(
  estate: Estate,
  p: Placement,
  name: string,
  vnet: ArmResource<VnetProperties>,
  pip: ArmResource<PublicIpProperties>,
  p2sPool: string[],
): ArmResource<GatewayProperties> {
  const id = resourceId(p.subscriptionId, p.resourceGroup, 'Microsoft.Network/virtualNetworkGateways', name);
  const gwSubnet = vnet.properties.subnets.find((s) => s.name === 'GatewaySubnet');
  if (!gwSubnet) throw new Error(`${vnet.name} has no GatewaySubnet`);
  const ipConfigId = `${id}/ipConfigurations/default`;
  gwSubnet.properties.ipConfigurations = [
    ...(gwSubnet.properties.ipConfigurations ?? []),
    { id: idCase.networkRef(ipConfigId) },
  ];
  pip.properties.ipConfiguration = { id: idCase.networkRef(ipConfigId) };
  return estate.put(
    armDoc<GatewayProperties>(p, id, name, 'Microsoft.Network/virtualNetworkGateways', {
      properties: {
        gatewayType: 'Vpn',
        vpnType: 'RouteBased',
        vpnGatewayGeneration: 'Generation2',
        enableBgp: false,
        activeActive: false,
        sku: { name: 'VpnGw2', tier: 'VpnGw2', capacity: 2 },
        ipConfigurations: [
          {
            id: ipConfigId,
            name: 'default',
            properties: {
              privateIPAllocationMethod: 'Dynamic',
              subnet: { id: idCase.networkRef(gwSubnet.id) },
              publicIPAddress: { id: idCase.networkRef(pip.id) },
              provisioningState: 'Succeeded',
            },
          },
        ],
        vpnClientConfiguration: {
          vpnClientAddressPool: { addressPrefixes: p2sPool },
          vpnClientProtocols: ['OpenVPN'],
          vpnAuthenticationTypes: ['AAD'],
          vpnClientRootCertificates: [],
          vpnClientRevokedCertificates: [],
          radiusServers: [],
          vpnClientIpsecPolicies: [],
          aadTenant: `https://login.microsoftonline.com/${guid('tenant:contoso')}/`,
          aadAudience: 'c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
          aadIssuer: `https://sts.windows.net/${guid('tenant:contoso')}/`,
        },
        resourceGuid: guid(id),
        provisioningState: 'Succeeded',
      },
    }),
  );
}

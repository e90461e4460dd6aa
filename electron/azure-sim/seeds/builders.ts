/** Builders that make ARM-shaped documents (as in the official examples, test/fixtures/azure-api/examples) for the seeds. */
import { createHash } from 'node:crypto';
import type { Estate } from '../model/estate';
import { resourceId, rgId } from '../model/ids';
import { idCase } from './id-case';
import type {
  ArmResource,
  GatewayProperties,
  JitPolicyDoc,
  JitPortRule,
  NicProperties,
  NsgProperties,
  PublicIpProperties,
  SecurityRule,
  SimPowerState,
  Subnet,
  VmProperties,
  VnetProperties,
} from '../model/resources';

/** A stable GUID derived from a name, so seeds give the same ids every run. */
export function guid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const etag = (name: string) => `W/"${guid(`etag:${name}`)}"`;

/** Where a resource goes. */
export interface Placement {
  subscriptionId: string;
  resourceGroup: string;
  location: string;
}

/** Creates the resource group if it does not exist. */
export function ensureResourceGroup(estate: Estate, p: Placement): void {
  const id = rgId(p.subscriptionId, p.resourceGroup);
  if (estate.resourceGroup(id)) return;
  estate.addResourceGroup({
    id,
    name: p.resourceGroup,
    type: 'Microsoft.Resources/resourceGroups',
    location: p.location,
    properties: { provisioningState: 'Succeeded' },
  });
}

/** Azure's default NSG rules (priorities 65000+), as in NetworkSecurityGroupGet.json. */
export function defaultSecurityRules(nsgId: string): SecurityRule[] {
  const rule = (
    name: string,
    priority: number,
    direction: 'Inbound' | 'Outbound',
    access: 'Allow' | 'Deny',
    src: string,
    dst: string,
    description: string,
  ): SecurityRule => ({
    id: `${nsgId}/defaultSecurityRules/${name}`,
    name,
    etag: etag(`${nsgId}/${name}`),
    type: 'Microsoft.Network/networkSecurityGroups/defaultSecurityRules',
    properties: {
      description,
      protocol: '*',
      sourcePortRange: '*',
      destinationPortRange: '*',
      sourceAddressPrefix: src,
      destinationAddressPrefix: dst,
      access,
      priority,
      direction,
      provisioningState: 'Succeeded',
    },
  });
  return [
    rule(
      'AllowVnetInBound',
      65000,
      'Inbound',
      'Allow',
      'VirtualNetwork',
      'VirtualNetwork',
      'Allow inbound traffic from all VMs in VNET',
    ),
    rule(
      'AllowAzureLoadBalancerInBound',
      65001,
      'Inbound',
      'Allow',
      'AzureLoadBalancer',
      '*',
      'Allow inbound traffic from azure load balancer',
    ),
    rule('DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*', 'Deny all inbound traffic'),
    rule(
      'AllowVnetOutBound',
      65000,
      'Outbound',
      'Allow',
      'VirtualNetwork',
      'VirtualNetwork',
      'Allow outbound traffic from all VMs to all VMs in VNET',
    ),
    rule(
      'AllowInternetOutBound',
      65001,
      'Outbound',
      'Allow',
      '*',
      'Internet',
      'Allow outbound traffic from all VMs to Internet',
    ),
    rule('DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*', 'Deny all outbound traffic'),
  ];
}

/** A user-defined inbound rule for an NSG. */
export function inboundRule(
  nsgId: string,
  name: string,
  priority: number,
  access: 'Allow' | 'Deny',
  port: string,
  source: string,
  destination = '*',
  protocol: SecurityRule['properties']['protocol'] = 'Tcp',
): SecurityRule {
  return {
    id: `${nsgId}/securityRules/${name}`,
    name,
    etag: etag(`${nsgId}/${name}`),
    type: 'Microsoft.Network/networkSecurityGroups/securityRules',
    properties: {
      protocol,
      sourcePortRange: '*',
      destinationPortRange: port,
      sourceAddressPrefix: source,
      destinationAddressPrefix: destination,
      access,
      priority,
      direction: 'Inbound',
      provisioningState: 'Succeeded',
    },
  };
}

/** Adds an NSG with Azure's default rules and the given custom rules. */
export function addNsg(
  estate: Estate,
  p: Placement,
  name: string,
  rules: (nsgId: string) => SecurityRule[] = () => [],
): ArmResource<NsgProperties> {
  ensureResourceGroup(estate, p);
  const id = resourceId(p.subscriptionId, p.resourceGroup, 'Microsoft.Network/networkSecurityGroups', name);
  return estate.put<ArmResource<NsgProperties>>({
    id,
    name,
    type: 'Microsoft.Network/networkSecurityGroups',
    location: p.location,
    etag: etag(id),
    properties: {
      securityRules: rules(id),
      defaultSecurityRules: defaultSecurityRules(id),
      resourceGuid: guid(id),
      provisioningState: 'Succeeded',
      networkInterfaces: [],
      subnets: [],
    },
  });
}

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
  return estate.put<ArmResource<VnetProperties>>({
    id,
    name,
    type: 'Microsoft.Network/virtualNetworks',
    location: p.location,
    etag: etag(id),
    properties: {
      addressSpace: { addressPrefixes: [addressPrefix] },
      subnets: subnetDocs,
      virtualNetworkPeerings: [],
      enableDdosProtection: false,
      resourceGuid: guid(id),
      provisioningState: 'Succeeded',
    },
  });
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
  return estate.put<ArmResource<PublicIpProperties>>({
    id,
    name,
    type: 'Microsoft.Network/publicIPAddresses',
    location: p.location,
    etag: etag(id),
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
  });
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
  return estate.put<ArmResource<GatewayProperties>>({
    id,
    name,
    type: 'Microsoft.Network/virtualNetworkGateways',
    location: p.location,
    etag: etag(id),
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
  });
}

/** What a seeded VM looks like. */
export interface VmSpec {
  name: string;
  os: 'Windows' | 'Linux';
  subnet: Subnet;
  privateIp: string;
  nicNsg?: ArmResource<NsgProperties>;
  publicIp?: ArmResource<PublicIpProperties>;
  power?: SimPowerState;
  size?: string;
  tags?: Record<string, string>;
}

/** Adds a VM with its NIC (and links NSG / public IP / subnet back-references as Azure does). */
export function addVm(estate: Estate, p: Placement, spec: VmSpec): ArmResource<VmProperties> {
  ensureResourceGroup(estate, p);
  // The VM as created; Compute serves it with the resource group upper-cased (idCase.compute).
  const createdVmId = resourceId(p.subscriptionId, p.resourceGroup, 'Microsoft.Compute/virtualMachines', spec.name);
  const vmId = idCase.compute(createdVmId);
  const nicName = `${spec.name.toLowerCase()}-nic`;
  const nicId = resourceId(p.subscriptionId, p.resourceGroup, 'Microsoft.Network/networkInterfaces', nicName);
  const ipConfigId = `${nicId}/ipConfigurations/ipconfig1`;
  const ref = idCase.networkRef;
  spec.subnet.properties.ipConfigurations = [
    ...(spec.subnet.properties.ipConfigurations ?? []),
    { id: ref(ipConfigId) },
  ];
  if (spec.nicNsg)
    spec.nicNsg.properties.networkInterfaces = [
      ...(spec.nicNsg.properties.networkInterfaces ?? []),
      { id: ref(nicId) },
    ];
  if (spec.publicIp) spec.publicIp.properties.ipConfiguration = { id: ref(ipConfigId) };
  const mac = guid(nicId).replace(/-/g, '').slice(0, 12).toUpperCase().match(/../g)!.join('-');
  estate.put<ArmResource<NicProperties>>({
    id: nicId,
    name: nicName,
    type: 'Microsoft.Network/networkInterfaces',
    location: p.location,
    etag: etag(nicId),
    properties: {
      ipConfigurations: [
        {
          id: ipConfigId,
          name: 'ipconfig1',
          etag: etag(ipConfigId),
          type: 'Microsoft.Network/networkInterfaces/ipConfigurations',
          properties: {
            privateIPAddress: spec.privateIp,
            privateIPAllocationMethod: 'Dynamic',
            privateIPAddressVersion: 'IPv4',
            subnet: { id: ref(spec.subnet.id) },
            ...(spec.publicIp ? { publicIPAddress: { id: ref(spec.publicIp.id) } } : {}),
            primary: true,
            provisioningState: 'Succeeded',
          },
        },
      ],
      ...(spec.nicNsg ? { networkSecurityGroup: { id: ref(spec.nicNsg.id) } } : {}),
      virtualMachine: { id: idCase.nicToVm(createdVmId) },
      dnsSettings: {
        dnsServers: [],
        appliedDnsServers: [],
        internalDomainNameSuffix: `${guid(nicId).slice(0, 8)}.ax.internal.cloudapp.net`,
      },
      macAddress: mac,
      primary: true,
      enableAcceleratedNetworking: true,
      enableIPForwarding: false,
      disableTcpStateTracking: false,
      nicType: 'Standard',
      resourceGuid: guid(nicId),
      provisioningState: 'Succeeded',
    },
  });
  const windows = spec.os === 'Windows';
  const diskName = `${spec.name}_OsDisk_1_${guid(createdVmId).replace(/-/g, '')}`;
  const vm = estate.put<ArmResource<VmProperties>>({
    id: vmId,
    name: spec.name,
    type: 'Microsoft.Compute/virtualMachines',
    location: p.location,
    ...(spec.tags ? { tags: spec.tags } : {}),
    etag: '"1"',
    properties: {
      vmId: guid(createdVmId),
      hardwareProfile: { vmSize: spec.size ?? (windows ? 'Standard_D2s_v5' : 'Standard_B2s') },
      storageProfile: {
        imageReference: windows
          ? {
              publisher: 'MicrosoftWindowsServer',
              offer: 'WindowsServer',
              sku: '2022-datacenter-azure-edition',
              version: 'latest',
              exactVersion: '20348.2849.241106',
            }
          : {
              publisher: 'Canonical',
              offer: 'ubuntu-24_04-lts',
              sku: 'server',
              version: 'latest',
              exactVersion: '24.04.202411030',
            },
        osDisk: {
          osType: spec.os,
          name: diskName,
          createOption: 'FromImage',
          caching: 'ReadWrite',
          managedDisk: {
            storageAccountType: 'Premium_LRS',
            id: idCase.compute(resourceId(p.subscriptionId, p.resourceGroup, 'Microsoft.Compute/disks', diskName)),
          },
          diskSizeGB: windows ? 127 : 30,
          deleteOption: 'Delete',
        },
        dataDisks: [],
      },
      osProfile: {
        computerName: spec.name.slice(0, 15),
        adminUsername: 'azureadmin',
        ...(windows
          ? {
              windowsConfiguration: {
                provisionVMAgent: true,
                enableAutomaticUpdates: true,
                patchSettings: { patchMode: 'AutomaticByOS', assessmentMode: 'ImageDefault' },
              },
            }
          : {
              linuxConfiguration: {
                disablePasswordAuthentication: true,
                provisionVMAgent: true,
                patchSettings: { patchMode: 'ImageDefault', assessmentMode: 'ImageDefault' },
              },
            }),
        secrets: [],
        allowExtensionOperations: true,
        requireGuestProvisionSignal: true,
      },
      networkProfile: { networkInterfaces: [{ id: idCase.compute(nicId), properties: { primary: true } }] },
      diagnosticsProfile: { bootDiagnostics: { enabled: true } },
      provisioningState: 'Succeeded',
      timeCreated: '2026-03-02T09:14:07.1234567+00:00',
    },
  });
  estate.power.set(vmId.toLowerCase(), spec.power ?? 'running');
  return vm;
}

/** A JIT port rule with the portal's defaults (TCP, PT3H, any source). */
export function jitPort(number: number, opts: { max?: string; allowed?: string | string[] } = {}): JitPortRule {
  const allowed = opts.allowed ?? '*';
  return {
    number,
    protocol: 'TCP',
    maxRequestAccessDuration: opts.max ?? 'PT3H',
    ...(Array.isArray(allowed) ? { allowedSourceAddressPrefixes: allowed } : { allowedSourceAddressPrefix: allowed }),
  };
}

/** Adds a JIT policy (`default`, as the portal names it) listing VMs of one resource group and region. */
export function addJitPolicy(
  estate: Estate,
  p: Placement,
  vms: Array<{ vm: ArmResource<VmProperties>; ports: JitPortRule[]; firewallPublicIp?: string }>,
  name = 'default',
): JitPolicyDoc {
  const id = `${rgId(p.subscriptionId, p.resourceGroup)}/providers/Microsoft.Security/locations/${p.location}/jitNetworkAccessPolicies/${name}`;
  const doc: JitPolicyDoc = {
    id,
    name,
    type: 'Microsoft.Security/locations/jitNetworkAccessPolicies',
    kind: 'Basic',
    location: p.location,
    properties: {
      virtualMachines: vms.map((v) => ({
        id: idCase.security(v.vm.id),
        ports: v.ports,
        ...(v.firewallPublicIp ? { publicIpAddress: v.firewallPublicIp } : {}),
      })),
      requests: [],
      provisioningState: 'Succeeded',
    },
  };
  estate.putJitPolicy(doc);
  return doc;
}

/** ARM-shaped documents the simulator stores and serves (the wire shapes of the official examples in test/fixtures/azure-api). */

/** A reference to another resource. */
export interface SubResource {
  id: string;
}

/** Any tracked ARM resource. */
export interface ArmResource<P = object> {
  id: string;
  name: string;
  type: string;
  location: string;
  tags?: Record<string, string>;
  etag?: string;
  properties: P;
  [extra: string]: unknown;
}

/** An NSG security rule (network swagger `SecurityRule`). */
export interface SecurityRule {
  id: string;
  name: string;
  etag?: string;
  type:
    | 'Microsoft.Network/networkSecurityGroups/securityRules'
    | 'Microsoft.Network/networkSecurityGroups/defaultSecurityRules';
  properties: {
    description?: string;
    protocol: 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | '*' | 'Ah';
    sourcePortRange?: string;
    sourcePortRanges?: string[];
    destinationPortRange?: string;
    destinationPortRanges?: string[];
    sourceAddressPrefix?: string;
    sourceAddressPrefixes?: string[];
    destinationAddressPrefix?: string;
    destinationAddressPrefixes?: string[];
    access: 'Allow' | 'Deny';
    priority: number;
    direction: 'Inbound' | 'Outbound';
    provisioningState: string;
  };
}

/** NSG properties. */
export interface NsgProperties {
  securityRules: SecurityRule[];
  defaultSecurityRules: SecurityRule[];
  networkInterfaces?: SubResource[];
  subnets?: SubResource[];
  resourceGuid: string;
  provisioningState: string;
}

/** An IP configuration of a NIC. */
export interface NicIpConfiguration {
  id: string;
  name: string;
  etag?: string;
  type?: string;
  properties: {
    privateIPAddress: string;
    privateIPAllocationMethod: 'Static' | 'Dynamic';
    privateIPAddressVersion: 'IPv4' | 'IPv6';
    subnet: SubResource;
    publicIPAddress?: SubResource;
    primary: boolean;
    provisioningState: string;
  };
}

/** NIC properties. */
export interface NicProperties {
  ipConfigurations: NicIpConfiguration[];
  networkSecurityGroup?: SubResource;
  virtualMachine?: SubResource;
  dnsSettings: { dnsServers: string[]; appliedDnsServers: string[]; internalDomainNameSuffix?: string };
  macAddress?: string;
  primary?: boolean;
  enableAcceleratedNetworking: boolean;
  enableIPForwarding: boolean;
  resourceGuid: string;
  provisioningState: string;
  [extra: string]: unknown;
}

/** Public IP properties. */
export interface PublicIpProperties {
  ipAddress?: string;
  publicIPAllocationMethod: 'Static' | 'Dynamic';
  publicIPAddressVersion: 'IPv4' | 'IPv6';
  idleTimeoutInMinutes: number;
  ipConfiguration?: SubResource;
  ipTags: unknown[];
  resourceGuid: string;
  provisioningState: string;
}

/** A subnet. */
export interface Subnet {
  id: string;
  name: string;
  etag?: string;
  type: 'Microsoft.Network/virtualNetworks/subnets';
  properties: {
    addressPrefix: string;
    networkSecurityGroup?: SubResource;
    ipConfigurations?: SubResource[];
    provisioningState: string;
    privateEndpointNetworkPolicies?: string;
    privateLinkServiceNetworkPolicies?: string;
  };
}

/** A VNet peering. */
export interface VnetPeering {
  id: string;
  name: string;
  etag?: string;
  type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings';
  properties: {
    remoteVirtualNetwork: SubResource;
    remoteAddressSpace: { addressPrefixes: string[] };
    allowVirtualNetworkAccess: boolean;
    allowForwardedTraffic: boolean;
    allowGatewayTransit: boolean;
    useRemoteGateways: boolean;
    peeringState: 'Connected' | 'Initiated' | 'Disconnected';
    peeringSyncLevel?: string;
    provisioningState: string;
  };
}

/** VNet properties. */
export interface VnetProperties {
  addressSpace: { addressPrefixes: string[] };
  subnets: Subnet[];
  virtualNetworkPeerings: VnetPeering[];
  enableDdosProtection: boolean;
  resourceGuid: string;
  provisioningState: string;
}

/** Virtual network gateway properties (point-to-site pool in `vpnClientConfiguration`). */
export interface GatewayProperties {
  gatewayType: 'Vpn' | 'ExpressRoute';
  vpnType: 'RouteBased' | 'PolicyBased';
  vpnGatewayGeneration?: string;
  enableBgp: boolean;
  activeActive: boolean;
  sku: { name: string; tier: string; capacity?: number };
  ipConfigurations: Array<{
    id: string;
    name: string;
    properties: {
      privateIPAllocationMethod: string;
      subnet: SubResource;
      publicIPAddress?: SubResource;
      provisioningState: string;
    };
  }>;
  vpnClientConfiguration?: {
    vpnClientAddressPool: { addressPrefixes: string[] };
    vpnClientProtocols: string[];
    vpnAuthenticationTypes: string[];
    vpnClientRootCertificates: unknown[];
    vpnClientRevokedCertificates: unknown[];
    radiusServers: unknown[];
    vpnClientIpsecPolicies: unknown[];
    aadTenant?: string;
    aadAudience?: string;
    aadIssuer?: string;
  };
  resourceGuid: string;
  provisioningState: string;
}

/** VM properties (compute `VirtualMachineProperties`, the parts the simulator models). */
export interface VmProperties {
  vmId: string;
  hardwareProfile: { vmSize: string };
  storageProfile: {
    imageReference: { publisher: string; offer: string; sku: string; version: string; exactVersion?: string };
    osDisk: {
      osType: 'Windows' | 'Linux';
      name: string;
      createOption: string;
      caching: string;
      managedDisk: { storageAccountType: string; id: string };
      diskSizeGB: number;
      deleteOption?: string;
    };
    dataDisks: unknown[];
  };
  osProfile: {
    computerName: string;
    adminUsername: string;
    windowsConfiguration?: {
      provisionVMAgent: boolean;
      enableAutomaticUpdates: boolean;
      patchSettings?: Record<string, unknown>;
    };
    linuxConfiguration?: {
      disablePasswordAuthentication: boolean;
      provisionVMAgent: boolean;
      patchSettings?: Record<string, unknown>;
    };
    secrets: unknown[];
    allowExtensionOperations: boolean;
    requireGuestProvisionSignal?: boolean;
  };
  networkProfile: { networkInterfaces: Array<{ id: string; properties?: { primary: boolean } }> };
  diagnosticsProfile?: { bootDiagnostics: { enabled: boolean } };
  provisioningState: string;
  timeCreated: string;
}

/** Power codes Azure uses in `PowerState/<code>`. */
export type SimPowerState = 'starting' | 'running' | 'stopping' | 'stopped' | 'deallocating' | 'deallocated';

/** ARM subscription document (`GetSubscriptions.json`). */
export interface SubscriptionDoc {
  id: string;
  subscriptionId: string;
  displayName: string;
  state: 'Enabled' | 'Disabled' | 'Warned' | 'PastDue' | 'Deleted';
  tenantId: string;
  managedByTenants: Array<{ tenantId: string }>;
  subscriptionPolicies: {
    locationPlacementId: string;
    quotaId: string;
    spendingLimit: 'On' | 'Off' | 'CurrentPeriodOff';
  };
  authorizationSource: string;
  tags?: Record<string, string>;
}

/** A resource group. */
export interface ResourceGroupDoc {
  id: string;
  name: string;
  type: 'Microsoft.Resources/resourceGroups';
  location: string;
  properties: { provisioningState: string };
  tags?: Record<string, string>;
}

/** A JIT port rule of a policy (security swagger `JitNetworkAccessPortRule`). */
export interface JitPortRule {
  number: number;
  protocol: 'TCP' | 'UDP' | '*';
  allowedSourceAddressPrefix?: string;
  allowedSourceAddressPrefixes?: string[];
  maxRequestAccessDuration: string;
}

/** A port of a JIT request (`JitNetworkAccessRequestPort`). */
export interface JitRequestPort {
  number: number;
  allowedSourceAddressPrefix?: string;
  allowedSourceAddressPrefixes?: string[];
  endTimeUtc: string;
  status: string;
  statusReason: string;
  mappedPort?: number;
}

/** A JIT request (`JitNetworkAccessRequest`). */
export interface JitRequest {
  virtualMachines: Array<{ id: string; ports: JitRequestPort[] }>;
  startTimeUtc: string;
  requestor: string;
  justification?: string;
}

/** A JIT policy (`JitNetworkAccessPolicy`). */
export interface JitPolicyDoc {
  id: string;
  name: string;
  type: 'Microsoft.Security/locations/jitNetworkAccessPolicies';
  kind: string;
  location: string;
  properties: {
    virtualMachines: Array<{ id: string; ports: JitPortRule[]; publicIpAddress?: string }>;
    requests: JitRequest[];
    provisioningState: string;
  };
}

/** The VM builder: a VM with its NIC, linked to its subnet, NSG and public IP as Azure links them. */
import type { Estate } from '../model/estate';
import { resourceId } from '../model/ids';
import type {
  ArmResource,
  NicProperties,
  NsgProperties,
  PublicIpProperties,
  SimPowerState,
  Subnet,
  VmProperties,
} from '../model/resources';
import { idCase } from './id-case';
import { ensureResourceGroup, etag, guid, type Placement } from './placement';

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

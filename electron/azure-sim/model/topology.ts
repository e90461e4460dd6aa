/**
 * Where a VM sits in the simulated network: its primary NIC and IP configuration, private and public address,
 * subnet, VNet, and the NSGs that apply to it (the subnet's and the NIC's), read from the estate.
 */
import type { Estate } from './estate';
import type {
  ArmResource,
  NicProperties,
  NsgProperties,
  PublicIpProperties,
  Subnet,
  VmProperties,
  VnetProperties,
} from './resources';

/** A VM as the network sees it. */
export interface VmTopology {
  vm: ArmResource<VmProperties>;
  nic: ArmResource<NicProperties>;
  privateIp: string;
  /** The allocated public address of the primary IP configuration, if any. */
  publicIp?: string;
  subnet?: Subnet;
  vnet?: ArmResource<VnetProperties>;
  /** NSGs that apply, in the order inbound traffic meets them: the subnet's, then the NIC's. */
  nsgs: Array<ArmResource<NsgProperties>>;
}

const VM = 'Microsoft.Compute/virtualMachines';
const NIC = 'Microsoft.Network/networkInterfaces';
const NSG = 'Microsoft.Network/networkSecurityGroups';
const VNET = 'Microsoft.Network/virtualNetworks';
const PIP = 'Microsoft.Network/publicIPAddresses';

/** The VNet id and subnet name of a subnet id. */
function splitSubnetId(subnetId: string): { vnetId: string; name: string } | undefined {
  const m = subnetId.match(/^(.*)\/subnets\/([^/]+)\/?$/i);
  return m ? { vnetId: m[1]!, name: m[2]! } : undefined;
}

/** Finds a subnet (and its VNet) by id. */
export function findSubnet(
  estate: Estate,
  subnetId: string,
): { vnet: ArmResource<VnetProperties>; subnet: Subnet } | undefined {
  const parts = splitSubnetId(subnetId);
  if (!parts) return undefined;
  const vnet = estate.get<ArmResource<VnetProperties>>(parts.vnetId, VNET);
  const subnet = vnet?.properties.subnets.find((s) => s.name.toLowerCase() === parts.name.toLowerCase());
  return vnet && subnet ? { vnet, subnet } : undefined;
}

/** The topology of a VM (by id or document); undefined when the VM or its NIC does not exist. */
export function vmTopology(estate: Estate, vmOrId: string | ArmResource<VmProperties>): VmTopology | undefined {
  const vm = typeof vmOrId === 'string' ? estate.get<ArmResource<VmProperties>>(vmOrId, VM) : vmOrId;
  if (!vm) return undefined;
  const refs = vm.properties.networkProfile?.networkInterfaces ?? [];
  const primaryRef = refs.find((r) => r.properties?.primary) ?? refs[0];
  if (!primaryRef) return undefined;
  const nic = estate.get<ArmResource<NicProperties>>(primaryRef.id, NIC);
  if (!nic) return undefined;
  const ipConfigs = nic.properties.ipConfigurations ?? [];
  const ipConfig = ipConfigs.find((c) => c.properties.primary) ?? ipConfigs[0];
  if (!ipConfig) return undefined;
  const topo: VmTopology = { vm, nic, privateIp: ipConfig.properties.privateIPAddress, nsgs: [] };
  const pipId = ipConfig.properties.publicIPAddress?.id;
  if (pipId) {
    const pip = estate.get<ArmResource<PublicIpProperties>>(pipId, PIP);
    if (pip?.properties.ipAddress) topo.publicIp = pip.properties.ipAddress;
  }
  const found = findSubnet(estate, ipConfig.properties.subnet.id);
  if (found) {
    topo.subnet = found.subnet;
    topo.vnet = found.vnet;
    const subnetNsgId = found.subnet.properties.networkSecurityGroup?.id;
    const subnetNsg = subnetNsgId ? estate.get<ArmResource<NsgProperties>>(subnetNsgId, NSG) : undefined;
    if (subnetNsg) topo.nsgs.push(subnetNsg);
  }
  const nicNsgId = nic.properties.networkSecurityGroup?.id;
  const nicNsg = nicNsgId ? estate.get<ArmResource<NsgProperties>>(nicNsgId, NSG) : undefined;
  if (nicNsg && !topo.nsgs.includes(nicNsg)) topo.nsgs.push(nicNsg);
  return topo;
}

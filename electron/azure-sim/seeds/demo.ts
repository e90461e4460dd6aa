/**
 * The `demo` seed: the story told in docs/demo-estate.md — Contoso, a hub VNet with a point-to-site pool 10.13.1.0/24,
 * VM-FS01 with an NSG on its NIC — plus one VM for each situation the app must handle, a Virtual WAN P2S hub
 * (Contoso Connectivity) and a subscription on Defender for Servers Plan 1 (Contoso Dev).
 */
import { Estate } from '../model/estate';
import { guid, type Placement } from './placement';
import { addNsg, inboundRule } from './nsg-builders';
import { addPublicIp, addVnet, addVpnGateway, peer } from './network-builders';
import { addVm } from './vm-builders';
import { addJitPolicy, jitPort } from './jit-builders';
import { setPricing } from '../model/defender';
import { addGroupScopedUser, addPeople, addSubscription, addTenant } from './identities';
import { addVirtualWanP2s, connectVnetToHub } from './virtual-wan';
import { addLegacyJitDenyRule } from './legacy-jit';
import { addFabrikam } from './fabrikam';

/** Fixed ids of the demo estate, for tests and docs. */
export const DEMO = {
  tenantId: guid('tenant:contoso'),
  domain: 'contoso.com',
  prodSubscriptionId: guid('sub:contoso-production'),
  financeSubscriptionId: guid('sub:contoso-finance'),
  location: 'westeurope',
  p2sPool: '10.13.1.0/24',
  vpnClientIp: '10.13.1.7',
  publicClientIp: '203.0.113.7',
  firewallPublicIp: '20.61.10.100',
  /** Virtual WAN: hub `vhub-weu`'s P2S pool, and the address a client on that VPN gets (see `clientInterfaces`). */
  connectivitySubscriptionId: guid('sub:contoso-connectivity'),
  vwanP2sPool: '10.50.0.0/24',
  vwanVpnClientIp: '10.50.0.7',
  /** On Defender for Servers Plan 1: its VMs cannot use JIT. */
  devSubscriptionId: guid('sub:contoso-dev'),
} as const;

/** Builds the demo estate. */
export function demoEstate(): Estate {
  const e = new Estate();
  e.seed = 'demo';
  addTenant(e, DEMO.tenantId, 'Contoso', DEMO.domain);
  addSubscription(e, DEMO.prodSubscriptionId, 'Contoso Production', DEMO.tenantId);
  addSubscription(e, DEMO.financeSubscriptionId, 'Contoso Finance', DEMO.tenantId);
  addSubscription(e, DEMO.connectivitySubscriptionId, 'Contoso Connectivity', DEMO.tenantId);
  addSubscription(e, DEMO.devSubscriptionId, 'Contoso Dev', DEMO.tenantId);
  const people = addPeople(e, DEMO.tenantId, DEMO.domain, [DEMO.prodSubscriptionId], [DEMO.financeSubscriptionId]);
  // Helpdesk (and colleague) may read and request in Connectivity and in Dev — in Dev only the Defender plan stands
  // in the way. The service principal and jitonly stay in Production.
  for (const sub of [DEMO.connectivitySubscriptionId, DEMO.devSubscriptionId]) {
    for (const u of [people.helpdesk!, people.colleague!]) {
      e.assign(u.oid, `/subscriptions/${sub}`, 'Reader');
      e.assign(u.oid, `/subscriptions/${sub}`, 'JIT Network Access Requester');
    }
    e.assign(people.admin!.oid, `/subscriptions/${sub}`, 'Owner');
  }
  addDemoDefenderPlans(e);
  // rgreader: roles on rg-servers only (subscription-wide lists show it just that group's resources).
  addGroupScopedUser(e, DEMO.tenantId, DEMO.domain, 'rgreader', [
    `/subscriptions/${DEMO.prodSubscriptionId}/resourceGroups/rg-servers`,
  ]);
  // A second tenant where helpdesk is a guest.
  addFabrikam(e, people.helpdesk!);
  e.client = {
    interfaces: [
      { name: 'eth0', address: '192.168.1.20' },
      { name: 'AzureVPN', address: DEMO.vpnClientIp },
    ],
    publicIp: DEMO.publicClientIp,
  };

  const at = (subscriptionId: string, resourceGroup: string): Placement => ({
    subscriptionId,
    resourceGroup,
    location: DEMO.location,
  });
  const net = at(DEMO.prodSubscriptionId, 'rg-network');
  const srv = at(DEMO.prodSubscriptionId, 'rg-servers');
  const app = at(DEMO.prodSubscriptionId, 'rg-app');

  // Subnet NSGs must exist before the VNet that references them.
  const nsgData = addNsg(e, net, 'nsg-snet-data');
  const nsgIdentity = addNsg(e, net, 'nsg-snet-identity', (id) => [
    inboundRule(id, 'Allow-LDAP-from-VNet', 200, 'Allow', '389', 'VirtualNetwork'),
  ]);
  const hub = addVnet(e, net, 'vnet-hub', '10.10.0.0/16', [
    { name: 'GatewaySubnet', prefix: '10.10.255.0/27' },
    { name: 'AzureFirewallSubnet', prefix: '10.10.254.0/26' },
    { name: 'snet-servers', prefix: '10.10.1.0/24' },
    { name: 'snet-data', prefix: '10.10.2.0/24', nsg: nsgData },
    { name: 'snet-identity', prefix: '10.10.3.0/24', nsg: nsgIdentity },
  ]);
  const spoke = addVnet(e, app, 'vnet-spoke-app', '10.20.0.0/16', [{ name: 'snet-app', prefix: '10.20.1.0/24' }]);
  peer(hub, spoke, true);
  addVpnGateway(e, net, 'vgw-hub', hub, addPublicIp(e, net, 'pip-vgw-hub', '20.61.10.10'), [DEMO.p2sPool]);
  addPublicIp(e, net, 'pip-afw-hub', DEMO.firewallPublicIp);

  const subnet = (v: typeof hub, name: string) => v.properties.subnets.find((s) => s.name === name)!;
  const nicNsg = (p: Placement, vm: string, rules?: Parameters<typeof addNsg>[3]) => addNsg(e, p, `${vm}-nsg`, rules);

  // The story's VM: Windows file server, NSG on its NIC, reached over the P2S VPN.
  const fs01 = addVm(e, srv, {
    name: 'VM-FS01',
    os: 'Windows',
    subnet: subnet(hub, 'snet-servers'),
    privateIp: '10.10.1.4',
    nicNsg: nicNsg(srv, 'VM-FS01'),
  });
  // Linux web server with a public IP.
  const web01 = addVm(e, srv, {
    name: 'vm-web01',
    os: 'Linux',
    subnet: subnet(hub, 'snet-servers'),
    privateIp: '10.10.1.5',
    publicIp: addPublicIp(e, srv, 'pip-vm-web01', '20.61.10.25'),
    nicNsg: nicNsg(srv, 'vm-web01', (id) => [inboundRule(id, 'Allow-HTTPS', 300, 'Allow', '443', 'Internet')]),
  });
  // Deallocated Windows VM.
  const test01 = addVm(e, srv, {
    name: 'vm-test01',
    os: 'Windows',
    subnet: subnet(hub, 'snet-servers'),
    privateIp: '10.10.1.6',
    nicNsg: nicNsg(srv, 'vm-test01'),
    power: 'deallocated',
  });
  // Behind the Azure Firewall (DNAT on the firewall's public IP).
  const legacy01 = addVm(e, srv, {
    name: 'vm-legacy01',
    os: 'Windows',
    subnet: subnet(hub, 'snet-servers'),
    privateIp: '10.10.1.7',
    nicNsg: nicNsg(srv, 'vm-legacy01'),
  });
  // Only a subnet NSG.
  const sql01 = addVm(e, srv, {
    name: 'vm-sql01',
    os: 'Windows',
    subnet: subnet(hub, 'snet-data'),
    privateIp: '10.10.2.4',
  });
  // Both a subnet NSG and a NIC NSG: traffic needs an allow in each.
  const dc01 = addVm(e, srv, {
    name: 'vm-dc01',
    os: 'Windows',
    subnet: subnet(hub, 'snet-identity'),
    privateIp: '10.10.3.4',
    nicNsg: nicNsg(srv, 'vm-dc01'),
  });
  // No JIT policy at all.
  addVm(e, srv, {
    name: 'vm-build01',
    os: 'Linux',
    subnet: subnet(hub, 'snet-servers'),
    privateIp: '10.10.1.8',
    nicNsg: nicNsg(srv, 'vm-build01'),
  });
  // In a spoke peered with gateway transit; its policy lists source prefixes.
  const app01 = addVm(e, app, {
    name: 'vm-app01',
    os: 'Linux',
    subnet: subnet(spoke, 'snet-app'),
    privateIp: '10.20.1.4',
    nicNsg: nicNsg(app, 'vm-app01'),
  });

  const winPorts = () => [jitPort(3389), jitPort(5985, { max: 'PT1H' }), jitPort(5986, { max: 'PT1H' })];
  e.firewalls.set(legacy01.id.toLowerCase(), {
    vmId: legacy01.id,
    publicIp: DEMO.firewallPublicIp,
    mappedPorts: { '3389': 50001, '5986': 50002 },
  });
  const srvPolicy = addJitPolicy(e, srv, [
    { vm: fs01, ports: winPorts() },
    { vm: web01, ports: [jitPort(22, { max: 'PT8H' })] },
    { vm: test01, ports: [jitPort(3389)] },
    { vm: legacy01, ports: [jitPort(3389), jitPort(5986, { max: 'PT1H' })], firewallPublicIp: DEMO.firewallPublicIp },
    { vm: sql01, ports: [jitPort(3389, { max: 'PT2H' })] },
    { vm: dc01, ports: [jitPort(3389, { max: 'PT1H', allowed: [DEMO.p2sPool] })] },
  ]);
  // vm-sql01's subnet NSG predates Defender's 2023 rule renaming: its JIT deny rule is `SecurityCenter-JITRule_…`.
  addLegacyJitDenyRule(srvPolicy, sql01, nsgData, '10.10.2.4');
  addJitPolicy(e, app, [
    { vm: app01, ports: [jitPort(22, { max: 'PT3H', allowed: [DEMO.p2sPool, '198.51.100.0/24'] })] },
  ]);

  // Finance: helpdesk may read but not request.
  const fin = at(DEMO.financeSubscriptionId, 'rg-finance');
  const finVnet = addVnet(e, fin, 'vnet-finance', '10.30.0.0/16', [{ name: 'snet-finance', prefix: '10.30.1.0/24' }]);
  const fin01 = addVm(e, fin, {
    name: 'vm-fin01',
    os: 'Windows',
    subnet: finVnet.properties.subnets[0]!,
    privateIp: '10.30.1.4',
    nicNsg: nicNsg(fin, 'vm-fin01'),
  });
  addJitPolicy(e, fin, [{ vm: fin01, ports: [jitPort(3389)] }]);
  addVirtualWanBranch(
    e,
    at(DEMO.connectivitySubscriptionId, 'rg-vwan'),
    at(DEMO.connectivitySubscriptionId, 'rg-branch'),
  );
  addDevSubscription(e, at(DEMO.devSubscriptionId, 'rg-dev'));
  return e;
}

/** Defender plans: Servers Plan 2 (JIT available) everywhere but Dev, which is on Plan 1. */
function addDemoDefenderPlans(e: Estate): void {
  const p2 = { pricingTier: 'Standard', subPlan: 'P2', enablementTime: '2024-03-01T09:00:00Z' } as const;
  for (const sub of [DEMO.prodSubscriptionId, DEMO.financeSubscriptionId, DEMO.connectivitySubscriptionId])
    setPricing(e, sub, 'VirtualMachines', p2);
  setPricing(e, DEMO.devSubscriptionId, 'VirtualMachines', {
    pricingTier: 'Standard',
    subPlan: 'P1',
    enablementTime: '2025-01-15T10:00:00Z',
  });
}

/**
 * Point-to-site over a Virtual WAN hub instead of a VNet gateway: hub `vhub-weu` (P2S pool 10.50.0.0/24), and
 * `vnet-branch` connected to it with `vm-branch01` behind JIT. The demo client is not on this VPN by default; a test
 * puts it there with the control API's `clientInterfaces`.
 */
function addVirtualWanBranch(e: Estate, wanAt: Placement, branchAt: Placement): void {
  const { hub } = addVirtualWanP2s(e, wanAt, {
    wan: 'vwan-contoso',
    hub: 'vhub-weu',
    hubPrefix: '10.200.0.0/23',
    gateway: 'p2sgw-weu',
    serverConfig: 'vpnsc-entra',
    pool: [DEMO.vwanP2sPool],
    tenantId: DEMO.tenantId,
  });
  const vnet = addVnet(e, branchAt, 'vnet-branch', '10.41.0.0/16', [{ name: 'snet-branch', prefix: '10.41.1.0/24' }]);
  connectVnetToHub(hub, vnet, 'conn-vnet-branch');
  const vm = addVm(e, branchAt, {
    name: 'vm-branch01',
    os: 'Windows',
    subnet: vnet.properties.subnets[0]!,
    privateIp: '10.41.1.4',
    nicNsg: addNsg(e, branchAt, 'vm-branch01-nsg'),
  });
  addJitPolicy(e, branchAt, [{ vm, ports: [jitPort(3389, { max: 'PT2H' })] }]);
}

/** Contoso Dev: a VM with an NSG, readable and "requestable" by helpdesk, but on Defender for Servers Plan 1. */
function addDevSubscription(e: Estate, dev: Placement): void {
  const vnet = addVnet(e, dev, 'vnet-dev', '10.61.0.0/16', [{ name: 'snet-dev', prefix: '10.61.1.0/24' }]);
  addVm(e, dev, {
    name: 'vm-dev01',
    os: 'Linux',
    subnet: vnet.properties.subnets[0]!,
    privateIp: '10.61.1.4',
    nicNsg: addNsg(e, dev, 'vm-dev01-nsg'),
  });
}

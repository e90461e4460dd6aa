/**
 * The inventory of the demo estate as helpdesk sees it: every field of the view for every VM, across both tenants
 * (helpdesk is a guest in Fabrikam), with the mixed-case ids Azure's providers return joined correctly.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { DEMO } from '../../../../electron/azure-sim/seeds/demo';
import { FABRIKAM } from '../../../../electron/azure-sim/seeds/fabrikam';
import { readInventory, type InventorySnapshot } from '../../../../electron/core/inventory/inventory';
import type { JitPort, Vm } from '../../../../shared/domain/types';
import { control, startTestSim } from '../../../fixtures/sim';
import { simAccess } from './sim-access';

const rid = (sub: string, rg: string, type: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/${type}/${name}`;
const PROD = DEMO.prodSubscriptionId;
const NSG = 'Microsoft.Network/networkSecurityGroups';
const VGW = rid(PROD, 'rg-network', 'Microsoft.Network/virtualNetworkGateways', 'vgw-hub');
const HUB_POOL = [{ prefix: DEMO.p2sPool, via: 'vnet-gateway', gatewayId: VGW }];
/** A policy port; given `allowedSources`, the policy lists them (allowedSourceAddressPrefixes: exact entries). */
const port = (number: number, maxDuration: string, allowedSources?: string[]): JitPort => ({
  number,
  protocol: 'TCP',
  maxDuration,
  allowedSources: allowedSources ?? ['*'],
  ...(allowedSources ? { sourcesExact: true } : {}),
});
const policy = (sub: string, rg: string, location: string = DEMO.location) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Security/locations/${location}/jitNetworkAccessPolicies/default`;

/** Every field but id, tenant and subscription ids, which are checked separately. */
type Expected = Omit<Vm, 'id' | 'tenantId' | 'subscriptionId' | 'vnetId'>;

const prodVm = (name: string, extra: Partial<Expected>): Expected => ({
  name,
  resourceGroup: 'rg-servers',
  subscriptionName: 'Contoso Production',
  location: DEMO.location,
  osType: 'Windows',
  size: 'Standard_D2s_v5',
  powerState: 'running',
  nsgs: { nic: rid(PROD, 'RG-SERVERS', NSG, `${name}-nsg`) },
  p2sPools: HUB_POOL as Vm['p2sPools'],
  jit: { state: 'configured', ports: [port(3389, 'PT3H')], policyId: policy(PROD, 'rg-servers') },
  ...extra,
});

const EXPECTED: Record<string, Expected> = {
  'VM-FS01': prodVm('VM-FS01', {
    privateIp: '10.10.1.4',
    jit: {
      state: 'configured',
      ports: [port(3389, 'PT3H'), port(5985, 'PT1H'), port(5986, 'PT1H')],
      policyId: policy(PROD, 'rg-servers'),
    },
  }),
  'vm-web01': prodVm('vm-web01', {
    osType: 'Linux',
    size: 'Standard_B2s',
    privateIp: '10.10.1.5',
    publicIp: '20.61.10.25',
    jit: { state: 'configured', ports: [port(22, 'PT8H')], policyId: policy(PROD, 'rg-servers') },
  }),
  'vm-test01': prodVm('vm-test01', { privateIp: '10.10.1.6', powerState: 'deallocated' }),
  'vm-legacy01': prodVm('vm-legacy01', {
    privateIp: '10.10.1.7',
    jit: {
      state: 'configured',
      ports: [port(3389, 'PT3H'), port(5986, 'PT1H')],
      policyId: policy(PROD, 'rg-servers'),
      firewallPublicIp: DEMO.firewallPublicIp,
    },
  }),
  'vm-sql01': prodVm('vm-sql01', {
    privateIp: '10.10.2.4',
    nsgs: { subnet: rid(PROD, 'RG-NETWORK', NSG, 'nsg-snet-data') },
    jit: { state: 'configured', ports: [port(3389, 'PT2H')], policyId: policy(PROD, 'rg-servers') },
  }),
  'vm-dc01': prodVm('vm-dc01', {
    privateIp: '10.10.3.4',
    nsgs: {
      nic: rid(PROD, 'RG-SERVERS', NSG, 'vm-dc01-nsg'),
      subnet: rid(PROD, 'RG-NETWORK', NSG, 'nsg-snet-identity'),
    },
    jit: { state: 'configured', ports: [port(3389, 'PT1H', [DEMO.p2sPool])], policyId: policy(PROD, 'rg-servers') },
  }),
  'vm-build01': prodVm('vm-build01', {
    osType: 'Linux',
    size: 'Standard_B2s',
    privateIp: '10.10.1.8',
    jit: { state: 'not-configured', ports: [] },
  }),
  'vm-app01': prodVm('vm-app01', {
    resourceGroup: 'rg-app',
    osType: 'Linux',
    size: 'Standard_B2s',
    privateIp: '10.20.1.4',
    nsgs: { nic: rid(PROD, 'RG-APP', NSG, 'vm-app01-nsg') },
    p2sPools: [{ prefix: DEMO.p2sPool, via: 'gateway-transit', gatewayId: VGW }],
    jit: {
      state: 'configured',
      ports: [port(22, 'PT3H', [DEMO.p2sPool, '198.51.100.0/24'])],
      policyId: policy(PROD, 'rg-app'),
    },
  }),
  'vm-fin01': {
    name: 'vm-fin01',
    resourceGroup: 'rg-finance',
    subscriptionName: 'Contoso Finance',
    location: DEMO.location,
    osType: 'Windows',
    size: 'Standard_D2s_v5',
    powerState: 'running',
    privateIp: '10.30.1.4',
    nsgs: { nic: rid(DEMO.financeSubscriptionId, 'RG-FINANCE', NSG, 'vm-fin01-nsg') },
    p2sPools: [],
    jit: {
      state: 'configured',
      ports: [port(3389, 'PT3H')],
      policyId: policy(DEMO.financeSubscriptionId, 'rg-finance'),
    },
  },
  'vm-branch01': {
    name: 'vm-branch01',
    resourceGroup: 'rg-branch',
    subscriptionName: 'Contoso Connectivity',
    location: DEMO.location,
    osType: 'Windows',
    size: 'Standard_D2s_v5',
    powerState: 'running',
    privateIp: '10.41.1.4',
    nsgs: { nic: rid(DEMO.connectivitySubscriptionId, 'RG-BRANCH', NSG, 'vm-branch01-nsg') },
    p2sPools: [
      {
        prefix: DEMO.vwanP2sPool,
        via: 'virtual-wan',
        gatewayId: rid(DEMO.connectivitySubscriptionId, 'rg-vwan', 'Microsoft.Network/p2sVpnGateways', 'p2sgw-weu'),
      },
    ],
    jit: {
      state: 'configured',
      ports: [port(3389, 'PT2H')],
      policyId: policy(DEMO.connectivitySubscriptionId, 'rg-branch'),
    },
  },
  'vm-dev01': {
    name: 'vm-dev01',
    resourceGroup: 'rg-dev',
    subscriptionName: 'Contoso Dev',
    location: DEMO.location,
    osType: 'Linux',
    size: 'Standard_B2s',
    powerState: 'running',
    privateIp: '10.61.1.4',
    nsgs: { nic: rid(DEMO.devSubscriptionId, 'RG-DEV', NSG, 'vm-dev01-nsg') },
    p2sPools: [],
    jit: {
      state: 'unsupported',
      ports: [],
      reason:
        'No Defender for Servers Plan 2 on subscription Contoso Dev (it is on Plan 1): JIT VM access needs Plan 2.',
    },
  },
  'vm-fab-jump01': {
    name: 'vm-fab-jump01',
    resourceGroup: 'rg-fabrikam-ops',
    subscriptionName: 'Fabrikam Operations',
    location: FABRIKAM.location,
    osType: 'Windows',
    size: 'Standard_D2s_v5',
    powerState: 'running',
    privateIp: '10.40.1.4',
    publicIp: FABRIKAM.vmPublicIp,
    nsgs: { nic: rid(FABRIKAM.subscriptionId, 'RG-FABRIKAM-OPS', NSG, 'vm-fab-jump01-nsg') },
    p2sPools: [],
    jit: {
      state: 'configured',
      ports: [port(3389, 'PT2H')],
      policyId: policy(FABRIKAM.subscriptionId, 'rg-fabrikam-ops', FABRIKAM.location),
    },
  },
};

describe('the demo estate’s inventory (helpdesk)', () => {
  let sim: Simulator;
  let snap: InventorySnapshot;

  before(async () => {
    sim = await startTestSim();
    await control(sim, '/calls', undefined, 'DELETE');
    snap = await readInventory({ arm: simAccess(sim, 'helpdesk') });
  });
  after(() => sim?.close());

  test('lists every VM of both tenants, and no problem', () => {
    assert.deepEqual(snap.vms.map((v) => v.name).sort(), Object.keys(EXPECTED).sort());
    assert.deepEqual(snap.problems, []);
    assert.deepEqual(snap.tenants.map((t) => t.displayName).sort(), ['Contoso', 'Fabrikam']);
    assert.equal(snap.subscriptions.length, 5);
  });

  for (const [name, expected] of Object.entries(EXPECTED))
    test(`${name}: every field of the view`, () => {
      const vm = snap.vms.find((v) => v.name === name)!;
      const { id, tenantId, subscriptionId, vnetId, ...rest } = vm;
      assert.deepEqual(rest, expected);
      assert.equal(vm.unknown, undefined, 'nothing unknown for a reader');
      const guest = name === 'vm-fab-jump01';
      assert.equal(tenantId, guest ? FABRIKAM.tenantId : DEMO.tenantId);
      assert.ok(id.toLowerCase().endsWith(`/providers/microsoft.compute/virtualmachines/${name.toLowerCase()}`));
      assert.ok(id.toLowerCase().startsWith(`/subscriptions/${subscriptionId.toLowerCase()}/`));
      assert.ok(vnetId, 'the VNet is known');
    });

  test('ids spelt differently by Compute, Network and Defender join (=== would not)', () => {
    const fs01 = snap.vms.find((v) => v.name === 'VM-FS01')!;
    // Compute upper-cases the group, Defender lower-cases the whole id, the NSG reference upper-cases the group.
    assert.match(fs01.id, /\/resourceGroups\/RG-SERVERS\/providers\/Microsoft\.Compute\/virtualMachines\/VM-FS01$/);
    const policyVmId = sim.ctx.estate
      .listJitPolicies(`/subscriptions/${PROD}`)
      .flatMap((p) => p.properties.virtualMachines)
      .map((v) => v.id)
      .find((id) => id.toLowerCase() === fs01.id.toLowerCase())!;
    assert.notEqual(policyVmId, fs01.id, 'the policy spells the VM id differently');
    assert.equal(fs01.jit.state, 'configured');
    assert.equal(fs01.privateIp, '10.10.1.4', 'the NIC was found from the VM’s (upper-cased) NIC reference');
  });

  test('ARM calls grow with subscriptions and gateways, never with VMs: no read of a single VM or NIC', async () => {
    const calls = (await control(sim, '/calls', undefined, 'GET')) as Array<{ method: string; path: string }>;
    const perVm = calls.filter((c) => /\/(virtualMachines|networkInterfaces)\/[^/]+/i.test(c.path));
    assert.deepEqual(perVm, []);
    assert.ok(!calls.some((c) => /networkSecurityGroups/i.test(c.path)), 'NSGs (and their rules) are not read');
    const gateways = calls.filter((c) => /virtualNetworkGateways\//i.test(c.path));
    assert.equal(gateways.length, 1, 'one read for the one gateway a GatewaySubnet points to');
  });
});

/**
 * Resource ids come back in different case from different providers, as in Azure (azure-cli#8283,
 * azure-sdk-for-python#574, azure-rest-api-specs#20131): every id a client joins on, read through the official
 * SDKs, names the same resource case-insensitively but differs byte for byte — so a client comparing with `===`
 * fails against the demo. The simulator itself keeps working with any spelling.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComputeManagementClient } from '@azure/arm-compute';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { SecurityCenter } from '@azure/arm-security';
import type { Simulator } from '../../../electron/azure-sim/index';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import { FABRIKAM } from '../../../electron/azure-sim/seeds/fabrikam';
import { sdkClients } from '../../fixtures/sdk';
import { startTestSim } from '../../fixtures/sim';
import { collect, until } from '../../fixtures/wait';

/** Two spellings of one id: equal ignoring case, different byte for byte. */
function sameIdOtherCase(a: string | undefined, b: string | undefined, what: string): void {
  assert.ok(a && b, `${what}: both ids present`);
  assert.equal(a.toLowerCase(), b.toLowerCase(), `${what}: the same resource`);
  assert.notEqual(a, b, `${what}: spelt differently, so a === join would miss it`);
}

describe('resource ids in Azure’s mixed case', () => {
  let sim: Simulator;
  let compute: ComputeManagementClient;
  let network: NetworkManagementClient;
  let security: SecurityCenter;

  before(async () => {
    sim = await startTestSim();
    ({ compute, network, security } = sdkClients(sim, 'helpdesk'));
  });
  after(() => sim?.close());

  test('Compute upper-cases the resource group: VM ids read /resourceGroups/RG-SERVERS/…/VM-FS01', async () => {
    const vms = await collect(compute.virtualMachines.listAll());
    const fs01 = vms.find((v) => v.name === 'VM-FS01')!;
    assert.equal(
      fs01.id,
      `/subscriptions/${DEMO.prodSubscriptionId}/resourceGroups/RG-SERVERS/providers/Microsoft.Compute/virtualMachines/VM-FS01`,
    );
    // The resource group's own document keeps the name it was created with.
    assert.equal((await compute.virtualMachines.get('rg-servers', 'VM-FS01')).id, fs01.id);
  });

  test('every join between Compute, Network and Defender needs a case-insensitive compare', async () => {
    const vms = await collect(compute.virtualMachines.listAll());
    const nics = await collect(network.networkInterfaces.listAll());
    const nsgs = await collect(network.networkSecurityGroups.listAll());
    const pips = await collect(network.publicIPAddresses.listAll());
    const vnets = await collect(network.virtualNetworks.listAll());
    const policies = await collect(security.jitNetworkAccessPolicies.list());
    const byId = <T extends { id?: string }>(items: T[], id: string | undefined) =>
      items.find((i) => i.id?.toLowerCase() === id?.toLowerCase());

    const fs01 = vms.find((v) => v.name === 'VM-FS01')!;
    const nicRef = fs01.networkProfile?.networkInterfaces?.[0]?.id;
    const nic = byId(nics, nicRef)!;
    sameIdOtherCase(nicRef, nic.id, 'VM → NIC (networkProfile.networkInterfaces[].id)');
    sameIdOtherCase(nic.virtualMachine?.id, fs01.id, 'NIC → VM (virtualMachine.id)');
    const nsg = byId(nsgs, nic.networkSecurityGroup?.id)!;
    sameIdOtherCase(nic.networkSecurityGroup?.id, nsg.id, 'NIC → NSG');
    sameIdOtherCase(
      nsg.networkInterfaces?.find((n) => n.id?.toLowerCase() === nic.id?.toLowerCase())?.id,
      nic.id,
      'NSG → NIC back-reference',
    );

    const subnetRef = nic.ipConfigurations?.[0]?.subnet?.id;
    const hub = vnets.find((v) => v.name === 'vnet-hub')!;
    const servers = hub.subnets!.find((s) => s.id?.toLowerCase() === subnetRef?.toLowerCase())!;
    sameIdOtherCase(subnetRef, servers.id, 'NIC → subnet');

    const data = hub.subnets!.find((s) => s.name === 'snet-data')!;
    const dataNsg = byId(nsgs, data.networkSecurityGroup?.id)!;
    sameIdOtherCase(data.networkSecurityGroup?.id, dataNsg.id, 'subnet → NSG');
    sameIdOtherCase(dataNsg.subnets?.[0]?.id, data.id, 'NSG → subnet back-reference');

    const web01 = vms.find((v) => v.name === 'vm-web01')!;
    const webNic = byId(nics, web01.networkProfile?.networkInterfaces?.[0]?.id)!;
    const pip = byId(pips, webNic.ipConfigurations?.[0]?.publicIPAddress?.id)!;
    sameIdOtherCase(webNic.ipConfigurations?.[0]?.publicIPAddress?.id, pip.id, 'NIC → public IP');
    sameIdOtherCase(pip.ipConfiguration?.id, webNic.ipConfigurations?.[0]?.id, 'public IP → IP configuration');

    const gw = await network.virtualNetworkGateways.get('rg-network', 'vgw-hub');
    const gwSubnet = hub.subnets!.find((s) => s.name === 'GatewaySubnet')!;
    sameIdOtherCase(gw.ipConfigurations?.[0]?.subnet?.id, gwSubnet.id, 'VNet gateway ipConfigurations → subnet');

    const servers0 = policies.find((p) => p.id?.toLowerCase().includes('/resourcegroups/rg-servers/'))!;
    const entry = servers0.virtualMachines.find((v) => v.id.toLowerCase() === fs01.id!.toLowerCase());
    sameIdOtherCase(entry?.id, fs01.id, 'JIT policy → VM');
    sameIdOtherCase(entry?.id, nic.virtualMachine?.id, 'JIT policy → VM vs NIC → VM');
  });

  test('a JIT request names its VM in yet another spelling (Fabrikam’s seeded request)', async () => {
    // Read from the estate here; the tenant tests read Fabrikam's policy through ARM with a Fabrikam token.
    const policy = [...sim.ctx.estate.jitPolicies.values()].find((p) =>
      p.id.toLowerCase().startsWith(`/subscriptions/${FABRIKAM.subscriptionId}/`),
    )!;
    const vm = sim.ctx.estate.list('Microsoft.Compute/virtualMachines', {
      subscriptionId: FABRIKAM.subscriptionId,
    })[0]!;
    const requested = policy.properties.requests[0]!.virtualMachines[0]!.id;
    sameIdOtherCase(requested, policy.properties.virtualMachines[0]!.id, 'JIT request → policy VM');
    sameIdOtherCase(requested, vm.id, 'JIT request → Compute VM');
  });

  test('the simulator joins any spelling: initiate with Compute’s id, read and list with an upper-case group', async () => {
    const fs01 = await compute.virtualMachines.get('rg-servers', 'VM-FS01');
    const endTimeUtc = new Date(sim.ctx.clock.nowMs() + 30 * 60_000);
    const answer = await security.jitNetworkAccessPolicies.initiate('RG-SERVERS', DEMO.location, 'default', {
      virtualMachines: [
        { id: fs01.id!, ports: [{ number: 3389, endTimeUtc, allowedSourceAddressPrefix: DEMO.p2sPool }] },
      ],
    });
    assert.equal(answer.virtualMachines[0]!.id, fs01.id, 'the request names the VM as the caller spelt it');
    const allow = await until('the allow rule in VM-FS01-nsg', async () => {
      const nsg = await network.networkSecurityGroups.get('RG-SERVERS', 'vm-fs01-NSG');
      return nsg.securityRules?.find((r) => r.access === 'Allow' && r.destinationPortRange === '3389');
    });
    assert.equal(allow.sourceAddressPrefix, DEMO.p2sPool);
    const policy = await security.jitNetworkAccessPolicies.get('Rg-Servers', DEMO.location, 'default');
    assert.ok(policy.requests?.some((r) => r.virtualMachines[0]!.id === fs01.id));
    assert.equal((await collect(compute.virtualMachines.list('RG-SERVERS'))).length, 7);
  });
});

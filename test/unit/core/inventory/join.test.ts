/** The joins, on hand-made reads: case-insensitive ids, NSGs, P2S pools, JIT states, and what is unknown. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { joinSubscription } from '../../../../electron/core/inventory/join';
import { NetworkIndex, type SubscriptionReads } from '../../../../electron/core/inventory/reads';
import type { JitPolicyRead } from '../../../../electron/core/azure/shapes';

const SUB = '00000000-0000-4000-8000-000000000001';
const rg = (g: string) => `/subscriptions/${SUB}/resourceGroups/${g}/providers`;
const VM_ID = `${rg('rg-a')}/Microsoft.Compute/virtualMachines/vm1`;
const NIC_ID = `${rg('rg-a')}/Microsoft.Network/networkInterfaces/vm1-nic`;
const HUB = `${rg('rg-net')}/Microsoft.Network/virtualNetworks/hub`;
const SPOKE = `${rg('rg-net')}/Microsoft.Network/virtualNetworks/spoke`;
const GW = `${rg('rg-net')}/Microsoft.Network/virtualNetworkGateways/gw`;
const SUBNET = `${SPOKE}/subnets/app`;
const NSG = `${rg('rg-a')}/Microsoft.Network/networkSecurityGroups/nsg1`;

const policy = (vmId: string): JitPolicyRead => ({
  id: `${rg('rg-a')}/Microsoft.Security/locations/westeurope/jitNetworkAccessPolicies/default`,
  name: 'default',
  subscriptionId: SUB,
  resourceGroup: 'rg-a',
  location: 'westeurope',
  virtualMachines: [{ vmId, ports: [{ number: 22, protocol: 'TCP', maxDuration: 'PT3H', allowedSources: ['*'] }] }],
});

/** A subscription with one VM in a spoke peered to a hub with a P2S gateway; `over` replaces parts. */
function reads(over: Partial<SubscriptionReads> = {}): SubscriptionReads {
  return {
    subscription: { subscriptionId: SUB, displayName: 'Sub', tenantId: 't1' },
    plan: 'P2',
    problems: [],
    // Compute's spelling: upper-cased group in the VM and in its NIC reference.
    vms: [
      {
        id: VM_ID.replace('rg-a', 'RG-A'),
        name: 'vm1',
        location: 'westeurope',
        osType: 'Linux',
        size: 'B2s',
        powerState: 'running',
        nicIds: [NIC_ID.replace('rg-a', 'RG-A').replace('vm1-nic', 'VM1-NIC')],
      },
    ],
    nics: [
      {
        id: NIC_ID,
        name: 'vm1-nic',
        nsgId: NSG.toUpperCase(),
        ipConfigs: [
          {
            id: `${NIC_ID}/ipConfigurations/ip1`,
            privateIp: '10.1.0.4',
            subnetId: SUBNET.replace('rg-net', 'RG-NET'),
            primary: true,
          },
        ],
      },
    ],
    publicIps: [],
    vnets: [
      {
        id: SPOKE,
        subnets: [{ id: SUBNET, name: 'app', ipConfigIds: [] }],
        peerings: [
          { remoteVnetId: HUB.toUpperCase(), useRemoteGateways: true, allowGatewayTransit: false, connected: true },
        ],
      },
      {
        id: HUB,
        subnets: [
          {
            id: `${HUB}/subnets/GatewaySubnet`,
            name: 'GatewaySubnet',
            ipConfigIds: [`${GW.replace('rg-net', 'RG-NET')}/ipConfigurations/default`],
          },
        ],
        peerings: [],
      },
    ],
    gateways: [{ id: GW, pools: ['172.16.0.0/24'] }],
    policies: [policy(VM_ID.toLowerCase())],
    ...over,
  };
}

const join = (r: SubscriptionReads, ranges?: string[]) => {
  const index = new NetworkIndex();
  index.add(r);
  return joinSubscription(r, index, { privateSourceRanges: ranges ?? [] });
};

describe('joinSubscription', () => {
  test('joins VM, NIC, subnet, peering, gateway and policy across id spellings', () => {
    const [vm] = join(reads());
    assert.equal(vm!.privateIp, '10.1.0.4');
    assert.equal(vm!.resourceGroup, 'rg-a', 'the group as created (the NIC’s spelling), not Compute’s upper case');
    assert.equal(vm!.nsgs.nic, NSG.toUpperCase());
    assert.equal(vm!.vnetId, SPOKE);
    assert.deepEqual(vm!.p2sPools, [{ prefix: '172.16.0.0/24', via: 'gateway-transit', gatewayId: GW }]);
    assert.equal(vm!.jit.state, 'configured');
    assert.equal(vm!.unknown, undefined);
  });

  test('a peering that does not use the remote gateway brings no pool; admin ranges always do', () => {
    const r = reads();
    r.vnets![0]!.peerings[0]!.useRemoteGateways = false;
    assert.deepEqual(join(r, ['10.8.0.0/16'])[0]!.p2sPools, [{ prefix: '10.8.0.0/16', via: 'admin-setting' }]);
  });

  test('a Virtual WAN hub connection brings the hub’s P2S pools', () => {
    const hubId = `${rg('rg-wan')}/Microsoft.Network/virtualHubs/vhub`;
    const r = reads({
      p2sGateways: [{ id: 'p2sgw', hubId, pools: ['10.50.0.0/24'] }],
      hubConnections: [{ hubId: hubId.toUpperCase(), vnetId: SPOKE.toUpperCase() }],
    });
    r.vnets![0]!.peerings = [];
    assert.deepEqual(join(r)[0]!.p2sPools, [{ prefix: '10.50.0.0/24', via: 'virtual-wan', gatewayId: 'p2sgw' }]);
  });

  test('no NSG on NIC or subnet: unsupported, with the reason', () => {
    const r = reads({ policies: [] });
    delete r.nics![0]!.nsgId;
    const { jit } = join(r)[0]!;
    assert.equal(jit.state, 'unsupported');
    assert.match(jit.reason!, /No network security group/);
  });

  test('a subnet NSG is enough; the VM is then not-configured without a policy', () => {
    const r = reads({ policies: [] });
    delete r.nics![0]!.nsgId;
    r.vnets![0]!.subnets[0]!.nsgId = NSG;
    const vm = join(r)[0]!;
    assert.deepEqual(vm.nsgs, { subnet: NSG });
    assert.deepEqual(vm.jit, { state: 'not-configured', ports: [] });
  });

  test('Defender for Servers off or Plan 1: unsupported, naming the subscription', () => {
    for (const plan of ['P1', 'off'] as const) {
      const { jit } = join(reads({ plan, policies: [] }))[0]!;
      assert.equal(jit.state, 'unsupported');
      assert.match(jit.reason!, /Plan 2 on subscription Sub/);
    }
  });

  test('unreadable NICs or policies: the fields are unknown, not empty', () => {
    const noNics = join(reads({ nics: undefined }))[0]!;
    assert.deepEqual(noNics.unknown, ['privateIp', 'publicIp', 'nsgs', 'p2sPools']);
    assert.equal(noNics.jit.state, 'configured', 'the policy still says so');
    const noPolicies = join(reads({ policies: undefined }))[0]!;
    assert.equal(noPolicies.jit.state, 'unknown');
  });

  test('no VM read: rows from the policies, public IP matched by NIC name only on an exact pattern', () => {
    const pip = (nic: string, ip: string) => ({
      id: `pip-${nic}`,
      ipAddress: ip,
      ipConfigId: `${rg('rg-a')}/Microsoft.Network/networkInterfaces/${nic}/ipConfigurations/ip1`,
    });
    const r = reads({ vms: undefined, nics: undefined, vnets: undefined, publicIps: [pip('vm10-nic', '1.1.1.1')] });
    const [row] = join(r);
    assert.equal(row!.name, 'vm1');
    assert.equal(row!.publicIp, undefined, 'vm10-nic is not vm1’s');
    assert.ok(row!.unknown!.includes('publicIp'));
    r.publicIps!.push(pip('VM1-nic', '2.2.2.2'));
    assert.equal(join(r)[0]!.publicIp, '2.2.2.2');
    assert.deepEqual(join(r)[0]!.inferred, ['publicIp']);
  });
});

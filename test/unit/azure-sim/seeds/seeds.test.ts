import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSeed } from '../../../../electron/azure-sim/seeds';
import { DEMO } from '../../../../electron/azure-sim/seeds/demo';
import { hasServersPlan2, pricingOf } from '../../../../electron/azure-sim/model/defender';
import type {
  ArmResource,
  GatewayProperties,
  NicProperties,
  VmProperties,
  VnetProperties,
} from '../../../../electron/azure-sim/model/resources';

const VM = 'Microsoft.Compute/virtualMachines';

test('the demo seed tells the story: VM-FS01 behind an NSG on its NIC, hub P2S pool 10.13.1.0/24', () => {
  const e = buildSeed('demo');
  const fs01 = e.list<ArmResource<VmProperties>>(VM).find((v) => v.name === 'VM-FS01');
  assert.ok(fs01);
  assert.equal(fs01.properties.storageProfile.osDisk.osType, 'Windows');
  const nic = e.get<ArmResource<NicProperties>>(fs01.properties.networkProfile.networkInterfaces[0]!.id);
  assert.ok(nic?.properties.networkSecurityGroup, 'NSG on the NIC');
  const gw = e.list<ArmResource<GatewayProperties>>('Microsoft.Network/virtualNetworkGateways')[0];
  assert.deepEqual(gw?.properties.vpnClientConfiguration?.vpnClientAddressPool.addressPrefixes, ['10.13.1.0/24']);
  assert.deepEqual(
    e.client.interfaces.map((i) => i.address),
    ['192.168.1.20', DEMO.vpnClientIp],
  );
  assert.equal(e.client.publicIp, '203.0.113.7');
});

test('the demo seed has one VM for each situation the app must handle', () => {
  const e = buildSeed('demo');
  const vms = new Map(e.list<ArmResource<VmProperties>>(VM).map((v) => [v.name, v]));
  const nicOf = (name: string) =>
    e.get<ArmResource<NicProperties>>(vms.get(name)!.properties.networkProfile.networkInterfaces[0]!.id)!;
  const subnetOf = (name: string) => {
    const subnetId = nicOf(name).properties.ipConfigurations[0]!.properties.subnet.id;
    const vnet = e.get<ArmResource<VnetProperties>>(subnetId.split('/subnets/')[0]!)!;
    return { vnet, subnet: vnet.properties.subnets.find((s) => s.id.toLowerCase() === subnetId.toLowerCase())! };
  };
  const policyVmIds = new Set(
    [...e.jitPolicies.values()].flatMap((p) => p.properties.virtualMachines.map((v) => v.id.toLowerCase())),
  );

  assert.ok(nicOf('vm-web01').properties.ipConfigurations[0]!.properties.publicIPAddress, 'Linux VM with a public IP');
  assert.equal(vms.get('vm-web01')!.properties.storageProfile.osDisk.osType, 'Linux');
  assert.ok(!policyVmIds.has(vms.get('vm-build01')!.id.toLowerCase()), 'a VM without JIT');
  assert.equal(e.power.get(vms.get('vm-test01')!.id.toLowerCase()), 'deallocated');
  assert.ok(e.firewalls.has(vms.get('vm-legacy01')!.id.toLowerCase()), 'a VM behind an Azure Firewall');
  assert.ok(
    !nicOf('vm-sql01').properties.networkSecurityGroup && subnetOf('vm-sql01').subnet.properties.networkSecurityGroup,
    'only a subnet NSG',
  );
  assert.ok(
    nicOf('vm-dc01').properties.networkSecurityGroup && subnetOf('vm-dc01').subnet.properties.networkSecurityGroup,
    'both NSGs',
  );
  const spoke = subnetOf('vm-app01').vnet;
  assert.ok(
    spoke.properties.virtualNetworkPeerings.some((p) => p.properties.useRemoteGateways),
    'spoke uses the hub gateway',
  );
  assert.equal(vms.get('vm-fin01')!.id.split('/')[2], DEMO.financeSubscriptionId);
});

test('helpdesk may request in production and only read in finance', () => {
  const e = buildSeed('demo');
  const helpdesk = e.findUser('helpdesk')!;
  const initiate = 'Microsoft.Security/locations/jitNetworkAccessPolicies/initiate/action';
  assert.ok(e.can(helpdesk.oid, initiate, `/subscriptions/${DEMO.prodSubscriptionId}/resourceGroups/rg-servers`));
  assert.ok(!e.can(helpdesk.oid, initiate, `/subscriptions/${DEMO.financeSubscriptionId}/resourceGroups/rg-finance`));
  assert.ok(
    e.can(helpdesk.oid, 'Microsoft.Compute/virtualMachines/read', `/subscriptions/${DEMO.financeSubscriptionId}`),
  );
  assert.equal(e.visibleSubscriptions(helpdesk.oid).length, 4);
});

test('Defender for Servers: Plan 2 where the demo has JIT, Plan 1 in Contoso Dev; seeds that set no plan get Plan 2', () => {
  const e = buildSeed('demo');
  for (const sub of [DEMO.prodSubscriptionId, DEMO.financeSubscriptionId, DEMO.connectivitySubscriptionId])
    assert.ok(hasServersPlan2(e, sub), sub);
  assert.ok(!hasServersPlan2(e, DEMO.devSubscriptionId));
  assert.equal(pricingOf(e, DEMO.devSubscriptionId, 'virtualmachines')?.properties.subPlan, 'P1');
  const devVms = e.list(VM, { subscriptionId: DEMO.devSubscriptionId });
  assert.deepEqual(
    devVms.map((v) => v.name),
    ['vm-dev01'],
  );
  assert.deepEqual(e.listJitPolicies(`/subscriptions/${DEMO.devSubscriptionId}`), [], 'no JIT policy without Plan 2');
  const scale = buildSeed('scale:10:2');
  assert.ok([...scale.subscriptions.keys()].every((s) => hasServersPlan2(scale, s)));
  assert.equal(pricingOf(scale, [...scale.subscriptions.keys()][0]!, 'SqlServers')?.properties.pricingTier, 'Free');
});

test('scale:5000:20 spreads 5,000 VMs evenly over 20 subscriptions, most with JIT', () => {
  const e = buildSeed('scale:5000:20');
  const vms = e.list(VM);
  assert.equal(vms.length, 5000);
  assert.equal(e.subscriptions.size, 20);
  const perSub = new Map<string, number>();
  for (const v of vms) perSub.set(v.id.split('/')[2]!, (perSub.get(v.id.split('/')[2]!) ?? 0) + 1);
  assert.deepEqual([...new Set(perSub.values())], [250]);
  const jit = [...e.jitPolicies.values()].reduce((n, p) => n + p.properties.virtualMachines.length, 0);
  assert.ok(jit > 3000 && jit < 3500, `${jit} VMs with JIT`);
});

test('an unknown seed names the accepted forms', () => {
  assert.throws(() => buildSeed('big'), /demo, empty or scale:<vms>:<subs>/);
  assert.throws(() => buildSeed('scale:0:1'), /vms must be/);
});

test('both seeds spell joined ids differently per provider, and every reference still resolves case-insensitively', () => {
  for (const seed of ['demo', 'scale:60:2']) {
    const e = buildSeed(seed);
    const vms = e.list<ArmResource<VmProperties>>(VM);
    const policyIds = [...e.jitPolicies.values()].flatMap((p) => p.properties.virtualMachines.map((v) => v.id));
    assert.ok(vms.length > 0 && policyIds.length > 0);
    for (const vm of vms) {
      assert.match(vm.id, /\/resourceGroups\/[A-Z0-9-]+\/providers\//, `${seed}: Compute upper-cases the group`);
      const nicRef = vm.properties.networkProfile.networkInterfaces[0]!.id;
      const nic = e.get<ArmResource<NicProperties>>(nicRef)!;
      assert.ok(nic, `${seed}: VM → NIC resolves`);
      assert.notEqual(nicRef, nic.id, `${seed}: VM → NIC differs in case`);
      const back = nic.properties.virtualMachine!.id;
      assert.equal(back.toLowerCase(), vm.id.toLowerCase());
      assert.notEqual(back, vm.id, `${seed}: NIC → VM differs in case`);
      const subnetRef = nic.properties.ipConfigurations[0]!.properties.subnet.id;
      assert.ok(e.get(subnetRef.split('/subnets/')[0]!), `${seed}: NIC → subnet resolves`);
      if (nic.properties.networkSecurityGroup) {
        const nsg = e.get(nic.properties.networkSecurityGroup.id)!;
        assert.notEqual(nic.properties.networkSecurityGroup.id, nsg.id, `${seed}: NIC → NSG differs in case`);
      }
    }
    for (const id of policyIds) {
      const vm = e.get(id, VM)!;
      assert.ok(vm, `${seed}: JIT policy → VM resolves`);
      assert.notEqual(id, vm.id, `${seed}: JIT policy → VM differs in case`);
    }
  }
});

test('the demo has a second tenant where helpdesk is a guest, and a user with roles on one resource group only', () => {
  const e = buildSeed('demo');
  assert.deepEqual(
    e.tenants.map((t) => t.displayName),
    ['Contoso', 'Fabrikam'],
  );
  const helpdesk = e.findUser('helpdesk')!;
  assert.deepEqual(
    e.tenantsOf(helpdesk).map((t) => t.defaultDomain),
    ['contoso.com', 'fabrikam.com'],
  );
  const guestOid = helpdesk.guestOf![0]!.oid;
  assert.equal(e.findUser(guestOid), helpdesk);
  assert.deepEqual(
    e.visibleSubscriptions(guestOid).map((s) => s.displayName),
    ['Fabrikam Operations'],
  );
  assert.equal(e.tenantsOf(e.findUser('colleague')!).length, 1);
  const rgreader = e.findUser('rgreader@contoso.com')!;
  const sub = `/subscriptions/${DEMO.prodSubscriptionId}`;
  assert.ok(!e.can(rgreader.oid, 'Microsoft.Compute/virtualMachines/read', sub));
  assert.ok(e.canBelow(rgreader.oid, 'Microsoft.Compute/virtualMachines/read', sub));
  assert.ok(e.can(rgreader.oid, 'Microsoft.Compute/virtualMachines/read', `${sub}/resourceGroups/RG-SERVERS/x`));
});

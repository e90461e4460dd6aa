/**
 * Who can see what: the API-only least-privilege JIT role (no VM, NIC or VNet read), a user with roles on one
 * resource group (filtered 200s), a guest tenant that asks for its own sign-in, and the tenant filter.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { DEMO } from '../../../../electron/azure-sim/seeds/demo';
import { FABRIKAM } from '../../../../electron/azure-sim/seeds/fabrikam';
import { readInventory } from '../../../../electron/core/inventory/inventory';
import { AppError } from '../../../../shared/errors/app-error';
import { startTestSim } from '../../../fixtures/sim';
import { simAccess } from './sim-access';

describe('inventory by role', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startTestSim();
  });
  after(() => sim?.close());

  test('jitonly: rows from the JIT policies, what is unknown said, still connectable', async () => {
    const snap = await readInventory({ arm: simAccess(sim, 'jitonly'), privateSourceRanges: ['10.99.0.0/16'] });
    assert.deepEqual(snap.vms.map((v) => v.name).sort(), [
      'vm-app01',
      'vm-dc01',
      'vm-fs01',
      'vm-legacy01',
      'vm-sql01',
      'vm-test01',
      'vm-web01',
    ]);
    for (const vm of snap.vms) {
      assert.equal(vm.jit.state, 'configured');
      assert.ok(vm.jit.policyId && vm.jit.ports.length > 0, 'policy and ports, enough to request');
      assert.equal(vm.osType, 'unknown');
      assert.equal(vm.powerState, 'unknown');
      assert.equal(vm.subscriptionId, DEMO.prodSubscriptionId);
      for (const f of ['osType', 'powerState', 'privateIp', 'nsgs']) assert.ok(vm.unknown?.includes(f), f);
      assert.deepEqual(vm.p2sPools, [{ prefix: '10.99.0.0/16', via: 'admin-setting' }]);
    }
    const fs01 = snap.vms.find((v) => v.name === 'vm-fs01')!;
    assert.deepEqual(
      fs01.jit.ports.map((p) => p.number),
      [3389, 5985, 5986],
    );
    assert.match(fs01.id, /\/virtualmachines\/vm-fs01$/i);
    const legacy = snap.vms.find((v) => v.name === 'vm-legacy01')!;
    assert.equal(legacy.jit.firewallPublicIp, DEMO.firewallPublicIp);
    const web = snap.vms.find((v) => v.name === 'vm-web01')!;
    assert.equal(web.publicIp, '20.61.10.25', 'public IPs are readable; matched by the NIC’s name');
    assert.deepEqual(web.inferred, ['publicIp']);
    const forbidden = snap.problems.filter((p) => p.kind === 'forbidden').map((p) => p.what);
    for (const what of ['virtual machines', 'network interfaces', 'virtual networks'])
      assert.ok(forbidden.includes(what), what);
    const vmProblem = snap.problems.find((p) => p.what === 'virtual machines')!;
    assert.match(vmProblem.fix!, /Microsoft\.Compute\/virtualMachines\/read/);
    assert.equal(vmProblem.azureCode, 'AuthorizationFailed');
  });

  test('rgreader: only rg-servers’ VMs, and a problem saying the view is partial', async () => {
    const snap = await readInventory({ arm: simAccess(sim, 'rgreader') });
    assert.deepEqual(snap.vms.map((v) => v.name).sort(), [
      'VM-FS01',
      'vm-build01',
      'vm-dc01',
      'vm-legacy01',
      'vm-sql01',
      'vm-test01',
      'vm-web01',
    ]);
    const fs01 = snap.vms.find((v) => v.name === 'VM-FS01')!;
    assert.equal(fs01.jit.state, 'configured');
    assert.equal(fs01.privateIp, '10.10.1.4');
    assert.deepEqual(fs01.unknown, ['nsgs.subnet', 'p2sPools'], 'vnet-hub (rg-network) is not readable');
    const partial = snap.problems.find((p) => p.what === 'virtual networks')!;
    assert.equal(partial.kind, 'forbidden');
    assert.match(partial.message, /vnet-hub/);
    assert.match(partial.message, /resource groups/);
  });

  test('a tenant that asks for MFA is a problem beside the rest, not fatal', async () => {
    const snap = await readInventory({ arm: simAccess(sim, 'helpdesk', { deny: [FABRIKAM.tenantId] }) });
    assert.ok(snap.vms.some((v) => v.name === 'VM-FS01'));
    assert.ok(!snap.vms.some((v) => v.tenantId === FABRIKAM.tenantId));
    const p = snap.problems.find((x) => x.tenantId === FABRIKAM.tenantId)!;
    assert.equal(p.kind, 'needs-sign-in');
    assert.match(p.fix!, new RegExp(`Sign in to tenant ${FABRIKAM.tenantId}`));
  });

  test('the home tenant asking for MFA stops the inventory with an error that says to sign in', async () => {
    await assert.rejects(
      readInventory({ arm: simAccess(sim, 'helpdesk', { deny: [DEMO.tenantId] }) }),
      (e: unknown) => e instanceof AppError && e.code === 'interaction-required' && /^Sign in/.test(e.fix ?? ''),
    );
  });

  test('the tenant option picks one tenant, by id or domain; an unknown one is an error that says what to do', async () => {
    const byDomain = await readInventory({ arm: simAccess(sim, 'helpdesk'), tenant: 'fabrikam.com' });
    assert.deepEqual(
      byDomain.vms.map((v) => v.name),
      ['vm-fab-jump01'],
    );
    const byId = await readInventory({ arm: simAccess(sim, 'helpdesk'), tenant: DEMO.tenantId.toUpperCase() });
    assert.ok(byId.vms.every((v) => v.tenantId === DEMO.tenantId) && byId.vms.length === 11);
    await assert.rejects(
      readInventory({ arm: simAccess(sim, 'helpdesk'), tenant: 'nowhere.example' }),
      (e: unknown) => e instanceof AppError && e.code === 'invalid-input' && /tenant list/.test(e.fix ?? ''),
    );
  });
});

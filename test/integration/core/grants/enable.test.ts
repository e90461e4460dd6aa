/**
 * `enable` (admin) against the simulator, checked with the official Defender SDK: the VM is merged into its resource
 * group's policy and every other VM's settings are exactly as before; a user without write access gets the action.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SecurityCenter, type JitNetworkAccessPolicy } from '@azure/arm-security';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { DEMO } from '../../../../electron/azure-sim/seeds/demo';
import { armClientOptions } from '../../../../electron/core/http/transport';
import { enable } from '../../../../electron/core/grants/enable';
import { readInventory } from '../../../../electron/core/inventory/inventory';
import type { ArmAccess } from '../../../../electron/core/azure/arm-access';
import type { Vm } from '../../../../shared/domain/types';
import { AppError } from '../../../../shared/errors/app-error';
import { startTestSim } from '../../../fixtures/sim';
import { simAccess } from '../inventory/sim-access';

describe('enable', () => {
  let sim: Simulator;
  let admin: ArmAccess;
  let vms: Vm[];
  const vm = (n: string) => vms.find((v) => v.name.toLowerCase() === n)!;
  before(async () => {
    sim = await startTestSim();
    admin = simAccess(sim, 'admin');
    vms = (await readInventory({ arm: admin })).vms;
  });
  after(() => sim?.close());

  /** rg-servers' policy, read with the official SDK. */
  const readServersPolicy = (): Promise<JitNetworkAccessPolicy> =>
    new SecurityCenter(
      admin.credentialFor(DEMO.tenantId),
      DEMO.prodSubscriptionId,
      armClientOptions(admin.cloud, admin.transport),
    ).jitNetworkAccessPolicies.get('rg-servers', DEMO.location, 'default');

  /** The policy's VMs other than `name`, keyed by lower-case id, as plain data. */
  const othersThan = (p: JitNetworkAccessPolicy, name: string) =>
    Object.fromEntries(
      p.virtualMachines
        .filter((v) => !v.id.toLowerCase().endsWith(`/${name}`))
        .map((v) => [v.id.toLowerCase(), JSON.parse(JSON.stringify(v)) as unknown]),
    );

  test('a VM without JIT joins its resource group’s policy; the other VMs keep their settings', async () => {
    const build01 = vm('vm-build01');
    assert.equal(build01.jit.state, 'not-configured');
    const before = await readServersPolicy();
    const result = await enable(admin, build01);
    assert.equal(result.created, false);
    assert.match(result.policyId, /rg-servers\/providers\/Microsoft\.Security\/locations\/westeurope\/.*\/default$/i);
    const after = await readServersPolicy();
    assert.equal(after.virtualMachines.length, before.virtualMachines.length + 1);
    assert.deepEqual(othersThan(after, 'vm-build01'), othersThan(before, 'vm-build01'));
    const entry = after.virtualMachines.find((v) => v.id.toLowerCase().endsWith('/vm-build01'))!;
    assert.deepEqual(JSON.parse(JSON.stringify(entry.ports)), [
      { number: 22, protocol: '*', allowedSourceAddressPrefix: '*', maxRequestAccessDuration: 'PT3H' },
    ]);
    const inv = (await readInventory({ arm: admin })).vms.find((v) => v.name === 'vm-build01')!;
    assert.equal(inv.jit.state, 'configured', 'the inventory sees it under JIT');
  });

  test('a VM already listed: named ports take the new settings, its other ports and the other VMs stay', async () => {
    const before = await readServersPolicy();
    await enable(admin, vm('vm-fs01'), { ports: [3389], maxDuration: '1h', allowedSource: ['10.13.1.0/24'] });
    const after = await readServersPolicy();
    assert.deepEqual(othersThan(after, 'vm-fs01'), othersThan(before, 'vm-fs01'));
    const ports = after.virtualMachines.find((v) => v.id.toLowerCase().endsWith('/vm-fs01'))!.ports;
    assert.deepEqual(ports.map((p) => p.number).sort(), [3389, 5985, 5986]);
    const rdp = ports.find((p) => p.number === 3389)!;
    assert.equal(rdp.maxRequestAccessDuration, 'PT1H');
    assert.deepEqual(rdp.allowedSourceAddressPrefixes ?? [rdp.allowedSourceAddressPrefix], ['10.13.1.0/24']);
  });

  test('without write access: the error names the write action; nothing changes', async () => {
    const helpdesk = simAccess(sim, 'helpdesk');
    const before = await readServersPolicy();
    await assert.rejects(
      enable(helpdesk, vm('vm-sql01'), { ports: [5985] }),
      (err: AppError) =>
        err.code === 'missing-permission' &&
        /Microsoft\.Security\/locations\/jitNetworkAccessPolicies\/write/.test(err.fix ?? ''),
    );
    assert.deepEqual(
      JSON.parse(JSON.stringify((await readServersPolicy()).virtualMachines)),
      JSON.parse(JSON.stringify(before.virtualMachines)),
    );
  });

  test('bad input is refused before anything is written', async () => {
    await assert.rejects(enable(admin, vm('vm-sql01'), { maxDuration: '2d' }), /not a JIT maximum duration/);
    await assert.rejects(enable(admin, { ...vm('vm-sql01'), osType: 'unknown' }), /Name the ports|no default port/);
  });
});

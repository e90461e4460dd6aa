/**
 * Azure misbehaving, as the simulator's faults make it: a 403 on one read, 429s with Retry-After (retried by the
 * SDK pipeline, or reported when they persist), a subscription that times out; results stream per subscription so a
 * slow one does not hold the others back.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { DEMO } from '../../../../electron/azure-sim/seeds/demo';
import { readInventory, type InventoryVmsUpdate } from '../../../../electron/core/inventory/inventory';
import { control, startTestSim } from '../../../fixtures/sim';
import { simAccess } from './sim-access';

type Call = { method: string; path: string; status: number };
const FIN = DEMO.financeSubscriptionId;
const PROD = DEMO.prodSubscriptionId;

describe('inventory under faults', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startTestSim();
  });
  beforeEach(async () => {
    await control(sim, '/faults', undefined, 'DELETE');
    await control(sim, '/calls', undefined, 'DELETE');
  });
  after(() => sim?.close());

  test('a 403 on one read is a problem beside the rest; that subscription’s other fields still fill in', async () => {
    await control(sim, '/faults', {
      method: 'GET',
      pathIncludes: `/subscriptions/${FIN}/providers/Microsoft.Network/networkInterfaces`,
      status: 403,
    });
    const snap = await readInventory({ arm: simAccess(sim, 'helpdesk') });
    const fin01 = snap.vms.find((v) => v.name === 'vm-fin01')!;
    assert.equal(fin01.powerState, 'running');
    assert.equal(fin01.jit.state, 'configured');
    assert.equal(fin01.privateIp, undefined);
    assert.deepEqual(fin01.unknown, ['privateIp', 'publicIp', 'nsgs', 'p2sPools']);
    assert.deepEqual(
      snap.problems.map((p) => [p.subscriptionName, p.what, p.kind]),
      [['Contoso Finance', 'network interfaces', 'forbidden']],
    );
    assert.ok(snap.vms.find((v) => v.name === 'VM-FS01')?.privateIp, 'other subscriptions are whole');
  });

  test('a 429 with Retry-After is retried by the SDK pipeline and the read succeeds', async () => {
    await control(sim, '/faults', {
      method: 'GET',
      pathIncludes: `/subscriptions/${PROD}/providers/Microsoft.Compute/virtualMachines`,
      status: 429,
      retryAfterSeconds: 1,
    });
    const snap = await readInventory({ arm: simAccess(sim, 'helpdesk') });
    assert.deepEqual(snap.problems, []);
    assert.equal(snap.vms.find((v) => v.name === 'VM-FS01')?.powerState, 'running');
    const calls = (await control(sim, '/calls', undefined, 'GET')) as Call[];
    const vmLists = calls.filter(
      (c) => c.path === `/subscriptions/${PROD}/providers/Microsoft.Compute/virtualMachines`,
    );
    assert.deepEqual(
      vmLists.map((c) => c.status),
      [429, 200],
    );
  });

  test('429s that persist past the retries are a throttled problem', async () => {
    await control(sim, '/faults', {
      method: 'GET',
      pathIncludes: `/subscriptions/${FIN}/providers/Microsoft.Security/jitNetworkAccessPolicies`,
      status: 429,
      retryAfterSeconds: 0,
      times: 10,
    });
    const snap = await readInventory({ arm: simAccess(sim, 'helpdesk') });
    const p = snap.problems.find((x) => x.what === 'JIT policies')!;
    assert.equal(p.kind, 'throttled');
    assert.equal(p.subscriptionId, FIN);
    assert.equal(snap.vms.find((v) => v.name === 'vm-fin01')?.jit.state, 'unknown');
  });

  test('a subscription past its deadline is reported as timed out; the others complete', async () => {
    await control(sim, '/faults', {
      method: 'GET',
      pathIncludes: `/subscriptions/${FIN}/providers/Microsoft.Network/virtualNetworks`,
      status: 500,
      delayMs: 4000,
    });
    const started = Date.now();
    const snap = await readInventory({ arm: simAccess(sim, 'helpdesk'), subscriptionTimeoutMs: 1500 });
    assert.ok(Date.now() - started < 3900, 'did not wait for the slow answer');
    const p = snap.problems.find((x) => x.subscriptionId === FIN)!;
    assert.equal(p.kind, 'timeout');
    assert.equal(p.what, 'virtual networks');
    const fin01 = snap.vms.find((v) => v.name === 'vm-fin01')!;
    assert.ok(fin01.unknown?.includes('p2sPools'));
    assert.equal(snap.vms.filter((v) => v.subscriptionId === PROD).length, 8);
  });

  test('results stream per subscription: first rows from the VM list, then the joins; a slow one does not hold others back', async () => {
    await control(sim, '/faults', {
      method: 'GET',
      pathIncludes: `/subscriptions/${FIN}/providers/Microsoft.Security/jitNetworkAccessPolicies`,
      status: 503,
      retryAfterSeconds: 0,
      delayMs: 1200,
    });
    const updates: Array<InventoryVmsUpdate & { at: number }> = [];
    const progress: string[] = [];
    const snap = await readInventory({
      arm: simAccess(sim, 'helpdesk'),
      onVms: (u) => updates.push({ ...u, at: Date.now() }),
      onProgress: (p) => progress.push(`${p.subscriptionsRead}/${p.subscriptionsTotal}`),
    });
    const prod = updates.filter((u) => u.subscriptionId === PROD);
    assert.equal(prod[0]!.complete, false, 'first rows before the joins');
    assert.equal(prod[0]!.vms.length, 8);
    assert.ok(prod[0]!.vms.every((v) => v.jit.state === 'unknown' && v.powerState !== 'unknown'));
    const prodDone = prod.find((u) => u.complete)!;
    const finDone = updates.find((u) => u.subscriptionId === FIN && u.complete)!;
    assert.ok(prodDone.at < finDone.at, 'Production was shown before slow Finance finished');
    assert.equal(finDone.vms[0]!.jit.state, 'configured', 'Finance completes after the retry');
    assert.equal(progress.at(-1), '5/5');
    assert.deepEqual(snap.problems, []);
  });
});

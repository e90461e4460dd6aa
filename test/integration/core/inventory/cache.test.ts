/**
 * The inventory cache: a warm start answers from it without an ARM call, `refresh` reads fresh, the background
 * refresh saves the new list, a corrupt or foreign file is ignored, and no token is ever written.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { inventoryCachePath, type InventoryCacheKey } from '../../../../electron/core/inventory/cache';
import { loadInventory } from '../../../../electron/core/inventory/warm-start';
import { control, startTestSim, tempDir } from '../../../fixtures/sim';
import { simAccess, tenantToken } from './sim-access';
import { DEMO } from '../../../../electron/azure-sim/seeds/demo';

describe('the inventory cache', () => {
  let sim: Simulator;
  let key: InventoryCacheKey;
  const calls = async () => ((await control(sim, '/calls', undefined, 'GET')) as unknown[]).length;

  before(async () => {
    sim = await startTestSim();
  });
  beforeEach(() => {
    key = { configDir: tempDir('jit-inv-cache-'), account: 'helpdesk-home-account', cloud: sim.baseUrl };
  });
  after(() => sim?.close());

  test('cold: read and saved (0600, no token); warm: answered from the file without any ARM call', async () => {
    const arm = simAccess(sim, 'helpdesk');
    const cold = await loadInventory({ arm, cache: key });
    assert.equal(cold.fromCache, false);
    assert.equal(cold.snapshot.vms.length, 12);
    const file = inventoryCachePath(key);
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes(tenantToken(sim, 'helpdesk', DEMO.tenantId).split('.')[0]!), 'no JWT header');
    assert.ok(!/eyJ[A-Za-z0-9_-]{10,}\./.test(text), 'nothing token-like');

    await control(sim, '/calls', undefined, 'DELETE');
    const started = performance.now();
    const warm = await loadInventory({ arm, cache: key, refreshInBackground: false });
    assert.ok(performance.now() - started < 300, 'warm answer in under 0.3 s');
    assert.equal(warm.fromCache, true);
    assert.deepEqual(warm.snapshot, cold.snapshot);
    assert.equal(await calls(), 0);
  });

  test('the background refresh reads fresh and saves it; refresh: true skips the cache', async () => {
    const arm = simAccess(sim, 'helpdesk');
    await loadInventory({ arm, cache: key });
    // Change the world: deallocate VM-FS01 behind the cache's back.
    const fs01 = [...sim.ctx.estate.power.keys()].find((k) => k.endsWith('/vm-fs01'))!;
    sim.ctx.estate.power.set(fs01, 'deallocated');
    try {
      const warm = await loadInventory({ arm, cache: key });
      assert.equal(warm.fromCache, true);
      assert.equal(warm.snapshot.vms.find((v) => v.name === 'VM-FS01')?.powerState, 'running', 'stale at first');
      const fresh = await warm.refreshed!;
      assert.equal(fresh.vms.find((v) => v.name === 'VM-FS01')?.powerState, 'deallocated');
      const next = await loadInventory({ arm, cache: key, refreshInBackground: false });
      assert.equal(next.snapshot.vms.find((v) => v.name === 'VM-FS01')?.powerState, 'deallocated', 'saved');

      await control(sim, '/calls', undefined, 'DELETE');
      const forced = await loadInventory({ arm, cache: key, refresh: true });
      assert.equal(forced.fromCache, false);
      assert.ok((await calls()) > 0);
    } finally {
      sim.ctx.estate.power.set(fs01, 'running');
    }
  });

  test('a corrupt cache, another version or another account’s file is ignored', async () => {
    const arm = simAccess(sim, 'helpdesk');
    await loadInventory({ arm, cache: key });
    const file = inventoryCachePath(key);
    const good = readFileSync(file, 'utf8');
    for (const bad of [
      good.slice(0, good.length / 2),
      '',
      'null',
      JSON.stringify({ ...JSON.parse(good), version: 999 }),
      JSON.stringify({ ...JSON.parse(good), account: 'someone-else' }),
      JSON.stringify({ ...JSON.parse(good), snapshot: { vms: 'nope' } }),
    ]) {
      writeFileSync(file, bad);
      const answer = await loadInventory({ arm, cache: key });
      assert.equal(answer.fromCache, false, `ignored: ${bad.slice(0, 40)}`);
      assert.equal(answer.snapshot.vms.length, 12);
    }
  });

  test('a refresh that cannot read a subscription’s VMs for a passing reason keeps them; a 403 drops them', async () => {
    const arm = simAccess(sim, 'helpdesk');
    const FIN = DEMO.financeSubscriptionId;
    const before = (await loadInventory({ arm, cache: key })).snapshot;
    const finVms = before.vms.filter((v) => v.subscriptionId === FIN);
    assert.ok(finVms.length > 0);
    const vmList = `/subscriptions/${FIN}/providers/Microsoft.Compute/virtualMachines`;
    try {
      // Throttled past the SDK's retries: a moment, not an answer.
      await control(sim, '/faults', {
        method: 'GET',
        pathIncludes: vmList,
        status: 429,
        retryAfterSeconds: 0,
        times: 10,
      });
      const kept = (await loadInventory({ arm, cache: key, refresh: true })).snapshot;
      assert.ok(kept.problems.some((p) => p.subscriptionId === FIN && p.kind === 'throttled'));
      // Whole, as read before (power state, OS, addresses), not only the names the JIT policies give.
      assert.deepEqual(
        kept.vms.filter((v) => v.subscriptionId === FIN),
        finVms,
        'still listed',
      );
      const saved = await loadInventory({ arm, cache: key, refreshInBackground: false });
      assert.equal(saved.snapshot.vms.length, before.vms.length, 'and still in the cache');

      // A 403 is Azure's answer (access was taken away): nothing of the VM read is carried over; what remains is
      // only what the JIT policies name (the jitonly view: no power state, no OS).
      await control(sim, '/faults', undefined, 'DELETE');
      await control(sim, '/faults', { method: 'GET', pathIncludes: vmList, status: 403, times: 1 });
      const dropped = (await loadInventory({ arm, cache: key, refresh: true })).snapshot;
      assert.ok(dropped.problems.some((p) => p.subscriptionId === FIN && p.kind === 'forbidden'));
      const fin = dropped.vms.filter((v) => v.subscriptionId === FIN);
      assert.ok(fin.length < finVms.length || fin.every((v) => v.powerState !== 'running'), JSON.stringify(fin));
      assert.ok(
        fin.every((v) => v.osType === 'unknown'),
        'no VM of the old read came back',
      );
    } finally {
      await control(sim, '/faults', undefined, 'DELETE');
    }
  });
});

/**
 * The app service's prefetch (the shell calls it while the window starts): the remembered account's inventory is read
 * ahead, so the window's first `vms:list` costs no Azure read of its own, even when it comes while the prefetch is
 * still running; with nobody signed in the prefetch does nothing and fails nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { control, startTestSim } from '../../../fixtures/sim';
import { until } from '../../../fixtures/wait';
import { appOn, tiedClock } from './app-harness';

/** The VM list reads the simulator answered since the last reset of its call log. */
async function vmReads(sim: Simulator): Promise<number> {
  const calls = (await control(sim, '/calls', undefined, 'GET')) as Array<{ path?: string; url?: string }>;
  return calls.filter((c) => /\/virtualMachines\b/i.test(c.path ?? c.url ?? '')).length;
}

describe('app service: prefetch', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startTestSim();
  });
  after(() => sim?.close());

  test('nobody signed in: the prefetch does nothing, and vms:list still says to sign in', async () => {
    const app = await appOn(sim);
    try {
      await app.service.prefetch();
      await assert.rejects(app.call('vms:list', {}), (e: { code?: string }) => e.code === 'not-signed-in');
    } finally {
      await app.service.dispose();
    }
  });

  test('signed in: the first vms:list, asked while the prefetch runs, waits for it instead of reading again', async () => {
    const app = await appOn(sim);
    try {
      await app.call('session:signIn', { method: 'device-code' });
      await control(sim, '/calls', undefined, 'DELETE');
      const prefetching = app.service.prefetch();
      const first = await app.call('vms:list', {});
      await prefetching;
      const once = await vmReads(sim);
      assert.ok(first.vms.some((v) => v.name === 'VM-FS01'));
      assert.ok(once > 0, 'the prefetch read the VMs');
      // One read of Azure for both: a refresh now reads exactly as much again.
      await control(sim, '/calls', undefined, 'DELETE');
      await app.call('vms:list', { refresh: true });
      assert.equal(await vmReads(sim), once);
    } finally {
      await app.service.dispose();
    }
  });

  test('signed in: after the prefetch the first vms:list reads nothing from Azure', async () => {
    const app = await appOn(sim);
    try {
      await app.call('session:signIn', { method: 'device-code' });
      await app.service.prefetch();
      await control(sim, '/calls', undefined, 'DELETE');
      const first = await app.call('vms:list', {});
      assert.ok(first.vms.length > 0);
      assert.equal(await vmReads(sim), 0);
    } finally {
      await app.service.dispose();
    }
  });

  test('a warm answer: the background refresh waits the delay the shell asked for, then reads Azure', async () => {
    const timers: Array<() => void> = [];
    const base = tiedClock(sim);
    const clock = {
      ...base,
      setTimeout: (fn: () => void, ms: number) => (ms === 4_321 ? void timers.push(fn) : base.setTimeout(fn, ms)),
    };
    const app = await appOn(sim, { refreshDelayMs: 4_321, clock });
    try {
      await app.call('session:signIn', { method: 'device-code' });
      await app.call('vms:list', {}); // cold: read and cached
      await app.call('session:signOut', {});
      await app.call('session:signIn', { method: 'device-code' });
      await control(sim, '/calls', undefined, 'DELETE');
      const warm = await app.call('vms:list', {});
      assert.equal(warm.fromCache, true);
      assert.equal(await vmReads(sim), 0, 'nothing read before the delay');
      assert.equal(timers.length, 1);
      timers[0]!();
      await until('the refresh reads the VMs', async () => ((await vmReads(sim)) > 0 ? true : undefined));
    } finally {
      await app.service.dispose();
    }
  });
});

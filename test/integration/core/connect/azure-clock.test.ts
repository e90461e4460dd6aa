/**
 * End times are computed on Azure's clock: the offset read from ARM's `Date` header is measured against core's own
 * Clock port, the clock the end time is then computed on. When both the simulated Azure and the app's clock have
 * jumped ahead (as in a test that advances time, or a machine clock that moved), the jump must not count twice: a
 * one-hour request ends one hour after Azure's now, not an hour and a half.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { DEMO } from '../../../../electron/azure-sim/seeds/demo';
import { extend } from '../../../../electron/core/grants/extend';
import { systemClock, type Clock } from '../../../../electron/core/ports';
import { control, startTestSim } from '../../../fixtures/sim';
import { simAccess } from '../inventory/sim-access';
import { runConnect, vmsOf, vpnSource } from './connect-helpers';

const JUMP_MS = 30 * 60_000;
const HOUR = 3600_000;
let sim: Simulator;

before(async () => {
  sim = await startTestSim();
  await control(sim, '/settings', { propagationMs: 0, dataplaneLagMs: 0, blockedPorts: [] });
});
after(() => sim?.close());

/** Azure's now, as the simulator's clock has it. */
async function azureNow(): Promise<number> {
  const { now } = (await control(sim, '/state', undefined, 'GET')) as { now: string };
  return Date.parse(now);
}

test('after a clock jump on both sides, connect and extend end a requested hour after Azure’s now', async () => {
  await control(sim, '/clock/advance', { seconds: JUMP_MS / 1000 });
  // The app's clock followed the same jump.
  const jumped: Clock = { ...systemClock, now: () => Date.now() + JUMP_MS };
  const fs01 = (await vmsOf(sim, 'helpdesk')).get('vm-fs01')!;
  const { result } = await runConnect(sim, 'helpdesk', {
    targets: [{ vm: fs01 }],
    chooseSource: vpnSource(DEMO.p2sPool),
    duration: '1h',
    clock: jumped,
    timing: { firstMs: 50, maxMs: 200 },
  });
  const grant = result.connections[0]!.grant;
  const late = (end: string, now: number) => Math.abs(Date.parse(end) - (now + HOUR));
  assert.ok(late(grant.endTimeUtc, await azureNow()) < 2 * 60_000, `ends ${grant.endTimeUtc}`);
  const extended = await extend(
    simAccess(sim, 'helpdesk'),
    { ...grant, policyId: fs01.jit.policyId!, tenantId: fs01.tenantId },
    { durationMs: HOUR, clock: jumped, account: 'helpdesk@contoso.com' },
  );
  assert.ok(late(extended.endTimeUtc, await azureNow()) < 2 * 60_000, `extended to ${extended.endTimeUtc}`);
  assert.ok(Math.abs(extended.azureOffsetMs ?? NaN) < 60_000, `offset ${extended.azureOffsetMs} ms`);
  assert.ok(Math.abs(extended.remainingSeconds - 3600) < 120, `${extended.remainingSeconds} s left`);
});

/**
 * Reminders against the simulator, with a Clock tied to the simulator's clock (moved by `POST /_sim/clock/advance`):
 * 10 and 2 minutes before the end and at it, in milliseconds of real time; extend moves them; a restart resumes them;
 * one owner at a time, in one process and across two.
 */
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../../electron/azure-sim/index';
import type { ArmAccess } from '../../../../electron/core/azure/arm-access';
import { GrantStore, type StoredGrant } from '../../../../electron/core/grants/grant-store';
import { extend } from '../../../../electron/core/grants/extend';
import { Reminders, type ReminderEvent } from '../../../../electron/core/grants/reminders';
import { readInventory } from '../../../../electron/core/inventory/inventory';
import { initiate, policyRef } from '../../../../electron/core/jit/jit-client';
import { systemClock, type Clock } from '../../../../electron/core/ports';
import type { Vm } from '../../../../shared/domain/types';
import { control, startTestSim, tempDir } from '../../../fixtures/sim';
import { until } from '../../../fixtures/wait';
import { simAccess } from '../inventory/sim-access';

/** The local clock moves with the simulator's: advancing the simulated time is time passing for both. */
const tiedClock = (sim: Simulator): Clock => ({
  now: () => Date.now() + sim.ctx.clock.offset,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
});

interface Seen {
  event: string;
  r: ReminderEvent;
  at: number;
}

/** Records a Reminders' events, with the real time each came at. */
function watch(rem: Reminders): { seen: Seen[]; armed: () => number } {
  const seen: Seen[] = [];
  let armed = 0;
  for (const event of ['grant:expiring', 'grant:expired'])
    rem.on(event, (r: ReminderEvent) => seen.push({ event, r, at: performance.now() }));
  rem.on('armed', () => armed++);
  return { seen, armed: () => armed };
}

describe('reminders', () => {
  let sim: Simulator;
  let arm: ArmAccess;
  let vms: Vm[];
  let store: GrantStore;
  const running: Reminders[] = [];
  const vm = (n: string) => vms.find((v) => v.name.toLowerCase() === n)!;

  // A simulator per test: each moves the clock, and grants are read before it moves.
  beforeEach(async () => {
    sim = await startTestSim();
    arm = simAccess(sim, 'helpdesk');
    vms ??= (await readInventory({ arm })).vms;
    store = new GrantStore(tempDir('jit-remind-'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
    sim?.close();
  });
  after(() => sim?.close());

  const start = async (opts: Partial<ConstructorParameters<typeof Reminders>[0]> = {}) => {
    const rem = new Reminders({ store, clock: tiedClock(sim), checkEveryMs: 20, ownerRetryMs: 20, ...opts });
    running.push(rem);
    const w = watch(rem);
    return { rem, ...w, owner: (await rem.start()).owner };
  };

  /** Moves the simulated clock (and so ours) and returns the real time it was moved at. */
  const advance = async (minutes: number) => {
    await control(sim, '/clock/advance', { seconds: minutes * 60 });
    return performance.now();
  };

  async function grant(name: string, minutes: number): Promise<StoredGrant> {
    const v = vm(name);
    const { request, azureOffsetMs } = await initiate(
      arm,
      policyRef(v.jit.policyId!, v.tenantId),
      v.id,
      [
        {
          number: 3389,
          endTimeUtc: new Date(Date.now() + minutes * 60_000),
          allowedSourceAddressPrefix: '10.13.1.0/24',
        },
      ],
      'Ticket 7',
      { clock: systemClock },
    );
    const p = request.virtualMachines[0]!.ports[0]!;
    const g: StoredGrant = {
      vmId: v.id,
      vmName: v.name,
      port: 3389,
      source: p.allowedSourceAddressPrefix!,
      dialAddress: `${v.privateIp}:3389`,
      startTimeUtc: request.startTimeUtc.toISOString(),
      endTimeUtc: p.endTimeUtc.toISOString(),
      azureOffsetMs,
      policyId: v.jit.policyId!,
      tenantId: v.tenantId,
    };
    await store.record(g, { justification: 'Ticket 7', tenantId: v.tenantId, policyId: v.jit.policyId! });
    return g;
  }

  test('10 and 2 minutes before the end, and at it; each within milliseconds of the clock reaching it', async () => {
    await grant('vm-fs01', 60);
    const { seen, owner } = await start();
    assert.equal(owner, true);
    const lags: number[] = [];

    let t = await advance(51); // 9 minutes left: the 10-minute reminder
    await until('the 10-minute reminder', () => seen[0]);
    lags.push(seen[0]!.at - t);
    assert.equal(seen[0]!.event, 'grant:expiring');
    assert.equal(seen[0]!.r.leadMinutes, 10);
    assert.equal(seen[0]!.r.minutesLeft, 9);
    assert.match(seen[0]!.r.text, /dropped session cannot reconnect/);

    t = await advance(8); // 1 minute left
    await until('the 2-minute reminder', () => seen[1]);
    lags.push(seen[1]!.at - t);
    assert.equal(seen[1]!.r.leadMinutes, 2);
    assert.equal(seen[1]!.r.minutesLeft, 1);

    t = await advance(1.5);
    await until('the expiry', () => seen[2]);
    lags.push(seen[2]!.at - t);
    assert.equal(seen[2]!.event, 'grant:expired');
    assert.match(seen[2]!.r.text, /dropped session cannot reconnect/);
    assert.equal(seen.length, 3, 'each once');
    await until('an ended grant leaves the cache once announced', async () =>
      (await store.cached()).length === 0 ? true : undefined,
    );
    // Jumps are noticed by the 20 ms check (the regular check runs every 30 s): typically tens of milliseconds; the
    // bound leaves room for a loaded 2-core machine while still telling a noticed jump from the next regular check.
    for (const lag of lags) assert.ok(lag < 5000, `reminder ${lag.toFixed(0)} ms after the clock reached it`);
    console.log(`reminder lag after a clock jump: ${lags.map((l) => l.toFixed(0)).join(', ')} ms`);
  });

  test('a reminder due in real time fires on its timer, not on a jump', async () => {
    const v = vm('vm-fs01');
    const g = await grant('vm-fs01', 60);
    // Rewrite the end to 10 minutes and 300 ms from now: the 10-minute reminder is due in 300 ms of real time.
    const soon = new Date(Date.now() + sim.ctx.clock.offset + 10 * 60_000 + 300).toISOString();
    // No clock offset: the ARM Date header's whole seconds would make it up to a second late (measured: 0.4–0.9 s).
    await store.record({ ...g, endTimeUtc: soon, azureOffsetMs: 0 }, { tenantId: v.tenantId });
    const { seen } = await start({ checkEveryMs: 60_000 });
    const t0 = performance.now();
    await until('the 10-minute reminder', () => seen[0]);
    const late = seen[0]!.at - t0 - 300;
    // Never early; late only by the machine's load (tens of ms when idle, 0.6 s seen on a busy 2-core CI), far from
    // the next regular check a minute away, which is what a reminder without its own timer would wait for.
    assert.ok(late > -50 && late < 5000, `fired ${late.toFixed(0)} ms after it was due`);
  });

  test('extend moves the reminders to the new end', async () => {
    const g = await grant('vm-sql01', 30);
    const { rem, seen, armed } = await start();
    const extended = await extend(
      arm,
      { ...g, policyId: g.policyId!, tenantId: g.tenantId! },
      {
        durationMs: 60 * 60_000,
        store,
        reminders: rem,
        account: 'helpdesk@contoso.com',
      },
    );
    assert.ok(Date.parse(extended.endTimeUtc) > Date.parse(g.endTimeUtc));

    const before = armed();
    await advance(21); // the old grant would be 9 minutes from its end now
    await until('the jump noticed', () => (armed() > before ? true : undefined));
    assert.equal(seen.length, 0, 'no reminder for the old end');

    await advance(30); // 9 minutes before the new end
    await until('the 10-minute reminder of the new end', () => seen[0]);
    assert.equal(seen[0]!.r.leadMinutes, 10);
    assert.equal(seen[0]!.r.grant.endTimeUtc, extended.endTimeUtc);
  });

  test('a restart resumes: a new Reminders on the same store reminds what is left, nothing twice', async () => {
    await grant('vm-fs01', 60);
    const first = await start();
    await advance(51);
    await until('the 10-minute reminder', () => first.seen[0]);
    await first.rem.stop();

    const second = await start();
    assert.equal(second.owner, true);
    await until('armed', () => (second.armed() > 0 ? true : undefined));
    assert.equal(second.seen.length, 0, 'the 10-minute reminder is not shown again');
    await advance(8);
    await until('the 2-minute reminder', () => second.seen[0]);
    assert.equal(second.seen[0]!.r.leadMinutes, 2);
    assert.equal(first.seen.length, 1);
  });

  test('one owner at a time in a config dir; the other takes over when the owner stops', async () => {
    await grant('vm-fs01', 60);
    const a = await start();
    const b = await start();
    assert.equal(a.owner, true);
    assert.equal(b.owner, false);
    await advance(51);
    await until('the 10-minute reminder', () => a.seen[0]);
    const tookOver = new Promise<boolean>((resolve) => b.rem.once('owner', resolve));
    await a.rem.stop();
    assert.equal(await tookOver, true);
    await advance(8);
    await until('the 2-minute reminder from the new owner', () => b.seen[0]);
    assert.equal(b.seen[0]!.r.leadMinutes, 2);
    assert.equal(a.seen.length, 1);
    assert.equal(b.seen.length, 1, 'the 10-minute reminder was not repeated by the new owner');
  });
});

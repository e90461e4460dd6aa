/**
 * Reminders on a fake clock whose timers fire only when the test moves it: lead times from settings, one catch-up
 * reminder (never a burst) after a restart or jump, a jump noticed by the periodic check, old expiries not announced,
 * and the Notifier's note with an Extend action.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GrantStore, type StoredGrant } from '../../../../electron/core/grants/grant-store';
import { Reminders, type ReminderEvent } from '../../../../electron/core/grants/reminders';
import type { Notifier } from '../../../../electron/core/ports';
import { tempDir } from '../../../fixtures/sim';
import { until } from '../../../fixtures/wait';
import { FakeClock } from '../../../fixtures/fake-clock';

const MIN = 60_000;

const T0 = Date.parse('2026-05-01T10:00:00Z');

function grant(endMin: number, name = 'VM-FS01'): StoredGrant {
  return {
    vmId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${name}`,
    vmName: name,
    port: 3389,
    source: '10.13.1.0/24',
    dialAddress: '10.10.1.4:3389',
    startTimeUtc: new Date(T0).toISOString(),
    endTimeUtc: new Date(T0 + endMin * MIN).toISOString(),
  };
}

async function setup(grants: StoredGrant[], opts: { leadMinutes?: number[]; checkEveryMs?: number } = {}) {
  const store = new GrantStore(tempDir('jit-rem-unit-'));
  for (const g of grants) await store.record(g);
  const clock = new FakeClock(T0);
  const notes: Parameters<Notifier['notify']>[0][] = [];
  const rem = new Reminders({
    store,
    clock,
    notifier: { notify: (n) => notes.push(n) },
    checkEveryMs: opts.checkEveryMs ?? 1000,
    ...(opts.leadMinutes ? { leadMinutes: opts.leadMinutes } : {}),
  });
  const seen: Array<[string, ReminderEvent]> = [];
  let armed = 0;
  rem.on('grant:expiring', (r: ReminderEvent) => seen.push(['expiring', r]));
  rem.on('grant:expired', (r: ReminderEvent) => seen.push(['expired', r]));
  rem.on('armed', () => armed++);
  assert.equal((await rem.start()).owner, true);
  return { store, clock, rem, seen, notes, armed: () => armed };
}

describe('Reminders', () => {
  test('lead times from settings fire on their timers, then the expiry; the Notifier offers Extend', async () => {
    const { clock, rem, seen, notes, armed } = await setup([grant(60)], {
      leadMinutes: [15, 5],
      checkEveryMs: 3600_000,
    });
    let n = armed();
    clock.advance(45 * MIN);
    await until('15-minute reminder', () => seen[0]);
    assert.equal(seen[0]![1].leadMinutes, 15);
    assert.equal(seen[0]![1].minutesLeft, 15);
    await until('re-armed', () => (armed() > n ? true : undefined));
    n = armed();
    clock.advance(10 * MIN);
    await until('5-minute reminder', () => seen[1]);
    assert.equal(seen[1]![1].leadMinutes, 5);
    await until('re-armed', () => (armed() > n ? true : undefined));
    clock.advance(5 * MIN);
    await until('expiry', () => seen[2]);
    assert.equal(seen[2]![0], 'expired');
    assert.equal(seen[2]![1].minutesLeft, 0);
    assert.deepEqual(notes[0]!.actions, [{ id: 'extend', label: 'Extend' }]);
    assert.match(notes[0]!.body, /dropped session cannot reconnect/);
    assert.equal(notes[2]!.actions, undefined, 'nothing to extend once it ended');
    await rem.stop();
  });

  test('starting late: one catch-up reminder, the nearest lead, never a burst', async () => {
    const { rem, seen, armed } = await setup([grant(1), grant(5, 'vm-web01')]);
    await until('armed', () => (armed() > 0 ? true : undefined));
    assert.deepEqual(seen.map(([e, r]) => [e, r.grant.vmName, r.leadMinutes, r.minutesLeft]).sort(), [
      ['expiring', 'VM-FS01', 2, 1],
      ['expiring', 'vm-web01', 10, 5],
    ]);
    await rem.stop();
  });

  test('a clock jump is noticed by the periodic check and the schedule rebuilt', async () => {
    const { clock, rem, seen } = await setup([grant(60)], { checkEveryMs: 1000 });
    clock.jump(55 * MIN); // the laptop slept through the 10-minute reminder: no timer fired
    clock.advance(1000); // the next check comes late by 55 minutes
    await until('the catch-up reminder', () => seen[0]);
    assert.equal(seen[0]![1].leadMinutes, 10);
    assert.equal(seen[0]![1].minutesLeft, 5);
    await rem.stop();
  });

  test('another process re-requesting the grant (a rewritten store) moves the reminders at the next check', async () => {
    // The new end comes before the old schedule's first timer: only the store check can bring it forward.
    const { store, clock, rem, seen, armed } = await setup([grant(90)], { checkEveryMs: 1000 });
    await store.record(grant(30), { kind: 'request' }); // as the CLI would, beside the app
    const n = armed();
    clock.advance(1000);
    await until('re-armed from the changed store', () => (armed() > n ? true : undefined));
    clock.advance(20 * MIN);
    await until('the 10-minute reminder of the new end', () => seen[0]);
    assert.equal(seen[0]![1].grant.endTimeUtc, grant(30).endTimeUtc);
    assert.equal(seen[0]![1].leadMinutes, 10);
    await rem.stop();
  });

  test('an expiry long past when first seen is not announced, and the grant leaves the cache', async () => {
    const { store, rem, seen, armed } = await setup([grant(-120)]);
    await until('armed', () => (armed() > 0 ? true : undefined));
    assert.deepEqual(seen, []);
    assert.deepEqual(await store.cached(), []);
    await rem.stop();
  });

  test('a second Reminders on the same config dir is not the owner', async () => {
    const { store, clock, rem } = await setup([grant(60)]);
    const other = new Reminders({ store, clock });
    assert.deepEqual(await other.start(), { owner: false });
    await other.stop();
    await rem.stop();
    assert.deepEqual(await other.start(), { owner: true }, 'free once the owner stopped');
    await other.stop();
  });
});

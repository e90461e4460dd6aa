/**
 * Re-arming the reminders on demand (the Electron shell calls it when the machine wakes, powerMonitor `resume`), on a
 * fake clock with monotonic timers: after a sleep past a lead time, `rearm()` gives the one catch-up reminder at once,
 * without waiting for the periodic check; after a sleep past the end, the expiry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GrantStore } from '../../../../electron/core/grants/grant-store';
import { Reminders, type ReminderEvent } from '../../../../electron/core/grants/reminders';
import { FakeClock } from '../../../fixtures/fake-clock';
import { tempDir } from '../../../fixtures/sim';
import { until } from '../../../fixtures/wait';

const MIN = 60_000;
const T0 = Date.parse('2026-05-01T10:00:00Z');

async function asleepThenRearm(sleepMin: number) {
  const store = new GrantStore(tempDir('jit-rearm-'));
  await store.record({
    vmId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/VM-FS01',
    vmName: 'VM-FS01',
    port: 3389,
    source: '10.13.1.0/24',
    dialAddress: '10.10.1.4:3389',
    startTimeUtc: new Date(T0).toISOString(),
    endTimeUtc: new Date(T0 + 60 * MIN).toISOString(),
  });
  const clock = new FakeClock(T0);
  // The periodic check is an hour away: only rearm() can notice the sleep.
  const rem = new Reminders({ store, clock, checkEveryMs: 3600_000 });
  const seen: Array<[string, ReminderEvent]> = [];
  rem.on('grant:expiring', (r: ReminderEvent) => seen.push(['expiring', r]));
  rem.on('grant:expired', (r: ReminderEvent) => seen.push(['expired', r]));
  await rem.start();
  clock.jump(sleepMin * MIN);
  assert.equal(seen.length, 0, 'nothing fires while asleep (the timers are monotonic)');
  await rem.rearm();
  return { seen, rem };
}

test('woken 55 min into a 60-min grant: rearm() gives one catch-up reminder at once, the nearest lead', async () => {
  const { seen, rem } = await asleepThenRearm(55);
  await until('the catch-up', () => seen[0]);
  assert.equal(seen.length, 1, 'one reminder, never a burst');
  assert.deepEqual([seen[0]![0], seen[0]![1].leadMinutes, seen[0]![1].minutesLeft], ['expiring', 10, 5]);
  await rem.stop();
});

test('woken after the end: rearm() announces the expiry', async () => {
  const { seen, rem } = await asleepThenRearm(61);
  await until('the expiry', () => seen[0]);
  assert.deepEqual(
    seen.map(([kind]) => kind),
    ['expired'],
  );
  await rem.stop();
});

test('a jump while the periodic check reads the store is still noticed by the next check', async () => {
  const store = new GrantStore(tempDir('jit-rearm-'));
  await store.record({
    vmId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/VM-FS01',
    vmName: 'VM-FS01',
    port: 3389,
    source: '10.13.1.0/24',
    dialAddress: '10.10.1.4:3389',
    startTimeUtc: new Date(T0).toISOString(),
    endTimeUtc: new Date(T0 + 60 * MIN).toISOString(),
  });
  const clock = new FakeClock(T0);
  const rem = new Reminders({ store, clock, checkEveryMs: 1000 });
  const seen: ReminderEvent[] = [];
  rem.on('grant:expiring', (r: ReminderEvent) => seen.push(r));
  await rem.start();
  // The check's read of the store is held until the laptop has slept 55 minutes.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const read = store.cacheVersion.bind(store);
  store.cacheVersion = async () => (await held, read());
  clock.advance(1000);
  clock.jump(55 * MIN);
  release();
  await new Promise((r) => setImmediate(r));
  store.cacheVersion = read;
  clock.advance(1000);
  await until('the catch-up after the missed-looking jump', () => seen[0]);
  assert.equal(seen[0]!.minutesLeft, 5);
  await rem.stop();
});

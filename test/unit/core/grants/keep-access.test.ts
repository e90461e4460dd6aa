/**
 * Keep access while connected, on a fake clock and a fake client (a promise the test settles): extensions shortly
 * before each end with the cap's remainder, a notification each time, the last one at the cap; nothing more the moment
 * the client exits; a failed extension stops and says so; a short grant is extended at its half-life.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeepAccess, type KeepAccessEvent, type KeptGrant } from '../../../../electron/core/grants/keep-access';
import type { Notifier } from '../../../../electron/core/ports';
import { FakeClock } from '../../../fixtures/fake-clock';

const MIN = 60_000;
const H = 60 * MIN;
const T0 = Date.parse('2026-05-01T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const reasonOf = (e: KeepAccessEvent | undefined) => (e?.kind === 'stopped' ? e.reason : e?.kind);
const flush = () => new Promise((r) => setImmediate(r));

function setup(opts: { policyMaxMs?: number; fail?: boolean; capMs?: number; grantMs?: number } = {}) {
  const clock = new FakeClock(T0);
  const notes: Parameters<Notifier['notify']>[0][] = [];
  const events: KeepAccessEvent[] = [];
  const requests: Array<{ at: number; atMostMs: number }> = [];
  const max = opts.policyMaxMs ?? 3 * H;
  const keep = new KeepAccess({
    clock,
    notifier: { notify: (n) => notes.push(n) },
    ...(opts.capMs ? { capMs: opts.capMs } : {}),
    onEvent: (e) => events.push(e),
    extend: async (g, atMostMs) => {
      requests.push({ at: clock.now(), atMostMs });
      if (opts.fail) throw new Error('403: no initiate rights.');
      return { ...g, startTimeUtc: iso(clock.now()), endTimeUtc: iso(clock.now() + Math.min(max, atMostMs)) };
    },
  });
  const grant: KeptGrant = {
    vmId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/VM-FS01',
    vmName: 'VM-FS01',
    port: 3389,
    startTimeUtc: iso(T0),
    endTimeUtc: iso(T0 + (opts.grantMs ?? max)),
  };
  let exit!: () => void;
  const client = new Promise<void>((r) => (exit = r));
  /** Advances in one-minute steps (each extension's request settles before time moves on). */
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += MIN) {
      clock.advance(Math.min(MIN, ms - t));
      await flush();
    }
  };
  return { clock, keep, grant, notes, events, requests, client, exit, run };
}

test('kept while the client runs: extended 11 min before each end, up to 8 h in total, a notification each time', async () => {
  const s = setup();
  s.keep.watch(s.grant, s.client);
  await s.run(3 * H - 12 * MIN);
  assert.equal(s.requests.length, 0, 'nothing before the lead');
  await s.run(2 * MIN);
  assert.deepEqual(s.requests, [{ at: T0 + 3 * H - 11 * MIN, atMostMs: 8 * H - (3 * H - 11 * MIN) }]);
  assert.equal(s.notes.at(-1)!.title, 'VM-FS01: access kept');
  assert.match(s.notes.at(-1)!.body, /still open.*port 3389 was requested again until 15:49 UTC \(extension 1\)/);
  await s.run(6 * H);
  // 2:49 → 5:49; 5:38 → 8:00, the cap (2 h 22 min, less than the policy's 3 h): two extensions, then it stops.
  assert.equal(s.requests.length, 2);
  assert.equal(s.requests[1]!.atMostMs, 2 * H + 22 * MIN);
  assert.match(s.notes.at(-1)!.body, /until 18:00 UTC: the most keep-access allows/);
  assert.deepEqual(
    s.events.map((e) => (e.kind === 'extended' ? `extended ${e.count}` : `stopped ${e.reason}`)),
    ['extended 1', 'extended 2', 'stopped cap-reached'],
  );
  assert.equal(s.keep.kept.length, 0);
  assert.equal(s.clock.pending, 0, 'no timer left');
});

test('the client exits: keeping stops at once, nothing more is requested', async () => {
  const s = setup();
  s.keep.watch(s.grant, s.client);
  await s.run(3 * H - 10 * MIN);
  assert.equal(s.requests.length, 1);
  s.exit();
  await flush();
  const last = s.events.at(-1);
  assert.equal(last?.kind === 'stopped' && last.reason, 'client-exited');
  assert.equal(s.keep.kept.length, 0);
  await s.run(8 * H);
  assert.equal(s.requests.length, 1, 'no extension after the client exited');
  assert.equal(s.clock.pending, 0);
});

test('a failed extension: keeping stops and the notification says why and when access ends', async () => {
  const s = setup({ fail: true });
  s.keep.watch(s.grant, s.client);
  await s.run(3 * H);
  assert.equal(s.requests.length, 1);
  assert.equal(s.notes.at(-1)!.title, 'VM-FS01: could not keep access');
  assert.match(s.notes.at(-1)!.body, /403: no initiate rights\. Access ends at 13:00 UTC/);
  assert.equal(reasonOf(s.events.at(-1)), 'failed');
});

test('a short grant (10-minute policy) is extended at its half-life, with a smaller cap', async () => {
  const s = setup({ policyMaxMs: 10 * MIN, capMs: 30 * MIN });
  s.keep.watch(s.grant, s.client);
  await s.run(5 * MIN);
  assert.deepEqual(
    s.requests.map((r) => r.at - T0),
    [5 * MIN],
  );
  await s.run(40 * MIN);
  // 5 → 15, 10 → 20, 15 → 25, 20 → 30 (the cap): four requests, then the cap.
  assert.equal(s.requests.length, 4);
  assert.equal(reasonOf(s.events.at(-1)), 'cap-reached');
});

test('a clock jump (the laptop slept) is noticed by the periodic check and the grant extended then', async () => {
  const s = setup();
  s.keep.watch(s.grant, s.client);
  s.clock.jump(3 * H - 5 * MIN);
  assert.equal(s.requests.length, 0);
  await s.run(MIN);
  assert.equal(s.requests.length, 1, 'extended at the first check after the jump');
  assert.equal(s.requests[0]!.at - T0, 3 * H - 5 * MIN + 30_000);
});

test('recheck() (powerMonitor resume) re-times the wait at once', async () => {
  const s = setup();
  s.keep.watch(s.grant, s.client);
  s.clock.jump(3 * H - 5 * MIN);
  s.keep.recheck();
  s.clock.advance(0);
  await flush();
  assert.equal(s.requests.length, 1);
});

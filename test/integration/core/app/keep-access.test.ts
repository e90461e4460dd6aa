/**
 * Keep access while connected, through the app service on the simulator: with the setting on, a connect that starts
 * a client (a fake whose exit the test decides) is requested again with the same justification when the simulated
 * clock reaches the lead — a real request, in the history as `extend`, announced by a notification — and once the
 * client exits nothing more is requested: the ordinary reminder for the new end comes instead.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { keepAccessAllowed } from '../../../../electron/core/app/keep-access-bridge';
import { control, startTestSim } from '../../../fixtures/sim';
import { until } from '../../../fixtures/wait';
import { appOn } from './app-harness';

let sim: Simulator;
let app: Awaited<ReturnType<typeof appOn>>;
let exitClient!: () => void;
const clientExited = new Promise<number | null>((r) => (exitClient = () => r(0)));
const launched: string[][] = [];
/** The next launches' clients (else the first test's). */
const clients: Array<Promise<number | null>> = [];
const warnings: string[] = [];

before(async () => {
  sim = await startTestSim();
  app = await appOn(sim, {
    // The RDP client "runs" until the test ends it.
    runner: { run: async (argv) => (launched.push(argv), { pid: 4343, exited: clients.shift() ?? clientExited }) },
    reporter: { warn: (m) => warnings.push(m) },
  });
});
after(async () => {
  exitClient();
  await app?.service.dispose();
  sim?.close();
});

const simNow = () => Date.now() + sim.ctx.clock.offset;

test('kept while the client runs: a real request with the same justification; none after the client exits', async () => {
  await app.call('settings:set', { patch: { keepAccessWhileConnected: true } });
  await app.call('session:signIn', { method: 'device-code' });
  const fs01 = (await app.call('vms:list', {})).vms.find((v) => v.name === 'VM-FS01')!;
  const { connectId } = await app.call('connect:start', {
    targets: [{ vmId: fs01.id, port: 3389 }],
    justification: 'Ticket 99',
    launch: true,
  });
  const finished = await until('connect:finished', () =>
    app.of('connect:finished').find((e) => e.connectId === connectId),
  );
  const [grant] = finished.grants as Array<{ endTimeUtc: string }>;
  assert.ok(grant && launched.length === 1, JSON.stringify(finished));

  // Ten and a half minutes before the end: past keep-access's 11-minute lead, not yet at the 10-minute reminder.
  await control(sim, '/clock/advance', {
    seconds: Math.floor((Date.parse(grant.endTimeUtc) - simNow() - 10.5 * 60_000) / 1000),
  });
  const kept = await until('the extension', async () =>
    (await app.call('grants:history', {})).find((h) => h.kind === 'extend'),
  );
  assert.equal(kept.outcome, 'granted');
  assert.equal(kept.justification, 'Ticket 99');
  assert.ok(Date.parse(kept.endTimeUtc!) > Date.parse(grant.endTimeUtc));
  const note = await until('the notification', () => app.notes.find((n) => n.title === 'VM-FS01: access kept'));
  assert.match(note.body, /still open/);
  // The window hears it too (the only place it shows where the desktop has no notification service).
  const heard = app.of('keepAccess:notified').find((e) => e.title === 'VM-FS01: access kept');
  assert.equal(heard?.text, note.body);
  const live = (await app.call('grants:list', {})).grants.find((g) => g.vmName === 'VM-FS01' && g.port === 3389);
  assert.equal(live?.endTimeUtc, kept.endTimeUtc, 'Azure shows the new end');
  assert.equal(
    app.of('grant:expiring').filter((e) => (e.grant as { endTimeUtc: string }).endTimeUtc === grant.endTimeUtc).length,
    0,
    'no "ends in 10 min" for a grant being kept',
  );

  // The client exits: the next lead passes with a reminder, and no new request.
  exitClient();
  await new Promise((r) => setImmediate(r));
  await control(sim, '/clock/advance', {
    seconds: Math.floor((Date.parse(kept.endTimeUtc!) - simNow() - 9 * 60_000) / 1000),
  });
  await until('the reminder for the new end', () =>
    app.of('grant:expiring').find((e) => (e.grant as { endTimeUtc: string }).endTimeUtc === kept.endTimeUtc),
  );
  const extends_ = (await app.call('grants:history', {})).filter((h) => h.kind === 'extend');
  assert.equal(extends_.length, 1, 'nothing requested after the client exited');
  assert.deepEqual(warnings, []);
});

test('turning the setting off stops keeping at once', async () => {
  const fs01 = (await app.call('vms:list', {})).vms.find((v) => v.name === 'VM-FS01')!;
  let exit!: () => void;
  const running = new Promise<number | null>((r) => (exit = () => r(0)));
  clients.push(running);
  const { connectId } = await app.call('connect:start', { targets: [{ vmId: fs01.id, port: 3389 }], launch: true });
  const finished = await until('connect:finished', () =>
    app.of('connect:finished').find((e) => e.connectId === connectId),
  );
  const [grant] = (finished.grants ?? []) as Array<{ endTimeUtc: string }>;
  assert.ok(grant, JSON.stringify(finished.error));
  const before = (await app.call('grants:history', {})).filter((h) => h.kind === 'extend').length;
  await app.call('settings:set', { patch: { keepAccessWhileConnected: false } });
  // Past keep-access's lead (nothing may happen), then past the reminder's: the grant still ends as requested.
  for (const minutesLeft of [10.5, 9])
    await control(sim, '/clock/advance', {
      seconds: Math.floor((Date.parse(grant.endTimeUtc) - simNow() - minutesLeft * 60_000) / 1000),
    });
  await until('the ordinary reminder', () =>
    app.of('grant:expiring').find((e) => (e.grant as { endTimeUtc: string }).endTimeUtc === grant.endTimeUtc),
  );
  assert.equal((await app.call('grants:history', {})).filter((h) => h.kind === 'extend').length, before);
  exit();
});

test('allowed only when the user turned it on and no admin policy forbids it', () => {
  assert.equal(keepAccessAllowed({}), false);
  assert.equal(keepAccessAllowed({ keepAccessWhileConnected: true }), true);
  assert.equal(keepAccessAllowed({ keepAccessWhileConnected: true, allowKeepAccess: false }), false);
  assert.equal(keepAccessAllowed({ keepAccessWhileConnected: false, allowKeepAccess: true }), false);
});

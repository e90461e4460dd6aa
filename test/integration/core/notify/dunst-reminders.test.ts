/**
 * Reminders that reach the Linux desktop, for real: the app service on the simulator with the notify-send Notifier,
 * talking to dunst on Xvfb over a private D-Bus session. The simulated clock jumps past the 10-minute lead: dunst shows
 * "access ends in N min" with an Extend action; Extend is clicked through dunst's context menu (D-Bus ActionInvoked
 * back to notify-send), and a new request is recorded; the clock then jumps past the new end: dunst shows "access
 * ended".
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { nodeLookup, nodeRunner } from '../../../../electron/core/launch/index';
import { notifySendNotifier } from '../../../../electron/core/notify/notify-send';
import { startDunst, type DunstSession } from '../../../fixtures/dunst';
import { control, startTestSim } from '../../../fixtures/sim';
import { until } from '../../../fixtures/wait';
import { appOn } from '../app/app-harness';

let sim: Simulator;
let dunst: DunstSession;
let app: Awaited<ReturnType<typeof appOn>>;
const warnings: string[] = [];

before(async () => {
  [sim, dunst] = await Promise.all([startTestSim(), startDunst()]);
  const notifier = notifySendNotifier({
    runner: nodeRunner,
    lookup: (p) => nodeLookup(p),
    env: dunst.env,
    warn: (m) => warnings.push(m),
  });
  assert.ok(notifier, 'notify-send is installed (scripts/prereqs.mjs)');
  app = await appOn(sim, { notifier });
});
after(async () => {
  await app?.service.dispose();
  await dunst?.stop();
  sim?.close();
});

test('dunst shows the expiring reminder with Extend; clicking it requests a new grant; then "access ended"', async () => {
  await app.call('session:signIn', { method: 'device-code' });
  const fs01 = (await app.call('vms:list', {})).vms.find((v) => v.name === 'VM-FS01')!;
  const { connectId } = await app.call('connect:start', {
    targets: [{ vmId: fs01.id, port: 3389 }],
    justification: 'Ticket 7',
    launch: false,
  });
  const finished = await until(
    'connect:finished',
    () => app.of('connect:finished').find((e) => e.connectId === connectId),
    15_000,
  );
  const [grant] = finished.grants as Array<{ endTimeUtc: string }>;
  assert.ok(grant, JSON.stringify(finished.error));

  // Nine minutes before the end: past the 10-minute lead.
  const leftMs = Date.parse(grant.endTimeUtc) - (Date.now() + sim.ctx.clock.offset);
  await control(sim, '/clock/advance', { seconds: Math.floor((leftMs - 9 * 60_000) / 1000) });
  const expiring = await until(
    'dunst to show the expiring reminder',
    () => dunst.shown().find((n) => /^VM-FS01: access ends in \d+ min$/.test(n.summary)),
    15_000,
  ).catch((e: Error) => {
    throw new Error(
      `${e.message}\n${warnings.join('\n')}\n${JSON.stringify(app.of('grant:expiring'))}\n${dunst.log()}`,
    );
  });
  assert.equal(expiring.appname, 'JIT Connect');
  const minutes = Number(/in (\d+) min/.exec(expiring.summary)![1]);
  assert.ok(minutes >= 8 && minutes <= 9, expiring.summary);
  assert.match(expiring.body, new RegExp(`Port 3389 on VM-FS01 closes at .*\\(${minutes} min left\\)`));
  assert.deepEqual(expiring.actions, { extend: 'Extend' });

  const before = (await app.call('grants:history', {})).length;
  dunst.click('Extend', 'VM-FS01: access ends in');
  const extended = await until(
    'the Extend click to request a new grant',
    async () => {
      const h = await app.call('grants:history', {});
      return h.length > before ? h.at(-1) : undefined;
    },
    15_000,
  );
  assert.equal(extended.kind, 'extend');
  assert.equal(extended.outcome, 'granted');
  assert.equal(extended.justification, 'Ticket 7', 'the same justification');
  assert.ok(Date.parse(extended.endTimeUtc!) > Date.parse(grant.endTimeUtc), 'a later end');

  // Past the new end: "access ended", shown after the expiring one.
  const leftNow = Date.parse(extended.endTimeUtc!) - (Date.now() + sim.ctx.clock.offset);
  await control(sim, '/clock/advance', { seconds: Math.ceil(leftNow / 1000) + 5 });
  const ended = await until(
    'dunst to show the expired reminder',
    () => dunst.shown().find((n) => n.summary === 'VM-FS01: access ended'),
    15_000,
  ).catch((e: Error) => {
    throw new Error(`${e.message}\n${warnings.join('\n')}\n${JSON.stringify(app.of('grant:expired'))}\n${dunst.log()}`);
  });
  assert.match(ended.body, /Port 3389 on VM-FS01 closed at .*request access again to reconnect/);
  assert.deepEqual(ended.actions, {});
  assert.ok(ended.id > expiring.id, 'the expired reminder came after the expiring one');
  assert.deepEqual(warnings, [], dunst.log());
});

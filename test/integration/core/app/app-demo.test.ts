/**
 * The first run with no account configured, then "Explore the demo": the demo cloud (the face's simulator), signed in
 * by its auto-approved device code; a connect there stops at "reachable" and says the command it would run, starting
 * nothing (the simulated VMs run no RDP or ssh server).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { startTestSim } from '../../../fixtures/sim';
import { until } from '../../../fixtures/wait';
import { appOn } from './app-harness';

describe('app service: the demo', () => {
  let sim: Simulator;
  let app: Awaited<ReturnType<typeof appOn>>;

  before(async () => {
    sim = await startTestSim();
    app = await appOn(sim, {}, { demo: true });
  });
  after(async () => {
    await app?.service.dispose();
    sim?.close();
  });

  test('first run: no cloud, no account (the UI offers sign-in or the demo)', async () => {
    assert.deepEqual(await app.call('session:get', {}), { signInRemembered: false });
  });

  test('session:useDemo: the demo cloud, signed in by its device code with the events a UI shows', async () => {
    assert.deepEqual(await app.call('session:useDemo', {}), { cloud: 'AzureSimulator' });
    assert.equal(app.of('deviceCode:issued').length, 1);
    const s = await app.call('session:get', {});
    assert.deepEqual(s.cloud, { name: 'AzureSimulator', demo: true });
    assert.match(s.account!.username, /^helpdesk@/);
    assert.deepEqual(app.of('session:changed').at(-1), { account: s.account });
    // Asked again: the same demo, no second sign-in.
    await app.call('session:useDemo', {});
    assert.equal(app.of('deviceCode:issued').length, 1);
  });

  test('a connect stops at reachable with the command it would run; nothing is started', async () => {
    const dc = (await app.call('vms:list', {})).vms.find((v) => v.name === 'vm-dc01')!;
    const { connectId } = await app.call('connect:start', { targets: [{ vmId: dc.id }], launch: true });
    const finished = await until('connect:finished', () =>
      app.of('connect:finished').find((e) => e.connectId === connectId),
    );
    assert.equal(finished.error, undefined, JSON.stringify(finished.error));
    const steps = app.of('connect:progressed').map((e) => e.step);
    assert.equal(steps.at(-1), 'reachable');
    assert.ok(!steps.includes('launching'));
    const wouldRun = finished.wouldRun as string[];
    assert.equal(wouldRun.length, 1);
    assert.match(wouldRun[0]!, /^xfreerdp /);
    assert.deepEqual(app.ran, []);
  });
});

/**
 * A face started in the demo (`npm start -- --demo`): the session knows its cloud is the demo from the start, so
 * whichever way the person signs in (here "Sign in to Azure" with a device code, not "Explore the demo"), a connect
 * stops at "reachable" with the command it would run and starts no client against the simulated VMs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { startTestSim } from '../../../fixtures/sim';
import { until } from '../../../fixtures/wait';
import { simCloud } from '../auth/session-helpers';
import { appOn } from './app-harness';

let sim: Simulator;
let app: Awaited<ReturnType<typeof appOn>>;

before(async () => {
  sim = await startTestSim();
  app = await appOn(sim, { cloud: async () => simCloud(sim), demo: true });
});
after(async () => {
  await app?.service.dispose();
  sim?.close();
});

test('started in the demo and signed in with a device code, a connect launches nothing', async () => {
  await app.call('session:signIn', { method: 'device-code' });
  assert.deepEqual((await app.call('session:get', {})).cloud, { name: 'AzureSimulator', demo: true });
  const dc = (await app.call('vms:list', {})).vms.find((v) => v.name === 'vm-dc01')!;
  const { connectId } = await app.call('connect:start', { targets: [{ vmId: dc.id }], launch: true });
  const finished = await until('connect:finished', () =>
    app.of('connect:finished').find((e) => e.connectId === connectId),
  );
  assert.equal(finished.error, undefined, JSON.stringify(finished.error));
  assert.match((finished.wouldRun as string[])[0]!, /^xfreerdp /);
  assert.deepEqual(app.ran, []);
});

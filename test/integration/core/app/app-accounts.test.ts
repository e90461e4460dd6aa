/**
 * The app service with two accounts: `session:signIn` adds one, `session:accounts` lists them, `session:switchAccount`
 * changes `session:get` and the VM list (held per account) and says so with `session:changed`, and sign-out of the
 * active account leaves the other one signed in and active.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { control, startTestSim } from '../../../fixtures/sim';
import { appOn } from './app-harness';

describe('app service: several accounts', () => {
  let sim: Simulator;
  let app: Awaited<ReturnType<typeof appOn>>;

  before(async () => {
    sim = await startTestSim();
    app = await appOn(sim);
  });
  after(async () => {
    await app?.service.dispose();
    sim?.close();
  });

  const names = async () => (await app.call('vms:list', {})).vms.map((v) => v.name).sort();
  const listed = async () => (await app.call('session:accounts', {})).map((a) => [a.username, a.active]);

  test('add, list, switch, sign out the active one', async () => {
    assert.deepEqual(await app.call('session:accounts', {}), []);
    const helpdesk = await app.call('session:signIn', { method: 'device-code' });
    const helpdeskVms = await names();
    await control(sim, '/settings', { signInAs: 'admin' });
    const admin = await app.call('session:signIn', { method: 'device-code' });
    assert.match(admin.username, /^admin@/);
    assert.deepEqual(await listed(), [
      [admin.username, true],
      [helpdesk.username, false],
    ]);
    assert.deepEqual((await app.call('session:get', {})).account, admin);
    const adminVms = await names();
    assert.notDeepEqual(adminVms, helpdeskVms, 'the admin sees other VMs than helpdesk');

    const helpdeskId = (await app.call('session:accounts', {})).find((a) => !a.active)!.id;
    assert.deepEqual(await app.call('session:switchAccount', { id: helpdeskId }), helpdesk);
    assert.deepEqual(app.of('session:changed').at(-1), { account: helpdesk });
    assert.deepEqual((await app.call('session:get', {})).account, helpdesk);
    assert.deepEqual(await names(), helpdeskVms, "helpdesk's list, not the admin's");

    const adminId = (await app.call('session:accounts', {})).find((a) => !a.active)!.id;
    await app.call('session:switchAccount', { id: adminId });
    assert.deepEqual(await names(), adminVms);
    assert.deepEqual(await app.call('session:signOut', {}), { signedOut: true });
    assert.deepEqual(app.of('session:changed').at(-1), { account: helpdesk }, 'helpdesk remains, active');
    assert.deepEqual(await listed(), [[helpdesk.username, true]]);
    assert.deepEqual((await app.call('session:get', {})).account, helpdesk);
    assert.deepEqual(await names(), helpdeskVms);
    await control(sim, '/settings', { signInAs: 'helpdesk' });
  });
});

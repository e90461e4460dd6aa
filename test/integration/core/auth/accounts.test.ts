/**
 * Several accounts in one config dir (the app): a sign-in adds an account, the active one is a 0600 pointer file
 * without tokens, switching changes whose tokens the SDKs get, and sign-out removes only the active account.
 * The CLI's default keeps one account per config dir.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { activeAccountPath } from '../../../../electron/core/auth/active-account';
import { jwtClaims } from '../../../fixtures/msal';
import { control, startTestSim, tempDir } from '../../../fixtures/sim';
import { simSession } from './session-helpers';

/** MSAL's memory cache, reported as kept: the pointer goes to the config dir as with the OS keychain. */
const kept = { persistent: true, where: 'memory (as if kept)' };

describe('several accounts', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startTestSim();
  });
  after(() => sim?.close());

  const signInAs = async (session: Awaited<ReturnType<typeof simSession>>, user: string) => {
    await control(sim, '/settings', { signInAs: user });
    return session.signInWithDeviceCode(() => undefined);
  };
  const tokenUser = async (session: Awaited<ReturnType<typeof simSession>>) =>
    String(jwtClaims(await session.armToken()).upn ?? jwtClaims(await session.armToken()).unique_name);

  test('sign-in adds, switch changes the tokens, sign-out removes only the active account', async () => {
    const configDir = tempDir('jit-accounts-');
    const session = await simSession(sim, { configDir, multipleAccounts: true, cache: kept });
    const helpdesk = await signInAs(session, 'helpdesk');
    const admin = await signInAs(session, 'admin');
    assert.notEqual(helpdesk.id, admin.id);

    const listed = await session.accounts();
    assert.deepEqual(
      listed.map((a) => [a.username, a.active]),
      [
        [admin.username, true],
        [helpdesk.username, false],
      ],
      'sorted by user name',
    );
    assert.equal((await session.currentAccount())?.id, admin.id, 'the newest sign-in is active');
    assert.match(await tokenUser(session), /^admin@/);

    // The pointer: the account's id only, owner-only.
    const file = activeAccountPath(configDir);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { homeAccountId: admin.id });
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);

    assert.equal((await session.switchAccount(helpdesk.id)).username, helpdesk.username);
    assert.equal((await session.currentAccount())?.id, helpdesk.id);
    assert.match(await tokenUser(session), /^helpdesk@/, 'the SDKs now get the helpdesk account');
    await assert.rejects(session.switchAccount('nobody.nowhere'), /not signed in here/);

    await session.switchAccount(admin.id);
    assert.equal((await session.signOut())?.id, admin.id);
    assert.deepEqual(
      (await session.accounts()).map((a) => [a.username, a.active]),
      [[helpdesk.username, true]],
    );
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { homeAccountId: helpdesk.id });
    assert.match(await tokenUser(session), /^helpdesk@/);

    assert.equal((await session.signOut())?.id, helpdesk.id);
    assert.deepEqual(await session.accounts(), []);
    assert.equal(await session.currentAccount(), undefined);
    assert.equal(await session.signOut(), undefined);
    await control(sim, '/settings', { signInAs: 'helpdesk' });
  });

  test('a stale or damaged pointer falls back to the first account', async () => {
    const configDir = tempDir('jit-accounts-');
    const session = await simSession(sim, { configDir, multipleAccounts: true, cache: kept });
    const helpdesk = await signInAs(session, 'helpdesk');
    writeFileSync(activeAccountPath(configDir), JSON.stringify({ homeAccountId: 'gone.gone' }));
    assert.equal((await session.currentAccount())?.id, helpdesk.id);
    writeFileSync(activeAccountPath(configDir), '{not json');
    assert.equal((await session.currentAccount())?.id, helpdesk.id);
  });

  test('a memory-only cache keeps the pointer in memory: nothing on disk', async () => {
    const configDir = tempDir('jit-accounts-');
    const session = await simSession(sim, { configDir, multipleAccounts: true });
    const helpdesk = await signInAs(session, 'helpdesk');
    const admin = await signInAs(session, 'admin');
    await session.switchAccount(helpdesk.id);
    assert.equal((await session.currentAccount())?.id, helpdesk.id);
    assert.ok(!existsSync(activeAccountPath(configDir)));
    assert.equal((await session.signOut())?.id, helpdesk.id);
    assert.equal((await session.currentAccount())?.id, admin.id);
    await control(sim, '/settings', { signInAs: 'helpdesk' });
  });

  test('the default (the CLI): a sign-in replaces the other account', async () => {
    const session = await simSession(sim);
    await signInAs(session, 'helpdesk');
    const admin = await signInAs(session, 'admin');
    assert.deepEqual(
      (await session.accounts()).map((a) => a.id),
      [admin.id],
    );
    await control(sim, '/settings', { signInAs: 'helpdesk' });
  });
});

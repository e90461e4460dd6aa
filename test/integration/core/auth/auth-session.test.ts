/**
 * The auth session against the simulator: device-code sign-in, tokens the official SDKs use (home and guest
 * tenant), refresh after expiry, a revoked refresh token ("sign in again"), a CAE claims challenge answered by the
 * SDK's bearer policy, sign-out, and "not signed in".
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { DEMO } from '../../../../electron/azure-sim/seeds/demo';
import { FABRIKAM } from '../../../../electron/azure-sim/seeds/fabrikam';
import type { AuthSession } from '../../../../electron/core/auth/auth-session';
import { armClientOptions, nodeTransport } from '../../../../electron/core/http/transport';
import { AppError } from '../../../../shared/errors/app-error';
import { jwtClaims } from '../../../fixtures/msal';
import { control, simFetch, startTestSim } from '../../../fixtures/sim';
import { collect, until } from '../../../fixtures/wait';
import { simCloud, simSession } from './session-helpers';

describe('auth session', () => {
  let sim: Simulator;
  let session: AuthSession;
  const subscriptions = (tenantId?: string) => {
    const cloud = simCloud(sim);
    const client = new SubscriptionClient(
      session.credentialFor(tenantId),
      armClientOptions(cloud, nodeTransport(cloud)),
    );
    return collect(client.subscriptions.list());
  };

  before(async () => {
    sim = await startTestSim();
    session = await simSession(sim);
  });
  after(() => sim?.close());

  test('not signed in: a credential says so, with the command to run', async () => {
    const fresh = await simSession(sim);
    assert.equal(await fresh.currentAccount(), undefined);
    await assert.rejects(fresh.armToken(), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.equal(err.code, 'not-signed-in');
      assert.match(err.fix ?? '', /^Sign in/);
      return true;
    });
  });

  test('device code: the prompt is shown, the account signs in with cp1, and the SDKs get tokens', async () => {
    const prompts: Array<{ userCode: string; verificationUri: string; message: string }> = [];
    const account = await session.signInWithDeviceCode((p) => prompts.push(p));
    assert.equal(prompts.length, 1);
    assert.match(prompts[0]!.userCode, /^[A-Z0-9-]+$/);
    assert.match(prompts[0]!.verificationUri, /^https:\/\/127\.0\.0\.1:\d+\//);
    assert.match(prompts[0]!.message, new RegExp(prompts[0]!.userCode));
    assert.equal(account.username, 'helpdesk@contoso.com');
    assert.equal(account.homeTenantId, DEMO.tenantId);
    assert.deepEqual(await session.currentAccount(), account);
    assert.deepEqual(jwtClaims(await session.armToken()).xms_cc, ['cp1'], 'CAE capability declared');
    const subs = await subscriptions();
    assert.ok(subs.some((s) => s.subscriptionId === DEMO.prodSubscriptionId));
  });

  test('a guest tenant gets its own token from the same sign-in', async () => {
    const token = await session.armToken(FABRIKAM.tenantId);
    assert.equal(jwtClaims(token).tid, FABRIKAM.tenantId);
    const subs = await subscriptions(FABRIKAM.tenantId);
    assert.deepEqual(
      subs.map((s) => s.subscriptionId),
      [FABRIKAM.subscriptionId],
    );
  });

  test('a CAE claims challenge on an SDK call: the bearer policy asks again with the claims, the call succeeds', async () => {
    await subscriptions(); // a token in the SDK's and MSAL's caches
    await simFetch(sim, '/_sim/calls', { method: 'DELETE' });
    await control(sim, '/cae', { user: 'helpdesk' });
    const subs = await subscriptions();
    assert.ok(subs.length >= 4);
    const calls = (await simFetch(sim, '/_sim/calls')).body as Array<{ path: string; status: number }>;
    const lists = calls.filter((c) => c.path === '/subscriptions').map((c) => c.status);
    assert.deepEqual(lists, [401, 200], 'challenged once, then retried with a token carrying the claims');
  });

  test('refresh after expiry: an expired access token is replaced silently from the refresh token', async () => {
    await control(sim, '/settings', { tokenLifetimeSeconds: 2 });
    try {
      await session.signInWithDeviceCode(() => {}); // tokens of the short lifetime from here on
      const first = await session.armToken();
      const exp = Number(jwtClaims(first).exp) * 1000;
      assert.ok(exp - Date.now() <= 3000, 'the short lifetime applies');
      await until('the first token to expire', () => (Date.now() > exp + 100 ? true : undefined), 10_000);
      assert.equal((await simFetch(sim, '/subscriptions?api-version=2022-12-01', { token: first })).status, 401);
      const second = await session.armToken();
      assert.notEqual(second, first);
      assert.equal((await simFetch(sim, '/subscriptions?api-version=2022-12-01', { token: second })).status, 200);
    } finally {
      await control(sim, '/settings', { tokenLifetimeSeconds: 3600 });
    }
  });

  test('a revoked refresh token: "sign in again", and a new sign-in works', async () => {
    await control(sim, '/settings', { tokenLifetimeSeconds: 1 });
    try {
      await session.signInWithDeviceCode(() => {});
      const first = await session.armToken();
      const exp = Number(jwtClaims(first).exp) * 1000;
      await control(sim, '/revoke', { user: 'helpdesk' });
      await until('the token to expire', () => (Date.now() > exp + 100 ? true : undefined), 10_000);
      await assert.rejects(session.armToken(), (err: unknown) => {
        assert.ok(err instanceof AppError, String(err));
        assert.equal(err.code, 'interaction-required');
        assert.match(err.message, /sign in again/);
        assert.match(err.azureCode ?? '', /^AADSTS\d+$/, "Entra's reason is kept");
        assert.match(err.fix ?? '', /^Sign in/);
        return true;
      });
    } finally {
      await control(sim, '/settings', { tokenLifetimeSeconds: 3600 });
    }
    await session.signInWithDeviceCode(() => {});
    assert.ok(await session.armToken());
  });

  test('sign-out removes the account and its tokens', async () => {
    const gone = await session.signOut();
    assert.equal(gone?.username, 'helpdesk@contoso.com');
    assert.equal(await session.currentAccount(), undefined);
    await assert.rejects(session.armToken(FABRIKAM.tenantId), /Not signed in/);
  });
});

describe('auth session: sign-in options', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startTestSim();
  });
  after(() => sim?.close());

  test('--tenant signs in at that tenant: a guest gets tokens there by default, home tenant unchanged', async () => {
    const session = await simSession(sim);
    const account = await session.signInWithDeviceCode(() => {}, { tenant: FABRIKAM.tenantId });
    assert.equal(account.tenantId, FABRIKAM.tenantId);
    assert.equal(account.homeTenantId, DEMO.tenantId);
    assert.equal(jwtClaims(await session.armToken()).tid, FABRIKAM.tenantId);
  });

  test('an abort signal stops a device-code sign-in that nobody approves', async () => {
    await control(sim, '/settings', { deviceCode: 'hold' });
    try {
      const session = await simSession(sim);
      const abort = new AbortController();
      await assert.rejects(
        session.signInWithDeviceCode(() => abort.abort(), { signal: abort.signal }),
        (err: unknown) => {
          assert.ok(err instanceof AppError);
          assert.equal(err.code, 'cancelled');
          return true;
        },
      );
      assert.equal(await session.currentAccount(), undefined);
    } finally {
      await control(sim, '/settings', { deviceCode: 'approve' });
    }
  });
});

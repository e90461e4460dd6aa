/**
 * Continuous access evaluation with MSAL Node and the ARM SDKs: a client that declares `cp1` gets CAE tokens;
 * after a critical event for the user (`POST /_sim/cae`) ARM answers those tokens with 401 and a claims challenge;
 * MSAL's silent flow with the challenge's claims gets a token ARM accepts. Tokens without cp1 are not challenged.
 * Also: MSAL polls a device code at the interval the simulator announces.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { PublicClientApplication, type AccountInfo, type AuthenticationResult } from '@azure/msal-node';
import type { Simulator } from '../../../electron/azure-sim/index';
import { caNetworkClient, jwtClaims, msalCredential, request } from '../../fixtures/msal';
import { control, simCa, simFetch, startTestSim } from '../../fixtures/sim';
import { collect, until } from '../../fixtures/wait';

/** The parameters of a `Bearer k="v", …` challenge. */
function challengeParams(header: string): Record<string, string> {
  assert.match(header, /^Bearer /);
  return Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

describe('continuous access evaluation', () => {
  let sim: Simulator;
  let ca: string;
  let caePca: PublicClientApplication;
  let plainPca: PublicClientApplication;
  let caeSignIn: AuthenticationResult;
  let plainSignIn: AuthenticationResult;

  const newPca = (capabilities?: string[]) =>
    new PublicClientApplication({
      auth: {
        clientId: sim.profile.clientId,
        authority: `${sim.profile.authorityHost}/${sim.profile.tenantId}`,
        knownAuthorities: [new URL(sim.baseUrl).host],
        ...(capabilities ? { clientCapabilities: capabilities } : {}),
      },
      system: { networkClient: caNetworkClient(ca) },
    });
  const scopes = () => [`${sim.baseUrl}/.default`];
  const armGet = (token: string) => simFetch(sim, '/subscriptions?api-version=2022-12-01', { token });

  before(async () => {
    sim = await startTestSim();
    ca = simCa(sim);
    caePca = newPca(['cp1']);
    plainPca = newPca();
    caeSignIn = (await caePca.acquireTokenByDeviceCode({ scopes: scopes(), deviceCodeCallback: () => {} }))!;
    plainSignIn = (await plainPca.acquireTokenByDeviceCode({ scopes: scopes(), deviceCodeCallback: () => {} }))!;
  });
  after(() => sim?.close());

  test('a critical event: cp1 tokens get 401 insufficient_claims; a claims refresh by MSAL gets a token ARM accepts', async () => {
    assert.deepEqual(jwtClaims(caeSignIn.accessToken).xms_cc, ['cp1'], 'MSAL sent cp1 as xms_cc in claims');
    assert.equal(jwtClaims(plainSignIn.accessToken).xms_cc, undefined);
    assert.equal((await armGet(caeSignIn.accessToken)).status, 200);

    await control(sim, '/cae', { user: 'helpdesk' });
    const challenged = await armGet(caeSignIn.accessToken);
    assert.equal(challenged.status, 401);
    const p = challengeParams(String(challenged.headers['www-authenticate']));
    assert.equal(p.error, 'insufficient_claims');
    assert.equal(p.authorization_uri, `${sim.profile.authorityHost}/common/oauth2/authorize`);
    const claims = Buffer.from(p.claims!, 'base64').toString('utf8');
    const demand = JSON.parse(claims) as { access_token: { nbf: { essential: boolean; value: string } } };
    assert.equal(demand.access_token.nbf.essential, true);
    assert.ok(Math.abs(Number(demand.access_token.nbf.value) - Date.now() / 1000) < 30, claims);
    assert.equal((challenged.body as { error: { code: string } }).error.code, 'InvalidAuthenticationToken');

    assert.equal((await armGet(plainSignIn.accessToken)).status, 200, 'a client without cp1 is not challenged');

    // The cached token is what MSAL would hand out without claims; with them it goes to the token endpoint.
    const account: AccountInfo = caeSignIn.account!;
    const cached = await caePca.acquireTokenSilent({ account, scopes: scopes() });
    assert.equal(cached.accessToken, caeSignIn.accessToken);
    const fresh = await caePca.acquireTokenSilent({ account, scopes: scopes(), claims });
    assert.notEqual(fresh.accessToken, caeSignIn.accessToken);
    assert.deepEqual(jwtClaims(fresh.accessToken).xms_cc, ['cp1'], 'capabilities merged with the challenge');
    assert.equal((await armGet(fresh.accessToken)).status, 200);
  });

  test('the ARM SDKs answer the challenge themselves: one getToken with the claims, then the call succeeds', async () => {
    const account = caeSignIn.account!;
    // Warm MSAL's cache with a token issued before the next event.
    const before = await caePca.acquireTokenSilent({ account, scopes: scopes(), forceRefresh: true });
    await control(sim, '/cae', { user: 'helpdesk' });
    assert.equal((await armGet(before.accessToken)).status, 401);
    const seen: string[] = [];
    const client = new SubscriptionClient(
      msalCredential(caePca, { account }, (c) => seen.push(c)),
      { endpoint: sim.baseUrl, credentialScopes: scopes(), tlsOptions: { ca } },
    );
    const subs = await collect(client.subscriptions.list());
    assert.equal(subs.length, 4, "helpdesk's four Contoso subscriptions");
    assert.equal(seen.length, 1, 'the SDK asked once for a token with the challenge’s claims');
    assert.match(seen[0]!, /"nbf"/);
  });

  test('MSAL polls a device code at the announced interval', async () => {
    await control(sim, '/settings', { deviceCode: 'hold', deviceCodeIntervalSeconds: 2 });
    // A pass-through "fault" on the token endpoint counts MSAL's polls (each one uses up one of its `times`).
    const TIMES = 1000;
    await control(sim, '/faults', { target: 'entra', pathIncludes: '/oauth2/v2.0/token', status: 200, times: TIMES });
    const polls = async () => {
      const f = (await control(sim, '/faults', undefined, 'GET')) as Array<{ times: number }>;
      return TIMES - (f[0]?.times ?? 0);
    };
    try {
      let shownAt = 0;
      let approval: Promise<unknown> | undefined;
      const r = await newPca().acquireTokenByDeviceCode({
        scopes: scopes(),
        deviceCodeCallback: (d) => {
          shownAt = Date.now();
          assert.equal(d.interval, 2);
          // The user approves right after MSAL's first poll; MSAL learns it at its next poll, 2 s after the first.
          approval = until('the first poll', async () => ((await polls()) >= 1 ? true : undefined)).then(() =>
            request(d.verificationUri, {
              method: 'POST',
              ca,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ otc: d.userCode, decision: 'approve' }).toString(),
            }),
          );
        },
      });
      const waited = Date.now() - shownAt;
      await approval;
      console.log(`# device code with interval 2 s: redeemed ${waited} ms after the code was shown`);
      assert.ok(r?.accessToken);
      assert.equal(await polls(), 2, 'one pending poll, then the redeeming one');
      assert.ok(waited >= 1900 && waited < 4000, `redeemed after ${waited} ms`);
      const bad = await simFetch(sim, '/_sim/settings', { method: 'POST', body: { deviceCodeIntervalSeconds: 0 } });
      assert.equal(bad.status, 400, 'the interval is at least 1 s');
    } finally {
      await control(sim, '/faults', undefined, 'DELETE');
      await control(sim, '/settings', { deviceCode: 'approve', deviceCodeIntervalSeconds: 1 });
    }
  });
});

// The simulated Entra ID against the real @azure/msal-node: auth code + PKCE through an HTTP "browser",
// device code, silent refresh, revocation, client credentials, and AAD-shaped errors. TLS is verified with the
// simulator's CA through MSAL's network client (never NODE_EXTRA_CA_CERTS, never verification off).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, createHash, randomBytes, verify, type JsonWebKey } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
} from '@azure/msal-node';
import { startSimulator, type Simulator } from '../../../electron/azure-sim/index';
import { SEEDED_SP } from '../../../electron/azure-sim/seeds/identities';
import { until } from '../../fixtures/wait';
import { caNetworkClient, request, type Reply } from '../../fixtures/msal';

const decodeEntities = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Parses the auto-submitting form of a form_post page. */
function parseForm(page: string): { action: string; fields: URLSearchParams } {
  const form = /<form method="post" action="([^"]*)">/.exec(page);
  assert.ok(form, `no auto-submitting form in: ${page.slice(0, 300)}`);
  const fields = new URLSearchParams();
  for (const m of page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    fields.append(decodeEntities(m[1]!), decodeEntities(m[2]!));
  return { action: decodeEntities(form[1]!), fields };
}

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('simulated Entra ID with MSAL Node', () => {
  let sim: Simulator;
  let ca: string;
  let arm: string;
  let authority: string;
  let pca: PublicClientApplication;
  let account: AccountInfo;
  let lastAuthorizePage: Reply | undefined;

  const newPca = () =>
    new PublicClientApplication({
      auth: { clientId: sim.profile.clientId, authority, knownAuthorities: [new URL(sim.baseUrl).host] },
      system: { networkClient: caNetworkClient(ca) },
    });
  const control = async (path: string, body: unknown) => {
    const r = await request(`${sim.profile.controlEndpoint}${path}`, {
      method: 'POST',
      ca,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.ok(r.status < 300, `control ${path}: ${r.status} ${r.text}`);
  };
  const armGet = (token: string) =>
    request(`${arm}/subscriptions?api-version=2022-12-01`, { ca, headers: { authorization: `Bearer ${token}` } });
  /** What a browser does with the authorize URL: load it, then run the auto-submitting form (POST to the loopback). */
  const openBrowser = async (url: string) => {
    const page = await request(url, { ca });
    lastAuthorizePage = page;
    assert.equal(page.status, 200, page.text);
    const { action, fields } = parseForm(page.text);
    const posted = await request(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
    });
    assert.equal(posted.status, 200, posted.text);
  };
  const signIn = () => pca.acquireTokenInteractive({ scopes: [`${arm}/.default`], openBrowser });

  before(async () => {
    sim = await startSimulator({
      port: 0,
      seed: 'demo',
      cacheDir: mkdtempSync(join(tmpdir(), 'entra-msal-')),
      log: () => {},
      // AAD's 5 s poll interval would make every device-code test wait; MSAL polls at whatever the response says.
      settings: { deviceCodeIntervalSeconds: 1 },
    });
    ca = readFileSync(sim.profile.caCertFile, 'utf8');
    arm = sim.profile.armEndpoint;
    authority = `${sim.profile.authorityHost}/${sim.profile.tenantId}`;
    pca = newPca();
  });
  after(async () => {
    await sim?.close();
  });

  test('auth code + PKCE: the form_post page signs helpdesk in, the token works at ARM, the id token verifies with the JWKS', async () => {
    const result = await signIn();
    account = result.account!;
    assert.equal(account.username, 'helpdesk@contoso.com');
    assert.equal(account.tenantId, sim.profile.tenantId);
    assert.equal(account.homeAccountId, `${account.localAccountId}.${sim.profile.tenantId}`);
    // The page is CSP-locked to a nonce'd script and a form-action of the loopback origin only.
    const csp = String(lastAuthorizePage?.headers['content-security-policy']);
    assert.match(csp, /script-src 'nonce-[^']+'/);
    assert.match(csp, /form-action http:\/\/localhost:\d+;/);
    assert.equal(lastAuthorizePage?.headers['x-frame-options'], 'DENY');
    const at = claims(result.accessToken);
    assert.equal(at.aud, arm);
    assert.equal(at.upn, 'helpdesk@contoso.com');
    assert.equal(at.typ_sim, 'access');
    const subs = await armGet(result.accessToken);
    assert.equal(subs.status, 200, subs.text);
    assert.ok((subs.json().value as unknown[]).length > 0, 'helpdesk sees subscriptions');
    // The id token is signed by the key the discovery document's jwks_uri publishes.
    const config = (await request(`${authority}/v2.0/.well-known/openid-configuration`, { ca })).json();
    const keys = (await request(String(config.jwks_uri), { ca })).json().keys as JsonWebKey[];
    const [h, p, s] = result.idToken.split('.') as [string, string, string];
    const key = createPublicKey({ key: keys[0]!, format: 'jwk' });
    assert.ok(verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url')), 'id token signature');
    assert.equal(claims(result.idToken).iss, config.issuer);
  });

  test('a doubled-slash scope (<arm>//.default) gets a token for <arm>/ that ARM accepts', async () => {
    const r = await pca.acquireTokenSilent({ account, scopes: [`${arm}//.default`] });
    assert.equal(claims(r.accessToken).aud, `${arm}/`);
    assert.equal((await armGet(r.accessToken)).status, 200);
  });

  test('silent: cached token first; with 2 s tokens it expires on real time and silent refreshes via the refresh token', async () => {
    const scopes = [`${arm}/.default`];
    const first = await pca.acquireTokenSilent({ account, scopes });
    const again = await pca.acquireTokenSilent({ account, scopes });
    assert.equal(again.fromCache, true);
    assert.equal(again.accessToken, first.accessToken);
    await control('/settings', { tokenLifetimeSeconds: 2 });
    try {
      const short = await pca.acquireTokenSilent({ account, scopes, forceRefresh: true });
      assert.equal(short.fromCache, false);
      const c = claims(short.accessToken);
      assert.equal(Number(c.exp) - Number(c.iat), 2);
      const t0 = Date.now();
      const expired = await until('ARM to reject the 2 s token', async () => {
        const r = await armGet(short.accessToken);
        return r.status === 401 ? r : undefined;
      });
      assert.match(expired.text, /ExpiredAuthenticationToken/);
      console.log(`# 2 s token rejected by ARM after ${Date.now() - t0} ms`);
      const renewed = await pca.acquireTokenSilent({ account, scopes });
      assert.equal(renewed.fromCache, false);
      assert.notEqual(renewed.accessToken, short.accessToken);
      assert.ok(Number(claims(renewed.accessToken).exp) > Number(c.exp));
      assert.equal((await armGet(renewed.accessToken)).status, 200);
    } finally {
      await control('/settings', { tokenLifetimeSeconds: 3600 });
    }
  });

  test('after /_sim/revoke, a refresh throws InteractionRequiredAuthError; signing in again works', async () => {
    await control('/revoke', { user: 'helpdesk' });
    await assert.rejects(
      pca.acquireTokenSilent({ account, scopes: [`${arm}/.default`], forceRefresh: true }),
      (e: unknown) => {
        assert.ok(e instanceof InteractionRequiredAuthError, `got ${String(e)}`);
        assert.equal(e.errorCode, 'invalid_grant');
        assert.equal(e.subError, 'bad_token');
        assert.match(e.errorMessage, /AADSTS50173/);
        return true;
      },
    );
    const again = await signIn();
    assert.equal(again.account?.username, 'helpdesk@contoso.com');
    const refreshed = await pca.acquireTokenSilent({
      account: again.account!,
      scopes: [`${arm}/.default`],
      forceRefresh: true,
    });
    assert.equal((await armGet(refreshed.accessToken)).status, 200);
  });

  test('device code: approved automatically about a second after issue', async () => {
    let issuedAt = 0;
    let userCode = '';
    let message = '';
    const started = Date.now();
    const r = await newPca().acquireTokenByDeviceCode({
      scopes: [`${arm}/.default`],
      deviceCodeCallback: (d) => {
        issuedAt = Date.now();
        userCode = d.userCode;
        message = d.message;
      },
    });
    const latency = Date.now() - issuedAt;
    console.log(`# device code: approved and redeemed ${latency} ms after issue (${Date.now() - started} ms in all)`);
    assert.match(userCode, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    assert.ok(message.includes(`${sim.baseUrl}/common/oauth2/deviceauth`) && message.includes(userCode), message);
    assert.ok(latency >= 900 && latency < 5000, `latency ${latency} ms`);
    assert.equal(r?.account?.username, 'helpdesk@contoso.com');
    assert.equal((await armGet(r!.accessToken)).status, 200);
  });

  test('device code: deny → authorization_declined; hold → pending until someone approves on the verification page', async () => {
    await control('/settings', { deviceCode: 'deny' });
    try {
      await assert.rejects(
        newPca().acquireTokenByDeviceCode({ scopes: [`${arm}/.default`], deviceCodeCallback: () => {} }),
        /authorization_declined/,
      );
      await control('/settings', { deviceCode: 'hold', signInAs: 'admin' });
      let approval: Promise<Reply> | undefined;
      let approvedAt = 0;
      const r = await newPca().acquireTokenByDeviceCode({
        scopes: [`${arm}/.default`],
        deviceCodeCallback: (d) => {
          // Approve only after 2.5 s, when an automatic decision would long have been made.
          approval = new Promise<void>((go) => setTimeout(go, 2500)).then(() => {
            approvedAt = Date.now();
            return request(d.verificationUri, {
              method: 'POST',
              ca,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ otc: d.userCode, decision: 'approve' }).toString(),
            });
          });
        },
      });
      const redeemedAt = Date.now();
      assert.ok(approval, 'device code callback ran');
      assert.match((await approval).text, /Signed in as admin/);
      assert.ok(approvedAt > 0 && redeemedAt >= approvedAt, 'redeemed only after the page approval');
      console.log(`# device code on hold: redeemed ${redeemedAt - approvedAt} ms after the page approval`);
      assert.equal(r?.account?.username, 'admin@contoso.com');
    } finally {
      await control('/settings', { deviceCode: 'approve', signInAs: 'helpdesk' });
    }
  });

  test('client credentials: the seeded service principal gets an app token ARM accepts; a wrong secret is invalid_client', async () => {
    const cca = (secret: string) =>
      new ConfidentialClientApplication({
        auth: {
          clientId: SEEDED_SP.appId,
          clientSecret: secret,
          authority,
          knownAuthorities: [new URL(sim.baseUrl).host],
        },
        system: { networkClient: caNetworkClient(ca) },
      });
    const r = (await cca(SEEDED_SP.secret).acquireTokenByClientCredential({
      scopes: [`${arm}/.default`],
    })) as AuthenticationResult;
    const c = claims(r.accessToken);
    assert.equal(c.idtyp, 'app');
    assert.equal(c.appid, SEEDED_SP.appId);
    assert.equal(c.upn, undefined);
    assert.equal((await armGet(r.accessToken)).status, 200);
    await assert.rejects(
      cca('wrong').acquireTokenByClientCredential({ scopes: [`${arm}/.default`] }),
      /invalid_client[\s\S]*AADSTS7000215/,
    );
  });

  test('malformed requests get AAD-shaped errors and the simulator keeps serving', async () => {
    const token = `${authority}/oauth2/v2.0/token`;
    const post = (url: string, form: Record<string, string>) =>
      request(url, {
        method: 'POST',
        ca,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
    const assertAad = (r: Reply, status: number, error: string, code: number) => {
      assert.equal(r.status, status, r.text);
      const j = r.json();
      assert.equal(j.error, error);
      assert.deepEqual(j.error_codes, [code]);
      assert.match(String(j.error_description), new RegExp(`^AADSTS${code}: `));
      for (const k of ['timestamp', 'trace_id', 'correlation_id']) assert.equal(typeof j[k], 'string', k);
    };
    assertAad(
      await post(token, { grant_type: 'magic', client_id: sim.profile.clientId }),
      400,
      'unsupported_grant_type',
      70003,
    );
    assertAad(await post(token, {}), 400, 'invalid_request', 900144);
    assertAad(
      await request(`${sim.baseUrl}/not-a-tenant/v2.0/.well-known/openid-configuration`, { ca }),
      400,
      'invalid_tenant',
      90002,
    );
    // A code redeemed with the wrong verifier is refused; the right one still works once; a replay is refused.
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirect = 'http://localhost:6123';
    const page = await request(
      `${authority}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: sim.profile.clientId, redirect_uri: redirect, response_type: 'code', response_mode: 'form_post', scope: `${arm}/.default openid offline_access`, state: 's1', code_challenge: challenge, code_challenge_method: 'S256' })}`,
      { ca },
    );
    const code = parseForm(page.text).fields.get('code')!;
    const redeem = (v: string) =>
      post(token, {
        grant_type: 'authorization_code',
        client_id: sim.profile.clientId,
        code,
        redirect_uri: redirect,
        code_verifier: v,
        scope: `${arm}/.default openid offline_access`,
      });
    assertAad(await redeem(randomBytes(32).toString('base64url')), 400, 'invalid_grant', 501481);
    assert.equal((await redeem(verifier)).status, 200);
    assertAad(await redeem(verifier), 400, 'invalid_grant', 54005);
    // MSAL against an unknown tenant fails cleanly (discovery answers 90002).
    const stranger = new PublicClientApplication({
      auth: {
        clientId: sim.profile.clientId,
        authority: `${sim.baseUrl}/nowhere.example`,
        knownAuthorities: [new URL(sim.baseUrl).host],
      },
      system: { networkClient: caNetworkClient(ca) },
    });
    await assert.rejects(
      stranger.acquireTokenByDeviceCode({ scopes: [`${arm}/.default`], deviceCodeCallback: () => {} }),
      { errorCode: 'endpoints_resolution_error' },
    );
    // An injected Entra fault answers 429 with Retry-After once, then the endpoint recovers.
    await control('/faults', {
      target: 'entra',
      pathIncludes: '/oauth2/v2.0/token',
      status: 429,
      retryAfterSeconds: 7,
    });
    const throttled = await post(token, { grant_type: 'magic', client_id: sim.profile.clientId });
    assertAad(throttled, 429, 'temporarily_unavailable', 90055);
    assert.equal(throttled.headers['retry-after'], '7');
    assertAad(
      await post(token, { grant_type: 'magic', client_id: sim.profile.clientId }),
      400,
      'unsupported_grant_type',
      70003,
    );
    assert.equal((await request(`${authority}/v2.0/.well-known/openid-configuration`, { ca })).status, 200);
  });

  test('refresh tokens are stateless: one issued before a restart with the same state dir still refreshes', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'entra-state-'));
    const tokenAt = async (s: Simulator, form: Record<string, string>) => {
      const r = await request(`${s.baseUrl}/organizations/oauth2/v2.0/token`, {
        method: 'POST',
        ca: readFileSync(s.profile.caCertFile, 'utf8'),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: s.profile.clientId,
          scope: `${s.baseUrl}/.default openid offline_access`,
          ...form,
        }).toString(),
      });
      assert.equal(r.status, 200, r.text);
      return r.json();
    };
    const first = await startSimulator({ port: 0, seed: 'demo', stateDir, log: () => {} });
    const rt = String(
      (
        await tokenAt(first, {
          grant_type: 'password',
          username: 'helpdesk@contoso.com',
          password: 'helpdesk-sim-password',
        })
      ).refresh_token,
    );
    await first.close();
    const second = await startSimulator({ port: 0, seed: 'demo', stateDir, log: () => {} });
    try {
      const renewed = await tokenAt(second, { grant_type: 'refresh_token', refresh_token: rt });
      assert.equal(claims(String(renewed.access_token)).upn, 'helpdesk@contoso.com');
    } finally {
      await second.close();
    }
  });
});

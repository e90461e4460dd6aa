// The Entra routes in process (no TLS): protocol edges that MSAL never sends but other clients (az, curl) may.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { SimContext } from '../../../../electron/azure-sim/context';
import { newSigningKey, signJwt } from '../../../../electron/azure-sim/crypto/jwt';
import { isLoopbackRedirect } from '../../../../electron/azure-sim/entra/authorize';
import { GRAPH_APP_ID, parseScope } from '../../../../electron/azure-sim/entra/tokens';
import { SEEDED_SP } from '../../../../electron/azure-sim/seeds/identities';
import { IN_PROCESS_BASE, inProcessEntra, tokenClaims, type InProcessEntra } from '../../../fixtures/entra-routes';

const BASE = IN_PROCESS_BASE;
const CLIENT = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
const ARM_SCOPE = `${BASE}/.default openid profile offline_access`;

let ctx: SimContext;
let call: InProcessEntra['call'];

const claims = tokenClaims;
const tenantId = () => ctx.estate.tenants[0]!.tenantId;
const password = (extra: Record<string, string> = {}) =>
  call('POST', `/${tenantId()}/oauth2/v2.0/token`, {
    grant_type: 'password',
    client_id: CLIENT,
    username: 'helpdesk@contoso.com',
    password: 'helpdesk-sim-password',
    scope: ARM_SCOPE,
    ...extra,
  });

beforeEach(() => {
  ({ ctx, call } = inProcessEntra());
});

describe('scopes and redirect URIs', () => {
  test('the audience is the scope minus its last segment, as given; OIDC-only means Graph; two resources are refused', () => {
    assert.equal(parseScope(`${BASE}/.default openid`).resource, BASE);
    assert.equal(parseScope(`${BASE}//.default`).resource, `${BASE}/`);
    assert.equal(parseScope(`${BASE}/user_impersonation offline_access`).resource, BASE);
    assert.equal(parseScope('openid profile offline_access').resource, GRAPH_APP_ID);
    assert.throws(() => parseScope(`${BASE}/.default https://graph.microsoft.com/User.Read`), { code: 28000 });
  });

  test('only loopback http redirect URIs are accepted', () => {
    for (const ok of ['http://localhost:5000', 'http://127.0.0.1:1/cb', 'http://localhost'])
      assert.ok(isLoopbackRedirect(ok), ok);
    for (const bad of [
      'https://localhost:5000',
      'http://localhost.evil.example:80',
      'http://10.0.0.1:80',
      'http://u:p@localhost:1',
      'urn:ietf:wg:oauth:2.0:oob',
      'nonsense',
    ]) {
      assert.ok(!isLoopbackRedirect(bad), bad);
    }
  });
});

describe('authorize', () => {
  const challenge = createHash('sha256').update('v'.repeat(43)).digest('base64url');
  const authorize = (p: Record<string, string>) =>
    call(
      'GET',
      `/organizations/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: CLIENT, redirect_uri: 'http://localhost:7000', response_type: 'code', scope: ARM_SCOPE, code_challenge: challenge, code_challenge_method: 'S256', ...p })}`,
    );

  test('a foreign redirect URI gets an error page, never a redirect', async () => {
    const r = await authorize({ redirect_uri: 'https://evil.example/cb' });
    assert.equal(r.status, 400);
    assert.equal(r.headers?.Location, undefined);
    assert.match(String(r.text), /AADSTS50011/);
    assert.doesNotMatch(String(r.text), /<form/);
  });

  test('query mode redirects with code and state; a missing PKCE challenge goes back as invalid_request', async () => {
    const ok = await authorize({ response_mode: 'query', state: 'st' });
    assert.equal(ok.status, 302);
    const loc = new URL(ok.headers!.Location!);
    assert.equal(loc.origin, 'http://localhost:7000');
    assert.ok(loc.searchParams.get('code'));
    assert.equal(loc.searchParams.get('state'), 'st');
    const bad = await authorize({ response_mode: 'query', state: 'st', code_challenge: '' });
    const err = new URL(bad.headers!.Location!).searchParams;
    assert.equal(err.get('error'), 'invalid_request');
    assert.equal(err.get('state'), 'st');
    assert.equal(err.get('code'), null);
  });

  test('form_post escapes what it echoes (state cannot break out of the attribute)', async () => {
    const r = await authorize({ response_mode: 'form_post', state: '"><script>alert(1)</script>' });
    assert.equal(r.status, 200);
    assert.doesNotMatch(String(r.text), /<script>alert/);
    assert.match(String(r.text), /value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
  });
});

describe('token endpoint', () => {
  test('password (ROPC) signs in with the simulated password and refuses a wrong one', async () => {
    const ok = await password();
    assert.equal(ok.status, 200);
    assert.equal(claims(ok.body.access_token).upn, 'helpdesk@contoso.com');
    const bad = await password({ password: 'nope' });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error_codes, [50126]);
  });

  test('refresh tokens: other key → 9002313, other client → 70000, issued before revocation → 50173 bad_token', async () => {
    const rt = String((await password()).body.refresh_token);
    const refresh = (token: string, clientId = CLIENT) =>
      call('POST', '/organizations/oauth2/v2.0/token', {
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: token,
        scope: ARM_SCOPE,
        claims: '{"access_token":{"xms_cc":{"values":["CP1"]}}}',
      });
    assert.equal((await refresh(rt)).status, 200);
    const forged = signJwt(newSigningKey(), claims(rt));
    assert.deepEqual((await refresh(forged)).body.error_codes, [9002313]);
    assert.deepEqual((await refresh(rt, '11111111-2222-3333-4444-555555555555')).body.error_codes, [70000]);
    ctx.revokedBefore.set(ctx.estate.findUser('helpdesk')!.oid, Date.now());
    const revoked = await refresh(rt);
    assert.equal(revoked.body.error, 'invalid_grant');
    assert.equal(revoked.body.suberror, 'bad_token');
    assert.deepEqual(revoked.body.error_codes, [50173]);
  });

  test('v1-style `resource` and a verified-domain authority work; `consumers` is an unknown tenant', async () => {
    const r = await call('POST', '/contoso.com/oauth2/token', {
      grant_type: 'password',
      client_id: CLIENT,
      username: 'admin@contoso.com',
      password: 'admin-sim-password',
      resource: `${BASE}/`,
    });
    assert.equal(r.status, 200);
    assert.equal(claims(r.body.access_token).aud, BASE);
    const config = await call('GET', '/contoso.com/v2.0/.well-known/openid-configuration');
    assert.equal(config.body.token_endpoint, `${BASE}/${tenantId()}/oauth2/v2.0/token`);
    assert.equal(
      (await call('GET', '/common/v2.0/.well-known/openid-configuration')).body.token_endpoint,
      `${BASE}/common/oauth2/v2.0/token`,
    );
    const c = await call('POST', '/consumers/oauth2/v2.0/token', { grant_type: 'password', client_id: CLIENT });
    assert.deepEqual(c.body.error_codes, [90002]);
  });

  test('client credentials need the secret and a /.default scope', async () => {
    const cc = (extra: Record<string, string>) =>
      call('POST', `/${tenantId()}/oauth2/v2.0/token`, {
        grant_type: 'client_credentials',
        client_id: SEEDED_SP.appId,
        client_secret: SEEDED_SP.secret,
        ...extra,
      });
    const ok = await cc({ scope: `${BASE}/.default` });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.refresh_token, undefined);
    assert.deepEqual((await cc({ scope: `${BASE}/user_impersonation` })).body.error_codes, [1002012]);
    const wrong = await cc({ scope: `${BASE}/.default`, client_secret: 'x' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error, 'invalid_client');
  });

  test('a fault with a success status only delays; with an error status it answers AAD-shaped with Retry-After', async () => {
    ctx.faults.add({ target: 'entra', pathIncludes: '/token', status: 200, times: 1, delayMs: 150 });
    const t0 = Date.now();
    assert.equal((await password()).status, 200);
    assert.ok(Date.now() - t0 >= 140, 'delayed');
    ctx.faults.add({ target: 'entra', method: 'POST', status: 503, times: 1, retryAfterSeconds: 2 });
    const r = await password();
    assert.equal(r.status, 503);
    assert.equal(r.headers?.['Retry-After'], '2');
    assert.equal(r.body.error, 'temporarily_unavailable');
  });
});

describe('device code and ADFS', () => {
  test('ADFS: discovery, device code with the RFC 8628 grant type, id token issuer equal to the discovery issuer', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    const config = await call('GET', '/adfs/.well-known/openid-configuration');
    assert.equal(config.body.token_endpoint, `${BASE}/adfs/oauth2/token`);
    const dc = await call('POST', '/adfs/oauth2/devicecode', { client_id: CLIENT, scope: ARM_SCOPE });
    assert.equal(dc.body.verification_uri, `${BASE}/adfs/oauth2/deviceauth`);
    const poll = () =>
      call('POST', '/adfs/oauth2/token', {
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        client_id: CLIENT,
        device_code: String(dc.body.device_code),
      });
    assert.equal((await poll()).body.error, 'authorization_pending');
    t.mock.timers.tick(1000);
    const ok = await poll();
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const id = claims(ok.body.id_token);
    assert.equal(id.iss, config.body.issuer);
    assert.equal(id.aud, CLIENT);
    assert.equal(id.tid, tenantId());
    assert.deepEqual((await poll()).body.error_codes, [54005]);
  });

  test('unknown device codes are bad_verification_code; held codes expire after 15 minutes', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    ctx.settings.deviceCode = 'hold';
    const bad = await call('POST', '/organizations/oauth2/v2.0/token', {
      grant_type: 'device_code',
      client_id: CLIENT,
      device_code: randomBytes(8).toString('hex'),
    });
    assert.equal(bad.body.error, 'bad_verification_code');
    const dc = await call('POST', '/organizations/oauth2/v2.0/devicecode', { client_id: CLIENT, scope: ARM_SCOPE });
    const poll = () =>
      call('POST', '/organizations/oauth2/v2.0/token', {
        grant_type: 'device_code',
        client_id: CLIENT,
        device_code: String(dc.body.device_code),
      });
    t.mock.timers.tick(60_000);
    assert.equal((await poll()).body.error, 'authorization_pending');
    t.mock.timers.tick(900_000);
    assert.equal((await poll()).body.error, 'expired_token');
  });

  test('the verification page refuses a cross-site POST and unknown codes', async () => {
    ctx.settings.deviceCode = 'hold';
    const dc = await call('POST', '/common/oauth2/v2.0/devicecode', { client_id: CLIENT, scope: ARM_SCOPE });
    const cross = await call(
      'POST',
      '/common/oauth2/deviceauth',
      { otc: String(dc.body.user_code), decision: 'approve' },
      { origin: 'https://evil.example' },
    );
    assert.equal(cross.status, 400);
    const unknown = await call('POST', '/common/oauth2/deviceauth', { otc: 'ZZZZ-ZZZZ', decision: 'approve' });
    assert.match(String(unknown.text), /not recognised/);
    const ok = await call(
      'POST',
      '/common/oauth2/deviceauth',
      { otc: String(dc.body.user_code).toLowerCase(), decision: 'approve' },
      { origin: BASE },
    );
    assert.match(String(ok.text), /Signed in as helpdesk/);
  });
});

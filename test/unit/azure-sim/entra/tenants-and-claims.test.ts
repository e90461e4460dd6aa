// Token requests across tenants and with a claims request, in process: who gets a token for which tenant, with
// which object id; `claims` client capabilities (cp1) and the device-code poll interval.
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import type { SimContext } from '../../../../electron/azure-sim/context';
import { DEMO } from '../../../../electron/azure-sim/seeds/demo';
import { FABRIKAM } from '../../../../electron/azure-sim/seeds/fabrikam';
import { IN_PROCESS_BASE, inProcessEntra, tokenClaims, type InProcessEntra } from '../../../fixtures/entra-routes';

const BASE = IN_PROCESS_BASE;
const CLIENT = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
const ARM_SCOPE = `${BASE}/.default openid profile offline_access`;

let ctx: SimContext;
let entra: InProcessEntra;

/** Every request here is a form POST. */
const call = (path: string, form: Record<string, string>) => entra.call('POST', path, form);
const claims = tokenClaims;
const password = (tenant: string, user: string, extra: Record<string, string> = {}) =>
  call(`/${tenant}/oauth2/v2.0/token`, {
    grant_type: 'password',
    client_id: CLIENT,
    username: `${user}@contoso.com`,
    password: `${user}-sim-password`,
    scope: ARM_SCOPE,
    ...extra,
  });

beforeEach(() => {
  entra = inProcessEntra();
  ctx = entra.ctx;
});

describe('tenants', () => {
  test('a guest gets a token for the inviting tenant with its guest object id; home tokens keep the home id', async () => {
    const helpdesk = ctx.estate.findUser('helpdesk')!;
    const home = claims((await password(DEMO.tenantId, 'helpdesk')).body.access_token);
    assert.deepEqual([home.tid, home.oid, home.upn], [DEMO.tenantId, helpdesk.oid, 'helpdesk@contoso.com']);
    // By tenant id or by verified domain.
    for (const segment of [FABRIKAM.tenantId, FABRIKAM.domain]) {
      const r = await password(segment, 'helpdesk');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const c = claims(r.body.access_token);
      assert.equal(c.tid, FABRIKAM.tenantId);
      assert.equal(c.oid, helpdesk.guestOf![0]!.oid);
      assert.notEqual(c.oid, helpdesk.oid);
      assert.equal(c.upn, undefined, 'guest tokens carry idp and unique_name, not upn');
      assert.equal(c.idp, `${BASE}/${DEMO.tenantId}/`);
      assert.equal(claims(r.body.id_token).tid, FABRIKAM.tenantId);
      // client_info names the home account, as AAD's does: MSAL keys the account by it.
      const info = JSON.parse(Buffer.from(String(r.body.client_info), 'base64url').toString('utf8'));
      assert.deepEqual(info, { uid: helpdesk.oid, utid: DEMO.tenantId });
    }
  });

  test('the browser sign-in at a tenant the signed-in user is not in redirects back with AADSTS50020', async () => {
    const authorize = () =>
      call(`/${FABRIKAM.tenantId}/oauth2/v2.0/authorize`, {
        client_id: CLIENT,
        redirect_uri: 'http://localhost:8400/',
        response_type: 'code',
        scope: ARM_SCOPE,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
        state: 's1',
      });
    const guest = new URL(String((await authorize()).headers?.Location));
    assert.ok(guest.searchParams.get('code'), 'the guest gets a code');
    ctx.settings.signInAs = 'colleague';
    const stranger = new URL(String((await authorize()).headers?.Location));
    assert.equal(stranger.searchParams.get('error_codes'), '50020');
    assert.equal(stranger.searchParams.get('state'), 's1');
  });

  test('a user who is not a member or guest of the tenant gets AADSTS50020 (invalid_grant)', async () => {
    const r = await password(FABRIKAM.tenantId, 'colleague');
    assert.equal(r.status, 400);
    assert.equal(r.body.error, 'invalid_grant');
    assert.deepEqual(r.body.error_codes, [50020]);
    assert.match(String(r.body.error_description), /^AADSTS50020: User account 'colleague@contoso\.com' .*'Fabrikam'/);
  });
});

describe('claims requests', () => {
  test('cp1 in claims (MSAL Node cp1, MSAL Python CP1) puts xms_cc in the access token; none without it', async () => {
    for (const cap of ['cp1', 'CP1']) {
      const r = await password(DEMO.tenantId, 'helpdesk', {
        claims: JSON.stringify({ access_token: { xms_cc: { values: [cap] } } }),
      });
      assert.deepEqual(claims(r.body.access_token).xms_cc, ['cp1']);
    }
    const merged = await password(DEMO.tenantId, 'helpdesk', {
      claims: JSON.stringify({
        access_token: { nbf: { essential: true, value: '1700000000' }, xms_cc: { values: ['cp1'] } },
      }),
    });
    assert.deepEqual(claims(merged.body.access_token).xms_cc, ['cp1']);
    assert.equal(claims((await password(DEMO.tenantId, 'helpdesk')).body.access_token).xms_cc, undefined);
  });

  test('a claims parameter that is not JSON is AADSTS90100', async () => {
    const r = await password(DEMO.tenantId, 'helpdesk', { claims: '{nope' });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body.error_codes, [90100]);
  });
});

describe('device-code interval', () => {
  test("the device-code answer announces AAD's 5 s poll interval unless the setting shortens it", async () => {
    const dc = () => call('/organizations/oauth2/v2.0/devicecode', { client_id: CLIENT, scope: ARM_SCOPE });
    assert.equal((await dc()).body.interval, 5);
    ctx.settings.deviceCodeIntervalSeconds = 1;
    assert.equal((await dc()).body.interval, 1);
  });
});

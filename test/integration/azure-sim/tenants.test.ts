/**
 * Several tenants: helpdesk@contoso.com is a guest in Fabrikam. MSAL gets a Fabrikam token from the Contoso
 * sign-in's refresh token (silent, with Fabrikam's authority) or by a device code at Fabrikam's authority; a user
 * who is not a guest there gets AADSTS50020; ARM lists both tenants, answers a token of the wrong tenant with
 * 401 InvalidAuthenticationTokenTenant naming the authority, and serves Fabrikam's subscription to a Fabrikam token.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ComputeManagementClient } from '@azure/arm-compute';
import { SecurityCenter } from '@azure/arm-security';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { TokenCredential } from '@azure/core-auth';
import { PublicClientApplication, type AccountInfo } from '@azure/msal-node';
import type { Simulator } from '../../../electron/azure-sim/index';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import { FABRIKAM } from '../../../electron/azure-sim/seeds/fabrikam';
import { caNetworkClient, inTenant, jwtClaims, msalCredential, request } from '../../fixtures/msal';
import { control, simCa, simFetch, startTestSim } from '../../fixtures/sim';
import { collect } from '../../fixtures/wait';

describe('a guest in a second tenant', () => {
  let sim: Simulator;
  let ca: string;
  let host: string;
  let contosoAuthority: string;
  let fabrikamAuthority: string;
  let pca: PublicClientApplication;
  let account: AccountInfo;
  let contosoToken: string;

  const newPca = (authority: string) =>
    new PublicClientApplication({
      auth: { clientId: sim.profile.clientId, authority, knownAuthorities: [new URL(sim.baseUrl).host] },
      system: { networkClient: caNetworkClient(ca) },
    });
  const armScope = () => [`${sim.baseUrl}/.default`];
  const sdkOptions = () => ({ endpoint: sim.baseUrl, credentialScopes: armScope(), tlsOptions: { ca } });
  const deviceCodeSignIn = (client: PublicClientApplication) =>
    client.acquireTokenByDeviceCode({ scopes: armScope(), deviceCodeCallback: () => {} });

  before(async () => {
    sim = await startTestSim();
    ca = simCa(sim);
    host = sim.profile.authorityHost;
    contosoAuthority = `${host}/${DEMO.tenantId}`;
    fabrikamAuthority = `${host}/${FABRIKAM.tenantId}`;
    pca = newPca(contosoAuthority);
    const r = await deviceCodeSignIn(pca);
    account = r!.account!;
    contosoToken = r!.accessToken;
  });
  after(() => sim?.close());

  test('GET /tenants lists the home tenant and the guest tenant with the fields ARM returns', async () => {
    const client = new SubscriptionClient(msalCredential(pca, { account }), sdkOptions());
    const tenants = await collect(client.tenants.list());
    assert.deepEqual(
      tenants.map((t) => t.tenantId),
      [DEMO.tenantId, FABRIKAM.tenantId],
    );
    const fab = tenants[1]!;
    assert.equal(fab.id, `/tenants/${FABRIKAM.tenantId}`);
    assert.equal(fab.displayName, 'Fabrikam');
    assert.equal(fab.defaultDomain, 'fabrikam.com');
    assert.equal(fab.tenantCategory, 'Home');
    assert.equal(fab.countryCode, 'GB');
    assert.ok(fab.domains?.includes('fabrikam.com'));
    // With a Contoso token, only Contoso's subscriptions.
    assert.deepEqual((await collect(client.subscriptions.list())).map((s) => s.displayName).sort(), [
      'Contoso Connectivity',
      'Contoso Dev',
      'Contoso Finance',
      'Contoso Production',
    ]);
  });

  test("a Contoso token on Fabrikam's subscription: 401 InvalidAuthenticationTokenTenant naming Fabrikam's authority", async () => {
    const path = `/subscriptions/${FABRIKAM.subscriptionId}/providers/Microsoft.Compute/virtualMachines?api-version=2024-07-01`;
    const r = await simFetch(sim, path, { token: contosoToken });
    assert.equal(r.status, 401);
    const err = (r.body as { error: { code: string; message: string } }).error;
    assert.equal(err.code, 'InvalidAuthenticationTokenTenant');
    assert.ok(err.message.includes(`Please use the authority (URL) '${fabrikamAuthority}' to get the token`));
    assert.ok(err.message.includes(`wrong issuer '${host}/${DEMO.tenantId}/'`), err.message);
    assert.match(
      String(r.headers['www-authenticate']),
      new RegExp(`^Bearer authorization_uri="${fabrikamAuthority.replace(/[.]/g, '\\.')}", error="invalid_token"`),
    );
    // The SDK surfaces the same 401.
    const compute = new ComputeManagementClient(msalCredential(pca, { account }), FABRIKAM.subscriptionId, {
      endpoint: sim.baseUrl,
      credentials: { scopes: armScope() },
      tlsOptions: { ca },
    });
    await assert.rejects(
      collect(compute.virtualMachines.listAll()),
      (e: { statusCode?: number; code?: string }) =>
        e.statusCode === 401 && e.code === 'InvalidAuthenticationTokenTenant',
    );
  });

  test("MSAL's silent flow with Fabrikam's authority redeems the refresh token there: a guest token ARM accepts", async () => {
    const fabrikam = inTenant(account, host, FABRIKAM.tenantId);
    const r = await pca.acquireTokenSilent({ ...fabrikam, scopes: armScope() });
    const c = jwtClaims(r.accessToken);
    assert.equal(c.tid, FABRIKAM.tenantId);
    assert.notEqual(c.oid, account.localAccountId, 'a guest is its own object in the resource tenant');
    assert.equal(c.idp, `${host}/${DEMO.tenantId}/`);
    const credential: TokenCredential = msalCredential(pca, fabrikam);
    const subs = new SubscriptionClient(credential, sdkOptions());
    assert.deepEqual(
      (await collect(subs.subscriptions.list())).map((s) => s.displayName),
      ['Fabrikam Operations'],
    );
    assert.equal((await collect(subs.tenants.list())).length, 2);
    const compute = new ComputeManagementClient(credential, FABRIKAM.subscriptionId, {
      endpoint: sim.baseUrl,
      credentials: { scopes: armScope() },
      tlsOptions: { ca },
    });
    assert.deepEqual(
      (await collect(compute.virtualMachines.listAll())).map((v) => v.name),
      [FABRIKAM.vmName],
    );
    const security = new SecurityCenter(credential, FABRIKAM.subscriptionId, sdkOptions());
    const [policy] = await collect(security.jitNetworkAccessPolicies.list());
    assert.equal(policy?.requests?.[0]?.requestor, 'helpdesk@contoso.com');
    const vm = policy!.virtualMachines[0]!;
    const answer = await security.jitNetworkAccessPolicies.initiate('rg-fabrikam-ops', FABRIKAM.location, 'default', {
      virtualMachines: [
        {
          id: vm.id,
          ports: [
            { number: 3389, endTimeUtc: new Date(Date.now() + 3600_000), allowedSourceAddressPrefix: '203.0.113.7' },
          ],
        },
      ],
    });
    // The 202 leaves requestor empty, as the live service does; the policy's requests name the guest.
    assert.equal(answer.requestor, '');
    const after = await security.jitNetworkAccessPolicies.get('rg-fabrikam-ops', FABRIKAM.location, 'default');
    assert.equal(after.requests?.at(-1)?.requestor, 'helpdesk@contoso.com');
  });

  test("MSAL's acquireTokenByRefreshToken against Fabrikam's authority works for the guest", async () => {
    const cache = JSON.parse(pca.getTokenCache().serialize()) as { RefreshToken: Record<string, { secret: string }> };
    const refreshToken = Object.values(cache.RefreshToken)[0]!.secret;
    const r = await newPca(fabrikamAuthority).acquireTokenByRefreshToken({ refreshToken, scopes: armScope() });
    assert.equal(jwtClaims(r!.accessToken).tid, FABRIKAM.tenantId);
  });

  test('device code at Fabrikam: the guest signs in; a Contoso user who is not a guest gets AADSTS50020', async () => {
    const guest = await deviceCodeSignIn(newPca(fabrikamAuthority));
    assert.equal(jwtClaims(guest!.accessToken).tid, FABRIKAM.tenantId);

    await control(sim, '/settings', { signInAs: 'colleague' });
    try {
      const colleaguePca = newPca(contosoAuthority);
      const home = await deviceCodeSignIn(colleaguePca);
      assert.equal(jwtClaims(home!.accessToken).tid, DEMO.tenantId);
      await assert.rejects(
        colleaguePca.acquireTokenSilent({ ...inTenant(home!.account!, host, FABRIKAM.tenantId), scopes: armScope() }),
        /AADSTS50020: User account 'colleague@contoso\.com' from identity provider .* does not exist in tenant 'Fabrikam'/,
      );
      await assert.rejects(deviceCodeSignIn(newPca(fabrikamAuthority)), /invalid_grant|50020/);
      // The raw answer, as AAD shapes it.
      const cache = JSON.parse(colleaguePca.getTokenCache().serialize()) as {
        RefreshToken: Record<string, { secret: string }>;
      };
      const raw = await request(`${fabrikamAuthority}/oauth2/v2.0/token`, {
        method: 'POST',
        ca,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: sim.profile.clientId,
          refresh_token: Object.values(cache.RefreshToken)[0]!.secret,
          scope: `${sim.baseUrl}/.default offline_access openid`,
        }).toString(),
      });
      assert.equal(raw.status, 400);
      assert.equal(raw.json().error, 'invalid_grant');
      assert.deepEqual(raw.json().error_codes, [50020]);
    } finally {
      await control(sim, '/settings', { signInAs: 'helpdesk' });
    }
  });
});

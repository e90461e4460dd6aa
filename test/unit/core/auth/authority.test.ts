/** Authorities per cloud: Microsoft's hosts need no knownAuthorities; any other host (ADFS, the simulator) does. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { knownAuthorities, signInTenant, tenantAuthority } from '../../../../electron/core/auth/authority';
import { BUILT_IN_CLOUDS } from '../../../../shared/cloud/cloud-profile';

const custom = {
  profile: {
    name: 'Sim',
    armEndpoint: 'https://127.0.0.1:8443',
    authorityHost: 'https://127.0.0.1:8443/',
    tenantId: 'contoso-tenant',
  },
};

test('the built-in clouds use MSAL-known hosts', () => {
  for (const profile of Object.values(BUILT_IN_CLOUDS)) assert.deepEqual(knownAuthorities({ profile }), []);
});

test('a profile host is named with its port, and its tenant is the default sign-in tenant', () => {
  assert.deepEqual(knownAuthorities(custom), ['127.0.0.1:8443']);
  assert.equal(signInTenant(custom), 'contoso-tenant');
  assert.equal(signInTenant(custom, 'fabrikam'), 'fabrikam', '--tenant wins');
  assert.equal(tenantAuthority(custom, 'fabrikam'), 'https://127.0.0.1:8443/fabrikam');
  assert.equal(signInTenant({ profile: BUILT_IN_CLOUDS.AzureCloud! }), 'organizations');
});

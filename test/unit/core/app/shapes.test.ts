/** The views pick the contract's fields only: what core adds to its types (offsets, policy ids, MSAL ids) stays home. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountView, grantView, historyView } from '../../../../electron/core/app/shapes';
import { REQUESTS } from '../../../../shared/ipc/contract';
import { GrantSchema } from '../../../../shared/ipc/schemas';

const grant = {
  vmId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm',
  vmName: 'vm',
  port: 3389,
  source: '10.13.1.0/24',
  dialAddress: '10.1.0.4:3389',
  startTimeUtc: '2026-01-01T10:00:00.000Z',
  endTimeUtc: '2026-01-01T13:00:00.000Z',
  requestor: 'helpdesk@contoso.com',
};

test('grantView drops the stored grant extras and fits the strict GrantSchema', () => {
  const stored = {
    ...grant,
    azureOffsetMs: 12,
    policyId: '/subscriptions/s/…/default',
    tenantId: 't',
    remainingSeconds: 5,
  };
  const v = grantView(stored);
  assert.deepEqual(v, grant);
  GrantSchema.parse(v);
});

test('accountView keeps the username, name and tenant, not the MSAL ids', () => {
  const v = accountView({ username: 'u@c.com', name: 'U', tenantId: 't', homeTenantId: 'h', id: 'oid.h' });
  assert.deepEqual(v, { username: 'u@c.com', name: 'U', tenantId: 't' });
  REQUESTS['session:signIn'].result.parse(v);
});

test('historyView leaves absent fields absent and fits the history schema', () => {
  const v = historyView({
    at: '2026-01-01T10:00:00.000Z',
    kind: 'request',
    vmId: grant.vmId,
    vmName: 'vm',
    port: 3389,
    outcome: 'granted',
    activityLog: 'https://portal.azure.com/#x',
    extra: 'not in the contract',
  } as never);
  assert.equal('source' in v, false);
  REQUESTS['grants:history'].result.parse([v]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES, roleAllows } from '../../../../electron/azure-sim/model/identity';

const INITIATE = 'Microsoft.Security/locations/jitNetworkAccessPolicies/initiate/action';

test("Microsoft's API-only least-privilege JIT role can initiate but read neither VMs nor NSGs", () => {
  const role = ROLES['JIT Least Privileged (API)']!;
  assert.ok(roleAllows(role, INITIATE));
  assert.ok(roleAllows(role, 'Microsoft.Security/locations/jitNetworkAccessPolicies/read'));
  assert.ok(roleAllows(role, 'Microsoft.Network/publicIPAddresses/read'));
  assert.ok(!roleAllows(role, 'Microsoft.Compute/virtualMachines/read'));
  assert.ok(!roleAllows(role, 'Microsoft.Network/networkSecurityGroups/read'));
});

test('Reader reads everything and writes nothing; wildcards match across segments', () => {
  const reader = ROLES.Reader!;
  assert.ok(roleAllows(reader, 'Microsoft.Network/networkSecurityGroups/securityRules/read'));
  assert.ok(!roleAllows(reader, INITIATE));
  assert.ok(!roleAllows(reader, 'Microsoft.Security/locations/jitNetworkAccessPolicies/write'));
  assert.ok(roleAllows(ROLES.Owner!, 'Microsoft.Security/locations/jitNetworkAccessPolicies/write'));
});

test('action matching is case-insensitive, as in Azure RBAC', () => {
  assert.ok(roleAllows(ROLES['JIT Network Access Requester']!, INITIATE.toLowerCase()));
});

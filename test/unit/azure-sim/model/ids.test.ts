import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idKey, isUnderScope, parseResourceId, typeOf } from '../../../../electron/azure-sim/model/ids';

test('parses a nested resource id into its parts', () => {
  const p = parseResourceId(
    '/subscriptions/S1/resourceGroups/rg-Net/providers/Microsoft.Network/networkSecurityGroups/nsg1/securityRules/r1',
  );
  assert.ok(p);
  assert.equal(p.subscriptionId, 'S1');
  assert.equal(p.resourceGroup, 'rg-Net');
  assert.equal(typeOf(p), 'Microsoft.Network/networkSecurityGroups/securityRules');
  assert.deepEqual(p.names, ['nsg1', 'r1']);
});

test('rejects paths that are not resource ids', () => {
  assert.equal(parseResourceId('/tenants'), undefined);
  assert.equal(parseResourceId('/subscriptions/S1/resourceGroups'), undefined);
  assert.equal(parseResourceId('/subscriptions/S1/providers/Microsoft.Compute/virtualMachines'), undefined);
});

test('ids compare case-insensitively and scopes nest by whole segments', () => {
  assert.equal(idKey('/subscriptions/ABC/'), '/subscriptions/abc');
  assert.ok(isUnderScope('/subscriptions/s1/resourceGroups/RG/providers/x/y/z', '/subscriptions/S1/resourcegroups/rg'));
  assert.ok(!isUnderScope('/subscriptions/s1/resourceGroups/rg2', '/subscriptions/s1/resourceGroups/rg'));
  assert.ok(isUnderScope('/subscriptions/s1', '/subscriptions/s1'));
});

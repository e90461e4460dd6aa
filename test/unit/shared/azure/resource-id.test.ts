import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdMap, idKey, parseResourceId, sameId } from '../../../../shared/azure/resource-id';

const COMPUTE = '/subscriptions/S1/resourceGroups/RG-SERVERS/providers/Microsoft.Compute/virtualMachines/VM-FS01';
const NETWORK = '/subscriptions/s1/resourcegroups/rg-servers/providers/microsoft.compute/virtualmachines/vm-fs01';

test('the same resource in two providers’ spellings is the same id', () => {
  assert.notEqual(COMPUTE, NETWORK);
  assert.ok(sameId(COMPUTE, NETWORK));
  assert.ok(sameId(`${COMPUTE}/`, NETWORK));
  assert.equal(idKey(COMPUTE), idKey(NETWORK));
  assert.ok(!sameId(COMPUTE, `${NETWORK}2`));
  assert.ok(!sameId(COMPUTE, undefined));
});

test('IdMap finds a resource by any spelling of its id', () => {
  const m = new IdMap<number>().set(COMPUTE, 1);
  assert.equal(m.get(NETWORK), 1);
  assert.ok(m.has(NETWORK.toUpperCase()));
  assert.equal(m.get(undefined), undefined);
  assert.equal(m.size, 1);
});

test('parses ids into their parts, keeping the given case', () => {
  assert.deepEqual(parseResourceId(COMPUTE), {
    subscriptionId: 'S1',
    resourceGroup: 'RG-SERVERS',
    provider: 'Microsoft.Compute',
    type: 'virtualMachines',
    name: 'VM-FS01',
    names: ['VM-FS01'],
  });
  const subnet = parseResourceId(
    '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-a',
  );
  assert.equal(subnet?.type, 'virtualNetworks/subnets');
  assert.deepEqual(subnet?.names, ['vnet-hub', 'snet-a']);
  assert.equal(parseResourceId('/subscriptions/s')?.subscriptionId, 's');
  assert.equal(parseResourceId('/subscriptions/s/resourceGroups/rg')?.resourceGroup, 'rg');
  for (const bad of ['', '/tenants/x', '/subscriptions', '/subscriptions/s/resourceGroups', '/subscriptions/s/x/y'])
    assert.equal(parseResourceId(bad), undefined, bad);
});

/**
 * Role assignments at resource-group scope: rgreader has Reader and JIT requester on rg-servers only. ARM answers
 * a subscription-wide list with just what the caller may read (200, not 403), and 403 only when the caller has the
 * action nowhere in the subscription.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComputeManagementClient } from '@azure/arm-compute';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { SecurityCenter } from '@azure/arm-security';
import type { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { Simulator } from '../../../electron/azure-sim/index';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import { sdkClients } from '../../fixtures/sdk';
import { mintArmToken, simFetch, startTestSim } from '../../fixtures/sim';
import { collect } from '../../fixtures/wait';

const inServers = (id: string | undefined) => /\/resourcegroups\/rg-servers\//i.test(id ?? '');

describe('a user with roles on one resource group', () => {
  let sim: Simulator;
  let compute: ComputeManagementClient;
  let network: NetworkManagementClient;
  let security: SecurityCenter;
  let subscriptions: SubscriptionClient;

  before(async () => {
    sim = await startTestSim();
    ({ compute, network, security, subscriptions } = sdkClients(sim, 'rgreader'));
  });
  after(() => sim?.close());

  test('the subscription is listed (a role below it is enough)', async () => {
    assert.deepEqual(
      (await collect(subscriptions.subscriptions.list())).map((s) => s.displayName),
      ['Contoso Production'],
    );
  });

  test('subscription-wide lists answer 200 with only rg-servers’ resources', async () => {
    const vms = await collect(compute.virtualMachines.listAll());
    assert.deepEqual(vms.map((v) => v.name).sort(), [
      'VM-FS01',
      'vm-build01',
      'vm-dc01',
      'vm-legacy01',
      'vm-sql01',
      'vm-test01',
      'vm-web01',
    ]);
    assert.ok(vms.every((v) => inServers(v.id)));
    const status = await collect(compute.virtualMachines.listAll({ statusOnly: 'true' }));
    assert.equal(status.length, 7, 'the power-state listing is filtered too');
    assert.equal((await collect(compute.virtualMachines.listByLocation(DEMO.location))).length, 7);

    const nics = await collect(network.networkInterfaces.listAll());
    assert.equal(nics.length, 7);
    assert.ok(
      nics.every((n) => inServers(n.id)),
      'not vm-app01-nic in rg-app',
    );
    const nsgs = await collect(network.networkSecurityGroups.listAll());
    assert.ok(nsgs.length > 0 && nsgs.every((n) => inServers(n.id)), 'not the subnet NSGs of rg-network');
    assert.deepEqual(
      (await collect(network.publicIPAddresses.listAll())).map((p) => p.name),
      ['pip-vm-web01'],
    );
    assert.deepEqual(await collect(network.virtualNetworks.listAll()), [], 'no VNet in rg-servers: an empty 200');

    const policies = await collect(security.jitNetworkAccessPolicies.list());
    assert.deepEqual(
      policies.map((p) => inServers(p.id)),
      [true],
    );
    assert.equal((await collect(security.jitNetworkAccessPolicies.listByRegion(DEMO.location))).length, 1);

    const groups = await simFetch(
      sim,
      `/subscriptions/${DEMO.prodSubscriptionId}/resourcegroups?api-version=2022-12-01`,
      {
        token: mintArmToken(sim, 'rgreader'),
      },
    );
    assert.equal(groups.status, 200);
    assert.deepEqual(
      (groups.body as { value: Array<{ name: string }> }).value.map((g) => g.name),
      ['rg-servers'],
    );
  });

  test('other resource groups stay closed: their lists and resources are 403', async () => {
    await assert.rejects(
      collect(compute.virtualMachines.list('rg-app')),
      (e: { statusCode?: number }) => e.statusCode === 403,
    );
    await assert.rejects(
      network.virtualNetworks.get('rg-network', 'vnet-hub'),
      (e: { statusCode?: number; code?: string }) => e.statusCode === 403 && e.code === 'AuthorizationFailed',
    );
  });

  test('403 only with no access at all in the subscription', async () => {
    // rgreader has nothing in Finance.
    const finance = await simFetch(
      sim,
      `/subscriptions/${DEMO.financeSubscriptionId}/providers/Microsoft.Compute/virtualMachines?api-version=2024-07-01`,
      { token: mintArmToken(sim, 'rgreader') },
    );
    assert.equal(finance.status, 403);
    assert.equal((finance.body as { error: { code: string } }).error.code, 'AuthorizationFailed');
    // jitonly holds no NIC read anywhere: still 403 for the subscription-wide NIC list.
    const nics = await simFetch(
      sim,
      `/subscriptions/${DEMO.prodSubscriptionId}/providers/Microsoft.Network/networkInterfaces?api-version=2024-05-01`,
      { token: mintArmToken(sim, 'jitonly') },
    );
    assert.equal(nics.status, 403);
  });

  test('the resource-group role covers JIT initiate there', async () => {
    const [policy] = await collect(security.jitNetworkAccessPolicies.list());
    const web01 = policy!.virtualMachines.find((v) => /vm-web01$/i.test(v.id))!;
    const answer = await security.jitNetworkAccessPolicies.initiate('rg-servers', DEMO.location, 'default', {
      virtualMachines: [
        {
          id: web01.id,
          ports: [
            {
              number: 22,
              endTimeUtc: new Date(sim.ctx.clock.nowMs() + 3600_000),
              allowedSourceAddressPrefix: '203.0.113.7',
            },
          ],
        },
      ],
    });
    // The 202 leaves requestor empty, as the live service does; the policy's requests name the caller.
    assert.equal(answer.requestor, '');
    const after = await security.jitNetworkAccessPolicies.get('rg-servers', DEMO.location, 'default');
    assert.equal(after.requests?.at(-1)?.requestor, 'rgreader@contoso.com');
  });
});

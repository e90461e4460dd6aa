/**
 * Defender for Cloud plans (`Microsoft.Security/pricings`) through `@azure/arm-security` and raw HTTPS, and what they
 * mean for JIT: the demo's Contoso Dev subscription is on Defender for Servers Plan 1, so JIT policy writes and
 * initiates there are refused with an error that says why, while helpdesk can still read the subscription.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../electron/azure-sim/index';
import { API_VERSIONS } from '../../../electron/azure-sim/arm/api-versions';
import { PLAN_REQUIRED_CODE } from '../../../electron/azure-sim/jit/plan';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import { recordUrls, sdkClients } from '../../fixtures/sdk';
import { mintArmToken, simFetch, startTestSim } from '../../fixtures/sim';
import { collect } from '../../fixtures/wait';

const DEV = DEMO.devSubscriptionId;
const PROD = DEMO.prodSubscriptionId;
const pricings = (sub: string) => `/subscriptions/${sub}/providers/Microsoft.Security/pricings`;
const devPolicy = `/subscriptions/${DEV}/resourceGroups/rg-dev/providers/Microsoft.Security/locations/${DEMO.location}/jitNetworkAccessPolicies/default`;
const devVm = `/subscriptions/${DEV}/resourceGroups/rg-dev/providers/Microsoft.Compute/virtualMachines/vm-dev01`;

interface Pricing {
  id: string;
  name: string;
  type: string;
  properties: Record<string, unknown>;
}

describe('Defender for Servers plans', () => {
  let sim: Simulator;
  const sent: URL[] = [];
  const client = (handle: string, sub: string) => {
    return recordUrls(sdkClients(sim, handle, sub).security, sent);
  };
  const get = (path: string, handle = 'helpdesk') => simFetch(sim, path, { token: mintArmToken(sim, handle) });

  before(async () => {
    sim = await startTestSim();
  });
  after(() => sim?.close());

  test('SecurityCenter.pricings reads the VirtualMachines plan: Plan 2 in Production, Plan 1 in Dev', async () => {
    const prod = client('helpdesk', PROD);
    const list = await prod.pricings.list();
    const vms = list.value?.find((p) => p.name === 'VirtualMachines');
    assert.equal(vms?.pricingTier, 'Standard');
    assert.equal(vms?.subPlan, 'P2');
    assert.ok(list.value?.some((p) => p.name === 'SqlServers' && p.pricingTier === 'Free'));
    const dev = await client('helpdesk', DEV).pricings.get('VirtualMachines');
    assert.equal(dev.id, `${pricings(DEV)}/VirtualMachines`);
    assert.equal(dev.type, 'Microsoft.Security/pricings');
    assert.equal(dev.pricingTier, 'Standard');
    assert.equal(dev.subPlan, 'P1');
    assert.equal(dev.freeTrialRemainingTime, 'PT0S');
    const versions = new Set(
      sent.filter((u) => /\/pricings/i.test(u.pathname)).map((u) => u.searchParams.get('api-version')),
    );
    assert.deepEqual([...versions], ['2022-03-01'], 'the version @azure/arm-security 5 sends');
    assert.ok((API_VERSIONS.pricings as readonly string[]).includes('2022-03-01'));
  });

  test('the pricing shape follows the api-version; unknown plans and versions are refused', async () => {
    const v2024 = await get(`${pricings(DEV)}/virtualmachines?api-version=2024-01-01`);
    assert.equal(v2024.status, 200, v2024.text);
    assert.deepEqual((v2024.body as Pricing).properties, {
      pricingTier: 'Standard',
      subPlan: 'P1',
      freeTrialRemainingTime: 'PT0S',
      enablementTime: '2025-01-15T10:00:00Z',
      enforce: 'False',
      resourcesCoverageStatus: 'FullyCovered',
    });
    assert.equal((v2024.body as Pricing).name, 'VirtualMachines');
    // 2018-06-01 predates sub-plans.
    const v2018 = await get(`${pricings(PROD)}/VirtualMachines?api-version=2018-06-01`);
    assert.deepEqual((v2018.body as Pricing).properties, { pricingTier: 'Standard', freeTrialRemainingTime: 'PT0S' });
    const list = await get(`${pricings(PROD)}?api-version=2023-01-01`);
    assert.equal(list.status, 200, list.text);
    assert.ok(!('nextLink' in (list.body as object)));
    assert.equal((await get(`${pricings(PROD)}/NoSuchPlan?api-version=2024-01-01`)).status, 404);
    const jitVersion = await get(`${pricings(PROD)}?api-version=2020-01-01`);
    assert.equal(jitVersion.status, 400);
    assert.equal((jitVersion.body as { error: { code: string } }).error.code, 'InvalidApiVersionParameter');
    // Microsoft's least-privilege JIT role has no pricings/read.
    assert.equal((await get(`${pricings(PROD)}?api-version=2022-03-01`, 'jitonly')).status, 403);
  });

  test('helpdesk can read Contoso Dev and its VM', async () => {
    const subs = (await get('/subscriptions?api-version=2022-12-01')).body as {
      value: Array<{ subscriptionId: string; displayName: string }>;
    };
    assert.ok(subs.value.some((s) => s.subscriptionId === DEV && s.displayName === 'Contoso Dev'));
    const vm = await get(`${devVm}?api-version=2025-04-01`);
    assert.equal(vm.status, 200, vm.text);
    const policies = await get(
      `/subscriptions/${DEV}/providers/Microsoft.Security/jitNetworkAccessPolicies?api-version=2020-01-01`,
    );
    assert.deepEqual((policies.body as { value: unknown[] }).value, []);
  });

  test('without Plan 2 a JIT policy cannot be written or requested, and the error says why', async () => {
    const policy = {
      kind: 'Basic',
      properties: {
        virtualMachines: [
          {
            id: devVm,
            ports: [{ number: 22, protocol: '*', allowedSourceAddressPrefix: '*', maxRequestAccessDuration: 'PT3H' }],
          },
        ],
      },
    };
    const put = await simFetch(sim, `${devPolicy}?api-version=2020-01-01`, {
      method: 'PUT',
      body: policy,
      token: mintArmToken(sim, 'admin'),
    });
    assert.equal(put.status, 400, put.text);
    const err = (put.body as { error: { code: string; message: string } }).error;
    assert.equal(err.code, PLAN_REQUIRED_CODE);
    assert.match(err.message, /Defender for Servers Plan 2/);
    assert.match(err.message, /Plan 1/);

    // The SDK surfaces the same for an initiate by helpdesk, who holds the JIT requester role there.
    const end = new Date(sim.ctx.clock.nowMs() + 3600_000);
    await assert.rejects(
      client('helpdesk', DEV).jitNetworkAccessPolicies.initiate('rg-dev', DEMO.location, 'default', {
        virtualMachines: [{ id: devVm, ports: [{ number: 22, endTimeUtc: end }] }],
      }),
      (e: { statusCode?: number; code?: string; message: string }) =>
        e.statusCode === 400 && e.code === PLAN_REQUIRED_CODE && /Plan 2/.test(e.message),
    );
    // A Plan 2 subscription of the same tenant is unaffected.
    const prodPolicies = await collect(client('helpdesk', PROD).jitNetworkAccessPolicies.list());
    assert.ok(prodPolicies.length > 0);
  });
});

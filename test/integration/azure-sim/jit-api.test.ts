/**
 * The JIT wire answers over raw HTTPS, each validated against the official swagger (strict enums, no fields the
 * swagger lacks): the four lists, get, put, delete, initiate (endTimeUtc and the portal's duration), paging, and
 * every error body as a CloudError.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../electron/azure-sim/index';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import { control, mintArmToken, simFetch, startTestSim } from '../../fixtures/sim';
import { jitSwagger } from '../../fixtures/swagger';

const V = 'api-version=2020-01-01';
const SUB = `/subscriptions/${DEMO.prodSubscriptionId}`;
const SEC = 'providers/Microsoft.Security';
const RG = (rg: string) => `${SUB}/resourceGroups/${rg}`;
const POLICY = (rg = 'rg-servers', name = 'default', loc: string = DEMO.location) =>
  `${RG(rg)}/${SEC}/locations/${loc}/jitNetworkAccessPolicies/${name}`;
const vmId = (name: string, rg = 'rg-servers') => `${RG(rg)}/providers/Microsoft.Compute/virtualMachines/${name}`;

interface Policy {
  id: string;
  name: string;
  properties: {
    virtualMachines: Array<{ id: string; ports: Array<{ number: number }> }>;
    requests: Array<{
      startTimeUtc: string;
      virtualMachines: Array<{ ports: Array<{ endTimeUtc: string; status: string }> }>;
    }>;
  };
}

describe('JIT wire answers match the official swagger', () => {
  let sim: Simulator;
  const swagger = jitSwagger();
  const call = (path: string, init: { method?: string; body?: unknown; user?: string } = {}) =>
    simFetch(sim, path, {
      method: init.method ?? 'GET',
      body: init.body,
      token: mintArmToken(sim, init.user ?? 'helpdesk'),
    });
  const ok = async (path: string, definition: string, init: Parameters<typeof call>[1] = {}, status = 200) => {
    const r = await call(path, init);
    assert.equal(r.status, status, r.text);
    swagger.assertValid(definition, r.body, `${init.method ?? 'GET'} ${path}`);
    return r.body;
  };
  const fails = async (path: string, init: NonNullable<Parameters<typeof call>[1]>, status: number, code: string) => {
    const r = await call(path, init);
    assert.equal(r.status, status, r.text);
    swagger.assertValid('CloudError', r.body, `error of ${init.method ?? 'GET'} ${path}`);
    const error = (r.body as { error: { code: string; message: string } }).error;
    assert.equal(error.code, code, r.text);
    assert.ok(error.message.length > 20, error.message);
    return error;
  };
  const initiateBody = (vm: string, port: number, extra: Record<string, unknown> = {}) => ({
    virtualMachines: [
      {
        id: vmId(vm),
        ports: [
          {
            number: port,
            endTimeUtc: new Date(sim.ctx.clock.nowMs() + 30 * 60_000).toISOString(),
            allowedSourceAddressPrefix: DEMO.p2sPool,
            ...extra,
          },
        ],
      },
    ],
  });

  before(async () => {
    sim = await startTestSim();
  });
  beforeEach(() => control(sim, '/reset', { seed: 'demo' }));
  after(() => sim?.close());

  test('lists by subscription, region, resource group and both validate and filter correctly', async () => {
    const names = (body: unknown) => (body as { value: Policy[] }).value.map((p) => p.id.split('/')[4]).sort();
    assert.deepEqual(names(await ok(`${SUB}/${SEC}/jitNetworkAccessPolicies?${V}`, 'JitNetworkAccessPoliciesList')), [
      'rg-app',
      'rg-servers',
    ]);
    assert.deepEqual(
      names(
        await ok(
          `${SUB}/${SEC}/locations/${DEMO.location}/jitNetworkAccessPolicies?${V}`,
          'JitNetworkAccessPoliciesList',
        ),
      ),
      ['rg-app', 'rg-servers'],
    );
    assert.deepEqual(
      names(await ok(`${SUB}/${SEC}/locations/eastus/jitNetworkAccessPolicies?${V}`, 'JitNetworkAccessPoliciesList')),
      [],
    );
    assert.deepEqual(
      names(await ok(`${RG('rg-app')}/${SEC}/jitNetworkAccessPolicies?${V}`, 'JitNetworkAccessPoliciesList')),
      ['rg-app'],
    );
    assert.deepEqual(
      names(
        await ok(
          `${RG('rg-servers')}/${SEC}/locations/${DEMO.location}/jitNetworkAccessPolicies?${V}`,
          'JitNetworkAccessPoliciesList',
        ),
      ),
      ['rg-servers'],
    );
    assert.deepEqual(
      names(await ok(`${RG('rg-network')}/${SEC}/jitNetworkAccessPolicies?${V}`, 'JitNetworkAccessPoliciesList')),
      [],
    );
    await fails(`${RG('rg-nope')}/${SEC}/jitNetworkAccessPolicies?${V}`, {}, 404, 'ResourceGroupNotFound');
    const one = (await ok(`${POLICY()}?${V}`, 'JitNetworkAccessPolicy')) as Policy & {
      type: string;
      kind: string;
      location: string;
    };
    assert.equal(one.type, 'Microsoft.Security/locations/jitNetworkAccessPolicies');
    assert.equal(one.kind, 'Basic');
    assert.equal(one.location, DEMO.location);
    assert.equal(one.properties.virtualMachines.length, 6);
    await fails(`${POLICY('rg-servers', 'nope')}?${V}`, {}, 404, 'ResourceNotFound');
  });

  test('lists page with nextLink', async () => {
    await control(sim, '/settings', { pageSize: 1 });
    try {
      const first = (await ok(`${SUB}/${SEC}/jitNetworkAccessPolicies?${V}`, 'JitNetworkAccessPoliciesList')) as {
        value: Policy[];
        nextLink?: string;
      };
      assert.equal(first.value.length, 1);
      assert.ok(first.nextLink?.startsWith(`${sim.baseUrl}${SUB}/${SEC}/jitNetworkAccessPolicies?`), first.nextLink);
      const second = (await ok(first.nextLink!.slice(sim.baseUrl.length), 'JitNetworkAccessPoliciesList')) as {
        value: Policy[];
        nextLink?: string;
      };
      assert.equal(second.value.length, 1);
      assert.equal(second.nextLink, undefined);
      assert.notEqual(second.value[0]!.id, first.value[0]!.id);
    } finally {
      await control(sim, '/settings', { pageSize: 100 });
    }
  });

  test('initiate answers 202 with a valid request; the policy then lists it without internal fields', async () => {
    const req = (await ok(
      `${POLICY()}/initiate?${V}`,
      'JitNetworkAccessRequest',
      { method: 'POST', body: { ...initiateBody('VM-FS01', 3389), justification: 'ticket 7' } },
      202,
    )) as {
      requestor: string;
      justification: string;
      virtualMachines: Array<{ ports: Array<Record<string, unknown>> }>;
    };
    assert.equal(req.requestor, '', 'the recorded live 202 has an empty requestor');
    assert.equal(req.justification, 'ticket 7');
    assert.deepEqual(Object.keys(req.virtualMachines[0]!.ports[0]!).sort(), [
      'allowedSourceAddressPrefix',
      'endTimeUtc',
      'number',
      'status',
      'statusReason',
    ]);
    await ok(
      `${POLICY()}/initiate?${V}`,
      'JitNetworkAccessRequest',
      { method: 'POST', body: initiateBody('vm-legacy01', 3389, { allowedSourceAddressPrefix: DEMO.publicClientIp }) },
      202,
    );
    await control(sim, '/clock/advance', { seconds: 1 });
    const policy = (await ok(`${POLICY()}?${V}`, 'JitNetworkAccessPolicy')) as Policy;
    assert.equal(policy.properties.requests.length, 2);
    await ok(`${SUB}/${SEC}/jitNetworkAccessPolicies?${V}`, 'JitNetworkAccessPoliciesList');
    // After expiry the answers still validate (Revoked/Expired are enum values).
    await control(sim, '/clock/advance', { seconds: 31 * 60 });
    const later = (await ok(`${POLICY()}?${V}`, 'JitNetworkAccessPolicy')) as Policy;
    assert.deepEqual(
      later.properties.requests.map((r) => r.virtualMachines[0]!.ports[0]!.status),
      ['Revoked', 'Revoked'],
    );
  });

  test("the portal's duration is accepted in place of endTimeUtc", async () => {
    const before = sim.ctx.clock.nowMs();
    const r = (await ok(
      `${POLICY()}/initiate?${V}`,
      'JitNetworkAccessRequest',
      {
        method: 'POST',
        body: {
          virtualMachines: [
            {
              id: vmId('VM-FS01'),
              ports: [{ number: 3389, duration: 'PT1H', allowedSourceAddressPrefix: DEMO.p2sPool }],
            },
          ],
        },
      },
      202,
    )) as { startTimeUtc: string; virtualMachines: Array<{ ports: Array<{ endTimeUtc: string }> }> };
    const length = Date.parse(r.virtualMachines[0]!.ports[0]!.endTimeUtc) - Date.parse(r.startTimeUtc);
    assert.equal(length, 3600_000);
    assert.ok(Date.parse(r.startTimeUtc) >= before - 1);
    await fails(
      `${POLICY()}/initiate?${V}`,
      {
        method: 'POST',
        body: { virtualMachines: [{ id: vmId('VM-FS01'), ports: [{ number: 5985, duration: 'PT2H' }] }] },
      },
      400,
      'RequestedDurationExceedsMaximum',
    );
  });

  test('put answers 200 with the stored policy; delete answers 200, then 204', async () => {
    const body = {
      kind: 'Basic',
      properties: {
        virtualMachines: [
          {
            id: vmId('vm-build01'),
            ports: [{ number: 22, protocol: 'TCP', allowedSourceAddressPrefix: '*', maxRequestAccessDuration: 'PT3H' }],
          },
        ],
      },
    };
    const created = (await ok(`${POLICY('rg-servers', 'build')}?${V}`, 'JitNetworkAccessPolicy', {
      method: 'PUT',
      body,
      user: 'admin',
    })) as Policy & { properties: { provisioningState: string } };
    assert.equal(created.name, 'build');
    assert.equal(created.properties.provisioningState, 'Succeeded');
    assert.deepEqual(created.properties.requests, []);
    await ok(`${POLICY('rg-servers', 'build')}?${V}`, 'JitNetworkAccessPolicy');
    // The official create example's body (with a requests array) is accepted against an existing VM.
    const withRequests = {
      ...body,
      properties: {
        ...body.properties,
        requests: [{ virtualMachines: [], startTimeUtc: '2018-05-17T08:06:45.5691611Z', requestor: 'x' }],
      },
    };
    const replaced = (await ok(`${POLICY('rg-servers', 'build')}?${V}`, 'JitNetworkAccessPolicy', {
      method: 'PUT',
      body: withRequests,
      user: 'admin',
    })) as Policy;
    assert.deepEqual(replaced.properties.requests, [], "requests are the service's history, not taken from the body");
    const del = await call(`${POLICY('rg-servers', 'build')}?${V}`, { method: 'DELETE', user: 'admin' });
    assert.equal(del.status, 200);
    const again = await call(`${POLICY('rg-servers', 'build')}?${V}`, { method: 'DELETE', user: 'admin' });
    assert.equal(again.status, 204);
    await fails(`${POLICY('rg-servers', 'build')}?${V}`, { method: 'DELETE' }, 403, 'AuthorizationFailed');
  });

  test('every error answer is a CloudError with an actionable code', async () => {
    const post = (body: unknown) => ({ method: 'POST', body });
    const url = `${POLICY()}/initiate?${V}`;
    const cases: Array<[string, unknown, string, RegExp]> = [
      ['VM not in policy', initiateBody('vm-build01', 22), 'VmNotInPolicy', /not in JIT policy 'default'/],
      ['port not in policy', initiateBody('VM-FS01', 22), 'PortNotInPolicy', /JIT ports are 3389, 5985, 5986/],
      [
        'end time in the past',
        initiateBody('VM-FS01', 3389, { endTimeUtc: '2001-01-01T00:00:00Z' }),
        'EndTimeInPast',
        /not in the future/,
      ],
      [
        'too long',
        initiateBody('VM-FS01', 5985, { endTimeUtc: new Date(sim.ctx.clock.nowMs() + 2 * 3600_000).toISOString() }),
        'RequestedDurationExceedsMaximum',
        /at most 1 hour \(PT1H\)/,
      ],
      [
        'source not allowed',
        initiateBody('vm-dc01', 3389, { allowedSourceAddressPrefix: '10.13.1.7' }),
        'SourceAddressNotAllowed',
        /10\.13\.1\.0\/24/,
      ],
      [
        'bad source',
        initiateBody('VM-FS01', 3389, { allowedSourceAddressPrefix: 'home' }),
        'InvalidInitiateInput',
        /'home'/,
      ],
      [
        'missing end',
        { virtualMachines: [{ id: vmId('VM-FS01'), ports: [{ number: 3389 }] }] },
        'InvalidInitiateInput',
        /endTimeUtc' is required/,
      ],
      [
        'number as string',
        { virtualMachines: [{ id: vmId('VM-FS01'), ports: [{ number: '3389', endTimeUtc: '2030-01-01T00:00:00Z' }] }] },
        'InvalidInitiateInput',
        /whole number/,
      ],
      ['no VMs', {}, 'InvalidInitiateInput', /virtualMachines' is required/],
      [
        'IPv6 source',
        initiateBody('VM-FS01', 3389, { allowedSourceAddressPrefix: '2001:db8::7' }),
        'InvalidInitiateInput',
        /IPv6 address; JIT supports only IPv4/,
      ],
    ];
    for (const [what, body, code, message] of cases) {
      const e = await fails(url, post(body), 400, code);
      assert.match(e.message, message, what);
    }
    const malformed = await simFetch(sim, url, {
      method: 'POST',
      body: '{"virtualMachines": [',
      token: mintArmToken(sim, 'helpdesk'),
    });
    assert.equal(malformed.status, 400);
    swagger.assertValid('CloudError', malformed.body);
    const put = (body: unknown) => ({ method: 'PUT', body, user: 'admin' });
    const port = { number: 22, protocol: 'TCP', allowedSourceAddressPrefix: '*', maxRequestAccessDuration: 'PT3H' };
    await fails(
      `${POLICY('rg-servers', 'x')}?${V}`,
      put({ properties: { virtualMachines: [{ id: vmId('vm-nope'), ports: [port] }] } }),
      400,
      'VirtualMachineNotFound',
    );
    await fails(
      `${POLICY('rg-servers', 'x')}?${V}`,
      put({ properties: { virtualMachines: [{ id: vmId('vm-app01', 'rg-app'), ports: [port] }] } }),
      400,
      'VirtualMachineOutsidePolicyScope',
    );
    await fails(
      `${POLICY('rg-servers', 'x', 'eastus')}?${V}`,
      put({ properties: { virtualMachines: [{ id: vmId('vm-build01'), ports: [port] }] } }),
      400,
      'VirtualMachineOutsidePolicyScope',
    );
    await fails(
      `${POLICY('rg-servers', 'x')}?${V}`,
      put({
        properties: {
          virtualMachines: [{ id: vmId('vm-build01'), ports: [{ ...port, maxRequestAccessDuration: 'P2D' }] }],
        },
      }),
      400,
      'InvalidMaxRequestAccessDuration',
    );
    await fails(
      `${POLICY('rg-nope', 'x')}?${V}`,
      put({ properties: { virtualMachines: [] } }),
      404,
      'ResourceGroupNotFound',
    );
    const e = await fails(
      `${POLICY()}?${V}`,
      { method: 'PUT', body: { properties: { virtualMachines: [] } } },
      403,
      'AuthorizationFailed',
    );
    assert.match(e.message, /jitNetworkAccessPolicies\/write/);
    const finance = `/subscriptions/${DEMO.financeSubscriptionId}/resourceGroups/rg-finance/${SEC}/locations/${DEMO.location}/jitNetworkAccessPolicies/default/initiate?${V}`;
    const denied = await fails(finance, post({ virtualMachines: [] }), 403, 'AuthorizationFailed');
    assert.match(denied.message, /jitNetworkAccessPolicies\/initiate\/action/);
  });
});

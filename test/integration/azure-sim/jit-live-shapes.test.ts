/**
 * What the live JIT service sends beyond the swagger, as Azure PowerShell's recorded sessions show it: ports
 * `Initiating` in the 202 and `Initiated` only once the rule is in place, `provisioningState` `Updating` meanwhile,
 * `appendMode: false`, `endTimeUtc` echoed as sent, the provider's read-quota header, initiate validation in Azure's
 * order (body, then policy), IPv6 sources refused, the portal's source list, and a slow initiate answer.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import type { SecurityCenter } from '@azure/arm-security';
import type { Simulator } from '../../../electron/azure-sim/index';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import { sdkClients } from '../../fixtures/sdk';
import { control, mintArmToken, simFetch, startTestSim } from '../../fixtures/sim';
import { jitSwagger } from '../../fixtures/swagger';
import { until } from '../../fixtures/wait';

const V = 'api-version=2020-01-01';
const SUB = `/subscriptions/${DEMO.prodSubscriptionId}`;
const RG = (rg: string) => `${SUB}/resourceGroups/${rg}`;
const POLICY = (rg = 'rg-servers', name = 'default') =>
  `${RG(rg)}/providers/Microsoft.Security/locations/${DEMO.location}/jitNetworkAccessPolicies/${name}`;
const vmId = (name: string, rg = 'rg-servers') => `${RG(rg)}/providers/Microsoft.Compute/virtualMachines/${name}`;
const QUOTA = 'x-ms-ratelimit-remaining-subscription-resource-requests';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('JIT answers shaped like the live service', () => {
  let sim: Simulator;
  let security: SecurityCenter;
  const swagger = jitSwagger();
  const call = (path: string, method = 'GET', body?: unknown) =>
    simFetch(sim, path, { method, body, token: mintArmToken(sim, 'helpdesk') });
  const initiate = (port: Json, vm = 'VM-FS01', rg = 'rg-servers', policy = 'default') =>
    call(`${POLICY(rg, policy)}/initiate?${V}`, 'POST', { virtualMachines: [{ id: vmId(vm, rg), ports: [port] }] });
  const endIn = (minutes: number) => new Date(sim.ctx.clock.nowMs() + minutes * 60_000);

  before(async () => {
    sim = await startTestSim();
    security = sdkClients(sim, 'helpdesk').security;
  });
  beforeEach(async () => {
    await control(sim, '/reset', { seed: 'demo' });
    await control(sim, '/settings', { propagationMs: 0, initiateDelayMs: 0, clientPublicIp: DEMO.publicClientIp });
  });
  after(() => sim?.close());

  test('SDK: initiate answers Initiating; the policy reads Initiating/Updating until the rule is in place, then Initiated/Succeeded', async () => {
    await control(sim, '/settings', { propagationMs: 60_000 });
    const req = await security.jitNetworkAccessPolicies.initiate('rg-servers', DEMO.location, 'default', {
      virtualMachines: [
        {
          id: vmId('VM-FS01'),
          ports: [{ number: 3389, endTimeUtc: endIn(60), allowedSourceAddressPrefix: DEMO.p2sPool }],
        },
      ],
    });
    assert.equal(req.virtualMachines[0]!.ports[0]!.status, 'Initiating');
    let policy = await security.jitNetworkAccessPolicies.get('rg-servers', DEMO.location, 'default');
    assert.equal(policy.requests![0]!.virtualMachines[0]!.ports[0]!.status, 'Initiating', 'no rule yet');
    assert.equal(policy.provisioningState, 'Updating');
    await control(sim, '/clock/advance', { seconds: 61 });
    policy = await security.jitNetworkAccessPolicies.get('rg-servers', DEMO.location, 'default');
    assert.equal(policy.requests![0]!.virtualMachines[0]!.ports[0]!.status, 'Initiated', 'the rule is live');
    assert.equal(policy.provisioningState, 'Succeeded');
  });

  test('raw: appendMode false and provisioningState on get, list and put; Updating after a put for one propagation delay', async () => {
    const got = await call(`${POLICY()}?${V}`);
    swagger.assertValid('JitNetworkAccessPolicy', got.body);
    assert.equal((got.body as Json).properties.appendMode, false);
    assert.equal((got.body as Json).properties.provisioningState, 'Succeeded');
    const listed = await call(`${SUB}/providers/Microsoft.Security/jitNetworkAccessPolicies?${V}`);
    for (const p of (listed.body as Json).value) assert.equal(p.properties.appendMode, false);
    await control(sim, '/settings', { propagationMs: 30_000 });
    const put = await simFetch(sim, `${POLICY('rg-servers', 'build')}?${V}`, {
      method: 'PUT',
      token: mintArmToken(sim, 'admin'),
      body: {
        kind: 'Basic',
        properties: {
          virtualMachines: [
            {
              id: vmId('vm-build01'),
              ports: [
                { number: 22, protocol: 'TCP', allowedSourceAddressPrefix: '*', maxRequestAccessDuration: 'PT3H' },
              ],
            },
          ],
        },
      },
    });
    assert.equal(put.status, 200, put.text);
    swagger.assertValid('JitNetworkAccessPolicy', put.body);
    assert.equal((put.body as Json).properties.provisioningState, 'Updating', 'as the recorded live put answers');
    await control(sim, '/clock/advance', { seconds: 31 });
    assert.equal(
      ((await call(`${POLICY('rg-servers', 'build')}?${V}`)).body as Json).properties.provisioningState,
      'Succeeded',
    );
  });

  test('endTimeUtc is echoed exactly as sent, in the 202 and in later reads; Azure-made times have 7 fraction digits', async () => {
    const seven = new Date(sim.ctx.clock.nowMs() + 30 * 60_000).toISOString().replace(/\.\d+Z$/, '.1234567Z');
    const whole = new Date(sim.ctx.clock.nowMs() + 40 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const a = await initiate({ number: 3389, endTimeUtc: seven, allowedSourceAddressPrefix: DEMO.p2sPool });
    assert.equal(a.status, 202, a.text);
    swagger.assertValid('JitNetworkAccessRequest', a.body);
    assert.equal((a.body as Json).virtualMachines[0].ports[0].endTimeUtc, seven);
    assert.match((a.body as Json).startTimeUtc, /\.\d{7}Z$/);
    const b = await initiate({ number: 22, endTimeUtc: whole }, 'vm-web01');
    assert.equal((b.body as Json).virtualMachines[0].ports[0].endTimeUtc, whole);
    await control(sim, '/clock/advance', { seconds: 1 });
    const ends = ((await call(`${POLICY()}?${V}`)).body as Json).properties.requests.map(
      (r: Json) => r.virtualMachines[0].ports[0].endTimeUtc,
    );
    assert.deepEqual(ends, [seven, whole]);
  });

  test('Security reads carry x-ms-ratelimit-remaining-subscription-resource-requests, counting down', async () => {
    const first = await call(`${POLICY()}?${V}`);
    const second = await call(`${SUB}/providers/Microsoft.Security/jitNetworkAccessPolicies?${V}`);
    const n1 = Number(first.headers[QUOTA]);
    const n2 = Number(second.headers[QUOTA]);
    assert.ok(n1 > 0 && n1 < 750, String(first.headers[QUOTA]));
    assert.ok(n2 < n1, `${n2} after ${n1}`);
    assert.ok(first.headers['x-ms-ratelimit-remaining-subscription-reads'], 'ARM still reports its own bucket');
  });

  test("validation in Azure's order: a bad body is 400 InvalidInitiateInput even for a missing policy; then 404 PolicyNotFound", async () => {
    const both = { number: 3389, endTimeUtc: endIn(30).toISOString(), duration: 'PT1H' };
    const r = await initiate(both, 'VM-FS01', 'rg-servers', 'nope');
    assert.equal(r.status, 400, r.text);
    assert.deepEqual((r.body as Json).error.code, 'InvalidInitiateInput');
    assert.equal((r.body as Json).error.message, "Only one of fields 'EndTimeUtc' and 'Duration' can be set.");
    const missing = await initiate(
      { number: 3389, endTimeUtc: endIn(30).toISOString() },
      'VM-FS01',
      'rg-servers',
      'nope',
    );
    assert.equal(missing.status, 404, missing.text);
    swagger.assertValid('CloudError', missing.body);
    assert.equal((missing.body as Json).error.code, 'PolicyNotFound');
  });

  test('an IPv6 caller address is refused as unsupported; an IPv4 source sent explicitly works', async () => {
    await control(sim, '/settings', { clientPublicIp: '2001:db8::7' });
    const r = await initiate({ number: 22, endTimeUtc: endIn(30).toISOString() }, 'vm-web01');
    assert.equal(r.status, 400, r.text);
    assert.equal((r.body as Json).error.code, 'InvalidInitiateInput');
    assert.match((r.body as Json).error.message, /\(2001:db8::7\).*IPv6 address and JIT supports only IPv4/);
    const ok = await initiate(
      { number: 22, endTimeUtc: endIn(30).toISOString(), allowedSourceAddressPrefix: DEMO.p2sPool },
      'vm-web01',
    );
    assert.equal(ok.status, 202, ok.text);
  });

  test("the portal's allowedSourceAddressPrefixes list: each prefix checked, the NSG rule gets sourceAddressPrefixes", async () => {
    const sources = [DEMO.p2sPool, '198.51.100.0/24'];
    const end = endIn(30).toISOString();
    const bad = await initiate(
      { number: 22, endTimeUtc: end, allowedSourceAddressPrefixes: [DEMO.p2sPool, '192.0.2.0/24'] },
      'vm-app01',
      'rg-app',
    );
    assert.equal(bad.status, 400, bad.text);
    assert.equal((bad.body as Json).error.code, 'SourceAddressNotAllowed');
    assert.match((bad.body as Json).error.message, /'192\.0\.2\.0\/24' is not allowed/);
    const r = await initiate(
      { number: 22, endTimeUtc: end, allowedSourceAddressPrefixes: sources },
      'vm-app01',
      'rg-app',
    );
    assert.equal(r.status, 202, r.text);
    swagger.assertValid('JitNetworkAccessRequest', r.body);
    const port = (r.body as Json).virtualMachines[0].ports[0];
    assert.deepEqual(port.allowedSourceAddressPrefixes, sources);
    assert.equal(port.allowedSourceAddressPrefix, undefined);
    const rule = await until('the allow rule', async () => {
      const nsg = await call(
        `${RG('rg-app')}/providers/Microsoft.Network/networkSecurityGroups/vm-app01-nsg?api-version=2024-05-01`,
      );
      return (nsg.body as Json).properties.securityRules.find((x: Json) => x.properties.access === 'Allow');
    });
    assert.deepEqual(rule.properties.sourceAddressPrefixes, sources);
    assert.equal(rule.properties.sourceAddressPrefix, undefined);
  });

  test('initiateDelayMs makes the answer itself take that long (still Initiating when it comes)', async () => {
    await control(sim, '/settings', { initiateDelayMs: 400 });
    const t0 = performance.now();
    const r = await initiate({
      number: 3389,
      endTimeUtc: endIn(30).toISOString(),
      allowedSourceAddressPrefix: DEMO.p2sPool,
    });
    const took = performance.now() - t0;
    assert.equal(r.status, 202, r.text);
    assert.ok(took >= 390, `answered after ${took.toFixed(0)} ms`);
    assert.equal((r.body as Json).virtualMachines[0].ports[0].status, 'Initiating');
    const bad = await call(`${POLICY()}/initiate?${V}`, 'POST', {});
    assert.equal(bad.status, 400, 'errors are not delayed');
  });
});

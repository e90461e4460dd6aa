/**
 * Grants as Azure shows them, against the simulator: mine by requestor, a colleague's request (made through ARM as the
 * demo's `colleague`) with `all`, my grant replaced by the colleague's newer one, and `extend` (a new request on
 * Azure's clock, recorded, refusing to take back a replaced grant).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { readInventory } from '../../../../electron/core/inventory/inventory';
import { initiate, policyRef } from '../../../../electron/core/jit/jit-client';
import { GrantStore } from '../../../../electron/core/grants/grant-store';
import { listGrants } from '../../../../electron/core/grants/list-grants';
import { extend } from '../../../../electron/core/grants/extend';
import type { ArmAccess } from '../../../../electron/core/azure/arm-access';
import { systemClock } from '../../../../electron/core/ports';
import type { Vm } from '../../../../shared/domain/types';
import { AppError } from '../../../../shared/errors/app-error';
import { control, mintArmToken, simFetch, startTestSim, tempDir } from '../../../fixtures/sim';
import { simAccess } from '../inventory/sim-access';

const ME = 'helpdesk@contoso.com';
const COLLEAGUE = 'colleague@contoso.com';

/** A request made elsewhere: straight through ARM as another user (as the portal or another PC would). */
async function initiateAs(sim: Simulator, handle: string, vm: Vm, port: number, source: string, minutes = 60) {
  const end = new Date(Date.now() + sim.ctx.clock.offset + minutes * 60_000).toISOString();
  const r = await simFetch(sim, `${vm.jit.policyId}/initiate?api-version=2020-01-01`, {
    method: 'POST',
    token: mintArmToken(sim, handle),
    body: {
      virtualMachines: [{ id: vm.id, ports: [{ number: port, endTimeUtc: end, allowedSourceAddressPrefix: source }] }],
      justification: `${handle} needs it`,
    },
  });
  assert.equal(r.status, 202, r.text);
}

/** My request through core's JIT client, recorded in the store as connect records it. */
async function requestMine(arm: ArmAccess, store: GrantStore, vm: Vm, port: number, source: string, minutes = 60) {
  const ref = policyRef(vm.jit.policyId!, vm.tenantId);
  const end = new Date(Date.now() + minutes * 60_000);
  const { request, azureOffsetMs } = await initiate(
    arm,
    ref,
    vm.id,
    [{ number: port, endTimeUtc: end, allowedSourceAddressPrefix: source }],
    'Ticket 42',
    { clock: systemClock },
  );
  const p = request.virtualMachines[0]!.ports[0]!;
  const grant = {
    vmId: vm.id,
    vmName: vm.name,
    port,
    source: p.allowedSourceAddressPrefix!,
    dialAddress: `${vm.privateIp}:${port}`,
    startTimeUtc: request.startTimeUtc.toISOString(),
    endTimeUtc: p.endTimeUtc.toISOString(),
    azureOffsetMs,
  };
  await store.record(grant, { justification: 'Ticket 42', tenantId: vm.tenantId, policyId: vm.jit.policyId! });
  return grant;
}

describe('grants from Azure', () => {
  let sim: Simulator;
  let arm: ArmAccess;
  let vms: Vm[];
  const byName = (n: string) => vms.find((v) => v.name.toLowerCase() === n.toLowerCase())!;
  before(async () => {
    sim = await startTestSim();
    arm = simAccess(sim, 'helpdesk');
    vms = (await readInventory({ arm })).vms;
  });
  after(() => sim?.close());

  test('mine by requestor; a colleague’s with all; mine replaced by the colleague’s says so; extend refuses it', async () => {
    const store = new GrantStore(tempDir('jit-grants-'));
    const fs01 = byName('VM-FS01');
    const web01 = byName('vm-web01');
    await requestMine(arm, store, fs01, 3389, '10.13.1.0/24');
    await initiateAs(sim, 'colleague', web01, 22, '198.51.100.9');

    const mine = await listGrants(arm, vms, { account: ME, store });
    assert.deepEqual(
      mine.grants.map((g) => [g.vmName, g.port, g.requestor, g.mine, g.source]),
      [['VM-FS01', 3389, ME, true, '10.13.1.0/24']],
    );
    assert.ok(mine.grants[0]!.remainingSeconds > 59 * 60 && mine.grants[0]!.remainingSeconds <= 3600);
    assert.equal(mine.grants[0]!.dialAddress, '10.10.1.4:3389', 'the dial address recorded at connect is kept');

    const everyone = await listGrants(arm, vms, { account: ME, all: true, store });
    const web = everyone.grants.find((g) => g.vmName === 'vm-web01')!;
    assert.equal(web.requestor, COLLEAGUE);
    assert.equal(web.mine, false);
    assert.equal(web.dialAddress, '20.61.10.25:22', 'a public source: dialled on the public IP');

    // The colleague asks for the same VM and port: Azure revokes mine (NewerRequestInitiated).
    await initiateAs(sim, 'colleague', fs01, 3389, '198.51.100.9');
    const after = await listGrants(arm, vms, { account: ME, store });
    assert.deepEqual(after.grants, []);
    assert.equal(after.replaced.length, 1);
    assert.equal(after.replaced[0]!.message, `replaced by ${COLLEAGUE}`);
    assert.equal(after.replaced[0]!.grant.vmName, 'VM-FS01');
    const all = await listGrants(arm, vms, { account: ME, all: true });
    assert.equal(all.grants.find((g) => g.vmName === 'VM-FS01')!.requestor, COLLEAGUE);

    const history = await store.history();
    const replacedLine = history.find((h) => h.outcome === 'replaced')!;
    assert.equal(replacedLine.replacedBy, COLLEAGUE);
    assert.equal((await listGrants(arm, vms, { account: ME, store })).replaced.length, 1);
    assert.equal((await store.history()).filter((h) => h.outcome === 'replaced').length, 1, 'recorded once');
    assert.deepEqual(await store.cached(), [], 'the cache follows Azure');

    await assert.rejects(
      extend(arm, after.replaced[0]!.grant, { account: ME, store }),
      (err: AppError) => err.code === 'invalid-input' && err.message.includes(`replaced by ${COLLEAGUE}`),
    );
  });

  test('one policy read per policy, however many of its VMs are listed', async () => {
    let reads = 0;
    const counting: ArmAccess = {
      ...arm,
      transport: {
        ...arm.transport,
        httpClient: {
          sendRequest: (req) => {
            if (req.method === 'GET' && /jitNetworkAccessPolicies\/default/i.test(req.url)) reads++;
            return arm.transport.httpClient.sendRequest(req);
          },
        },
      },
    };
    await listGrants(counting, vms, { account: ME });
    const policies = new Set(vms.filter((v) => v.jit.policyId).map((v) => v.jit.policyId!.toLowerCase()));
    assert.ok(vms.filter((v) => v.jit.policyId).length > policies.size, 'several VMs share a policy');
    assert.equal(reads, policies.size);
  });

  test('extend: a new request for the same VM, port and source, to the policy’s maximum on Azure’s clock', async () => {
    const store = new GrantStore(tempDir('jit-grants-'));
    const sql01 = byName('vm-sql01');
    const first = await requestMine(arm, store, sql01, 3389, '10.13.1.0/24', 20);
    const [listed] = (await listGrants(arm, vms, { account: ME, store })).grants;
    assert.equal(listed!.vmName, 'vm-sql01');

    await sim.ctx.clock.advance(5 * 60); // Azure's clock moves on; the end is computed on it, not on ours
    const extended = await extend(arm, listed!, { account: ME, store });
    const azureNow = Date.now() + sim.ctx.clock.offset;
    const expectedEnd = azureNow + 2 * 3600_000; // vm-sql01's policy: PT2H
    assert.ok(Math.abs(Date.parse(extended.endTimeUtc) - expectedEnd) < 3000, extended.endTimeUtc);
    assert.equal(extended.source, '10.13.1.0/24');
    assert.ok(Date.parse(extended.endTimeUtc) > Date.parse(first.endTimeUtc));

    const now = await listGrants(arm, vms, { account: ME, store });
    const g = now.grants.find((x) => x.vmName === 'vm-sql01')!;
    assert.equal(Date.parse(g.endTimeUtc), Date.parse(extended.endTimeUtc));
    assert.ok(Math.abs(g.remainingSeconds - 7200) <= 3, String(g.remainingSeconds));
    assert.deepEqual(
      now.replaced.filter((r) => r.grant.vmName === 'vm-sql01'),
      [],
      'replaced by my own newer request is not "replaced"',
    );
    const lines = await store.history();
    const ext = lines.find((h) => h.kind === 'extend')!;
    assert.equal(ext.outcome, 'granted');
    assert.equal(ext.justification, 'Ticket 42');
    assert.match(ext.activityLog, /^https:\/\/portal\.azure\.com\/#@[^/]+\/resource\/subscriptions\/.+\/activitylog$/i);
    const cached = await store.cached();
    assert.equal(cached.length, 1);
    assert.equal(cached[0]!.endTimeUtc, extended.endTimeUtc);

    await assert.rejects(
      extend(arm, g, { account: ME, store, durationMs: 3 * 3600_000 }),
      (err: AppError) => err.code === 'duration-over-max' && /2 h/.test(err.message),
    );
  });

  test('extend under the admin policy: a missing required justification and a length over the cap are refused before any request; the default is the cap', async () => {
    const store = new GrantStore(tempDir('jit-grants-'));
    const app01 = byName('vm-app01'); // port 22: PT3H, over the admin's cap
    await requestMine(arm, store, app01, 22, '10.13.1.0/24', 20);
    const g = (await listGrants(arm, vms, { account: ME, store })).grants.find((x) => x.vmName === 'vm-app01')!;
    const initiates = async () =>
      ((await control(sim, '/calls', undefined, 'GET')) as Array<{ method: string; path: string }>).filter(
        (c) => c.method === 'POST' && /\/initiate/i.test(c.path),
      ).length;
    const before = await initiates();
    const cap = { ms: 3600_000, by: "your administrator's policy (the policy file)" };
    await assert.rejects(
      extend(arm, { ...g, justification: '' }, { account: ME, store, justificationRequired: true }),
      (err: AppError) => err.code === 'invalid-input' && /justification is required/.test(err.message),
    );
    await assert.rejects(
      extend(arm, g, { account: ME, store, durationCap: cap, durationMs: 90 * 60_000 }),
      (err: AppError) =>
        err.code === 'duration-over-max' &&
        err.message ===
          "1 h 30 min is over the maximum of 1 h (PT1H) set by your administrator's policy (the policy file).",
    );
    assert.equal(await initiates(), before, 'nothing was requested');
    const extended = await extend(arm, g, { account: ME, store, durationCap: cap, justificationRequired: true });
    const azureNow = Date.now() + sim.ctx.clock.offset;
    assert.ok(Math.abs(Date.parse(extended.endTimeUtc) - (azureNow + 3600_000)) < 3000, extended.endTimeUtc);
  });
});

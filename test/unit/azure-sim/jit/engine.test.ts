/**
 * The JIT engine on the demo estate with a fake context: deny rules on start (idempotent), put replacing the policy
 * and cleaning up only its own rules, propagation and expiry on the simulated clock, supersession, re-arming after
 * a restart, and delete.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SimClock } from '../../../../electron/azure-sim/clock';
import { createContext, type SimContext } from '../../../../electron/azure-sim/context';
import { JitEngine } from '../../../../electron/azure-sim/jit/engine';
import { vmTopology } from '../../../../electron/azure-sim/model/topology';
import { ALLOW_NAME_RE, DENY_NAME_RE } from '../../../../electron/azure-sim/jit/names';
import { inboundRule } from '../../../../electron/azure-sim/seeds/nsg-builders';
import { demoEstate, DEMO } from '../../../../electron/azure-sim/seeds/demo';
import { defaultSettings } from '../../../../electron/azure-sim/settings';
import type { JitRequestPort } from '../../../../electron/azure-sim/model/resources';

const P = {
  subscriptionId: DEMO.prodSubscriptionId,
  resourceGroup: 'rg-servers',
  location: DEMO.location,
  policyName: 'default',
};
const vmId = (name: string) =>
  `/subscriptions/${DEMO.prodSubscriptionId}/resourceGroups/rg-servers/providers/Microsoft.Compute/virtualMachines/${name}`;

describe('JIT engine', () => {
  let ctx: SimContext;
  let engine: JitEngine;
  const changedNsgs: string[] = [];
  const rulesOf = (vm: string) => vmTopology(ctx.estate, vmId(vm))!.nsgs.map((n) => n.properties.securityRules);
  const allowOf = (vm: string) => rulesOf(vm).map((rules) => rules.filter((r) => ALLOW_NAME_RE.test(r.name)));
  const denyOf = (vm: string) => rulesOf(vm).map((rules) => rules.filter((r) => DENY_NAME_RE.test(r.name)));
  /** The production rg-servers policy (the one `P` names), whatever order the seed made policies in. */
  const serversPolicy = () =>
    [...ctx.estate.jitPolicies.values()].find((p) =>
      p.id.toLowerCase().includes(`/subscriptions/${DEMO.prodSubscriptionId}/resourcegroups/rg-servers/`),
    )!;
  const initiate = (vm: string, port: number, minutes = 60, source: string = DEMO.p2sPool) =>
    engine.initiate(
      P,
      {
        virtualMachines: [
          {
            id: vmId(vm),
            ports: [
              {
                number: port,
                endTimeUtc: new Date(ctx.clock.nowMs() + minutes * 60_000).toISOString(),
                allowedSourceAddressPrefix: source,
              },
            ],
          },
        ],
      },
      'helpdesk@contoso.com',
    );
  const portOf = (request: { virtualMachines: Array<{ ports: JitRequestPort[] }> }) =>
    request.virtualMachines[0]!.ports[0]!;

  beforeEach(() => {
    ctx = createContext(demoEstate(), { settings: { ...defaultSettings(), propagationMs: 60_000 } });
    changedNsgs.length = 0;
    ctx.events.on('nsg-changed', (id) => changedNsgs.push(id));
    engine = new JitEngine(ctx);
    engine.start();
  });
  afterEach(() => {
    engine.stop();
    ctx.clock.dispose();
  });

  test('start ensures one deny rule per VM in every NSG that applies, once', () => {
    assert.deepEqual(
      denyOf('vm-dc01').map((r) => r.length),
      [1, 1],
      'subnet and NIC NSG',
    );
    assert.deepEqual(
      denyOf('vm-sql01').map((r) => r.length),
      [1],
      'subnet NSG only',
    );
    assert.deepEqual(denyOf('VM-FS01')[0]![0]!.properties.destinationPortRanges, ['3389', '5985', '5986']);
    assert.ok(changedNsgs.length >= 8, 'each changed NSG is announced');
    const [sqlDeny] = denyOf('vm-sql01')[0]!;
    assert.match(sqlDeny!.name, /^SecurityCenter-JITRule_/, "the seed's pre-2023 deny rule is kept, not duplicated");
    assert.match(denyOf('VM-FS01')[0]![0]!.name, /^MicrosoftDefenderForCloud-JITRule_/);
    const before = JSON.stringify(ctx.estate.snapshot());
    engine.start();
    assert.equal(JSON.stringify(ctx.estate.snapshot()), before, 'a second start changes nothing');
  });

  test('the allow rule appears after the propagation delay and goes at endTimeUtc', () => {
    const req = initiate('VM-FS01', 3389, 30);
    const policy = serversPolicy();
    assert.deepEqual(portOf(req), { ...portOf(req), status: 'Initiating', statusReason: 'UserRequested' });
    assert.equal(engine.isUpdating(policy), true, 'Updating while the rule propagates');
    ctx.clock.advance(59);
    assert.deepEqual(allowOf('VM-FS01'), [[]]);
    assert.equal(portOf(req).status, 'Initiating');
    ctx.clock.advance(2);
    assert.equal(portOf(req).status, 'Initiated', 'Initiated once the allow rule is in place');
    assert.equal(engine.isUpdating(policy), false);
    const [allow] = allowOf('VM-FS01')[0]!;
    assert.ok(allow);
    assert.equal(allow.properties.priority, 100);
    assert.equal(allow.properties.sourceAddressPrefix, DEMO.p2sPool);
    assert.equal(ALLOW_NAME_RE.exec(allow.name)![1], DENY_NAME_RE.exec(denyOf('VM-FS01')[0]![0]!.name)![1]);
    ctx.clock.advance(30 * 60);
    assert.deepEqual(allowOf('VM-FS01'), [[]]);
    assert.deepEqual([portOf(req).status, portOf(req).statusReason], ['Revoked', 'Expired']);
  });

  test('a newer request supersedes the older, whose rule stays until the new one appears', () => {
    const older = initiate('VM-FS01', 3389);
    ctx.clock.advance(61);
    const oldRule = allowOf('VM-FS01')[0]![0]!.name;
    const newer = initiate('VM-FS01', 3389, 120);
    assert.deepEqual([portOf(older).status, portOf(older).statusReason], ['Revoked', 'NewerRequestInitiated']);
    assert.deepEqual(
      allowOf('VM-FS01')[0]!.map((r) => r.name),
      [oldRule],
      'no gap while the new rule propagates',
    );
    ctx.clock.advance(61);
    const now = allowOf('VM-FS01')[0]!;
    assert.equal(now.length, 1);
    assert.notEqual(now[0]!.name, oldRule);
    assert.equal(portOf(newer).status, 'Initiated');
  });

  test('three quick requests: the last one replaces the first rule even though the middle one never appeared', () => {
    initiate('VM-FS01', 3389);
    ctx.clock.advance(61);
    const first = allowOf('VM-FS01')[0]![0]!.name;
    const middle = initiate('VM-FS01', 3389, 90);
    ctx.clock.advance(10);
    const last = initiate('VM-FS01', 3389, 120);
    ctx.clock.advance(61);
    assert.deepEqual([portOf(middle).status, portOf(middle).statusReason], ['Revoked', 'NewerRequestInitiated']);
    const rules = allowOf('VM-FS01')[0]!;
    assert.equal(rules.length, 1, rules.map((r) => r.name).join(', '));
    assert.notEqual(rules[0]!.name, first);
    assert.equal(portOf(last).status, 'Initiated');
  });

  test('with newerRequestRevokes off both grants live side by side', () => {
    ctx.settings.newerRequestRevokes = false;
    const older = initiate('VM-FS01', 3389);
    initiate('VM-FS01', 3389, 90);
    ctx.clock.advance(61);
    assert.equal(allowOf('VM-FS01')[0]!.length, 2);
    assert.deepEqual(
      allowOf('VM-FS01')[0]!
        .map((r) => r.properties.priority)
        .sort(),
      [100, 101],
    );
    assert.equal(portOf(older).status, 'Initiated');
  });

  test('put replaces the VM list: removed VMs lose their JIT rules and grants, user rules stay', () => {
    const nic = vmTopology(ctx.estate, vmId('vm-web01'))!.nsgs[0]!;
    initiate('vm-web01', 22);
    ctx.clock.advance(61);
    assert.equal(allowOf('vm-web01')[0]!.length, 1);
    const keep = ctx.estate.jitPolicy(
      `/subscriptions/${DEMO.prodSubscriptionId}/resourceGroups/rg-servers/providers/Microsoft.Security/locations/westeurope/jitNetworkAccessPolicies/default`,
    )!;
    // Defender spells the policy's VM ids in its own case: compare case-insensitively.
    const fs01 = keep.properties.virtualMachines.find((v) => v.id.toLowerCase().endsWith('/vm-fs01'))!;
    engine.putPolicy(P, {
      properties: {
        virtualMachines: [
          {
            id: fs01.id,
            ports: [{ number: 22, protocol: 'TCP', allowedSourceAddressPrefix: '*', maxRequestAccessDuration: 'PT1H' }],
          },
        ],
      },
    });
    assert.deepEqual(
      nic.properties.securityRules.map((r) => r.name),
      ['Allow-HTTPS'],
      'web01 keeps only its user rule',
    );
    const grant = keep.properties.requests[0]!.virtualMachines[0]!.ports[0]!;
    assert.deepEqual([grant.status, grant.statusReason], ['Revoked', 'Expired']);
    assert.equal(
      denyOf('VM-FS01')[0]![0]!.properties.destinationPortRange,
      '22',
      'the kept VM deny rule follows its new ports',
    );
    assert.deepEqual(denyOf('vm-dc01'), [[], []]);
    assert.equal(ctx.estate.jitPolicy(keep.id)!.properties.requests.length, 1, 'request history survives a put');
  });

  test('a restart (a new engine on the saved estate) re-arms pending rules and applies past-due expiry at once', () => {
    const longer = initiate('VM-FS01', 3389, 30);
    const applied = initiate('vm-sql01', 3389, 10);
    ctx.clock.advance(61);
    const pendingNew = initiate('vm-web01', 22, 60);
    engine.stop();
    ctx.clock.dispose();
    // The simulator was down for 20 minutes of simulated time.
    ctx.clock = new SimClock(ctx.clock.offset + 20 * 60_000);
    const again = new JitEngine(ctx);
    again.start();
    assert.deepEqual(
      [portOf(applied).status, portOf(applied).statusReason],
      ['Revoked', 'Expired'],
      'past-due expiry applied on start',
    );
    assert.deepEqual(allowOf('vm-sql01'), [[]]);
    assert.equal(allowOf('vm-web01')[0]!.length, 1, 'a due appearance applied on start');
    assert.equal(portOf(pendingNew).status, 'Initiated');
    assert.equal(portOf(longer).status, 'Initiated');
    ctx.clock.advance(11 * 60);
    assert.equal(portOf(longer).status, 'Revoked', 're-armed expiry fires');
    again.stop();
  });

  test('delete removes every JIT rule of the policy and nothing else', () => {
    initiate('vm-dc01', 3389);
    ctx.clock.advance(61);
    assert.deepEqual(
      allowOf('vm-dc01').map((r) => r.length),
      [1, 1],
    );
    assert.equal(engine.deletePolicy(P), true);
    assert.equal(engine.deletePolicy(P), false);
    assert.deepEqual(
      rulesOf('vm-dc01').map((rules) => rules.map((r) => r.name)),
      [['Allow-LDAP-from-VNet'], []],
    );
    const nsg = vmTopology(ctx.estate, vmId('vm-build01'))!.nsgs[0]!;
    nsg.properties.securityRules.push(
      inboundRule(nsg.id, 'SecurityCenter-JITRule_like-but-user', 300, 'Deny', '22', '*'),
    );
    engine.start();
    assert.equal(nsg.properties.securityRules.length, 1, 'start never touches rules of other names');
  });

  test('a pre-2023 deny rule (SecurityCenter-JITRule) is updated in place by a put and cleaned up when its VM goes', () => {
    const nsg = vmTopology(ctx.estate, vmId('vm-sql01'))!.nsgs[0]!;
    const legacy = denyOf('vm-sql01')[0]![0]!;
    assert.match(legacy.name, /^SecurityCenter-JITRule_/);
    assert.match(legacy.properties.description!, /^ASC JIT Network Access rule for policy 'default' of VM 'vm-sql01'/);
    const policy = serversPolicy();
    const sql = policy.properties.virtualMachines.find((v) => v.id.endsWith('vm-sql01'))!;
    const others = policy.properties.virtualMachines.filter((v) => v !== sql);
    const port = (n: number) => ({
      number: n,
      protocol: 'TCP',
      allowedSourceAddressPrefix: '*',
      maxRequestAccessDuration: 'PT1H',
    });
    engine.putPolicy(P, {
      properties: { virtualMachines: [...others, { id: sql.id, ports: [port(3389), port(1433)] }] },
    });
    const updated = denyOf('vm-sql01')[0]!;
    assert.deepEqual(
      updated.map((r) => [r.name, r.properties.destinationPortRanges, r.properties.protocol]),
      [[legacy.name, ['1433', '3389'], '*']],
      'same rule, new ports; no second deny rule beside it',
    );
    engine.putPolicy(P, { properties: { virtualMachines: others } });
    assert.deepEqual(
      nsg.properties.securityRules.map((r) => r.name),
      [],
      'the legacy deny rule is JIT cleanup, like a new one',
    );
  });

  test('a grant whose allow rule carries the old prefix (saved by an older simulator) expires and is superseded', () => {
    const legacyName = (req: ReturnType<typeof initiate>) => {
      const p = portOf(req) as JitRequestPort & { _rule: string };
      p._rule = p._rule.replace('MicrosoftDefenderForCloud', 'SecurityCenter');
      return p._rule;
    };
    const older = initiate('vm-sql01', 3389, 30);
    const oldRule = legacyName(older);
    ctx.clock.advance(61);
    const [rule] = allowOf('vm-sql01')[0]!;
    assert.equal(rule!.name, oldRule);
    assert.match(rule!.properties.description!, /^ASC JIT Network Access rule created by an initiation request/);
    initiate('vm-sql01', 3389, 60);
    assert.deepEqual(
      allowOf('vm-sql01')[0]!.map((r) => r.name),
      [oldRule],
      'the old-prefix rule stays until its successor appears',
    );
    ctx.clock.advance(61);
    const after = allowOf('vm-sql01')[0]!.map((r) => r.name);
    assert.equal(after.length, 1);
    assert.match(after[0]!, /^MicrosoftDefenderForCloud-JITRule-/, 'superseded: replaced by a new-prefix rule');
    assert.deepEqual([portOf(older).status, portOf(older).statusReason], ['Revoked', 'NewerRequestInitiated']);

    const expiring = initiate('VM-FS01', 3389, 5);
    const expiringRule = legacyName(expiring);
    ctx.clock.advance(61);
    assert.deepEqual(
      allowOf('VM-FS01')[0]!.map((r) => r.name),
      [expiringRule],
    );
    ctx.clock.advance(5 * 60);
    assert.deepEqual(allowOf('VM-FS01'), [[]], 'expired: the old-prefix rule goes');
  });

  test('a policy put reads Updating for one propagation delay, then Succeeded', () => {
    const policy = serversPolicy();
    assert.equal(engine.isUpdating(policy), false);
    const { doc } = engine.putPolicy(P, { properties: { virtualMachines: policy.properties.virtualMachines } });
    assert.equal(engine.isUpdating(doc), true);
    ctx.clock.advance(61);
    assert.equal(engine.isUpdating(doc), false);
  });
});

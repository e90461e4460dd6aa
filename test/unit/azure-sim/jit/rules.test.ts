/** NSG edits of JIT: rule names, priorities (allow from 100 up, deny from 4096 down), updates and removal. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Estate } from '../../../../electron/azure-sim/model/estate';
import { addNsg, inboundRule } from '../../../../electron/azure-sim/seeds/nsg-builders';
import {
  ALLOW_NAME_RE,
  DENY_NAME_RE,
  allowDescription,
  allowRuleName,
  denyDescription,
  denyRuleName,
  isDenyRuleOf,
  isLegacyName,
  LEGACY_RULE_STEM,
  vmRuleNumber,
} from '../../../../electron/azure-sim/jit/names';
import { addAllowRule, freePriority, removeRules, upsertDenyRule } from '../../../../electron/azure-sim/jit/rules';

const POLICY =
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Security/locations/westeurope/jitNetworkAccessPolicies/default';
const VM = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1';
const nsgOf = (rules: Parameters<typeof addNsg>[3] = () => []) =>
  addNsg(new Estate(), { subscriptionId: 's', resourceGroup: 'rg', location: 'westeurope' }, 'nsg', rules);

test("names follow Defender's 2023 convention and share the per-VM number", () => {
  const nsg = nsgOf();
  const deny = denyRuleName(POLICY, VM, nsg.id);
  const allow = allowRuleName(POLICY, VM);
  const d = DENY_NAME_RE.exec(deny);
  const a = ALLOW_NAME_RE.exec(allow);
  assert.ok(d, deny);
  assert.ok(a, allow);
  assert.equal(d[1], a[1], 'allow and deny of one VM share <int>');
  assert.equal(Number(d[1]), vmRuleNumber(POLICY, VM));
  assert.equal(denyRuleName(POLICY, VM.toUpperCase(), nsg.id), deny, 'deterministic and case-insensitive');
  assert.notEqual(allowRuleName(POLICY, VM), allow, 'each grant gets a fresh allow name');
  assert.match(deny, /^MicrosoftDefenderForCloud-JITRule_-?\d+_[0-9A-F]{32}$/);
  assert.match(allow, /^MicrosoftDefenderForCloud-JITRule--?\d+-[0-9A-F]{32}$/);
  assert.ok(isDenyRuleOf(POLICY, VM)(deny));
  assert.ok(!isDenyRuleOf(POLICY, `${VM}2`)(deny), 'another VM of the policy has its own number');
  assert.notEqual(vmRuleNumber(POLICY, VM), vmRuleNumber(POLICY, `${VM}2`));
  assert.equal(
    allowDescription('default', 'WIN'),
    "MDC JIT Network Access rule created by an initiation request for policy 'default' of VM 'WIN'.",
  );
  assert.equal(denyDescription('default', 'WIN'), "MDC JIT Network Access rule for policy 'default' of VM 'WIN'.");
});

test('rules named before the 2023 renaming (SecurityCenter-JITRule) are still recognised as JIT rules', () => {
  const nsg = nsgOf();
  const legacyDeny = denyRuleName(POLICY, VM, nsg.id, LEGACY_RULE_STEM);
  assert.match(legacyDeny, /^SecurityCenter-JITRule_-?\d+_[0-9A-F]{32}$/);
  assert.ok(DENY_NAME_RE.test(legacyDeny));
  assert.ok(isDenyRuleOf(POLICY, VM)(legacyDeny), 'the same VM number under the old stem');
  assert.ok(isLegacyName(legacyDeny));
  const legacyAllow = allowRuleName(POLICY, VM).replace('MicrosoftDefenderForCloud', 'SecurityCenter');
  assert.ok(ALLOW_NAME_RE.test(legacyAllow));
  assert.ok(!ALLOW_NAME_RE.test('SecurityCenter-JITRule-like-but-user'));
  assert.ok(!isLegacyName(denyRuleName(POLICY, VM, nsg.id)));
  assert.equal(
    denyDescription('default', 'WIN', true),
    "ASC JIT Network Access rule for policy 'default' of VM 'WIN'.",
  );
});

test('free priorities skip rules in use (inbound only)', () => {
  const nsg = nsgOf((id) => [
    inboundRule(id, 'u100', 100, 'Allow', '443', '*'),
    inboundRule(id, 'u101', 101, 'Allow', '80', '*'),
    inboundRule(id, 'u4096', 4096, 'Deny', '25', '*'),
  ]);
  assert.equal(freePriority(nsg, 'up'), 102);
  assert.equal(freePriority(nsg, 'down'), 4095);
  const out = inboundRule(nsg.id, 'out', 102, 'Allow', '*', '*');
  out.properties.direction = 'Outbound';
  nsg.properties.securityRules.push(out);
  assert.equal(freePriority(nsg, 'up'), 102, 'outbound priorities do not collide with inbound ones');
});

test('deny rules: one per VM and NSG, near 4096, updated in place', () => {
  const nsg = nsgOf();
  const etag0 = nsg.etag;
  const spec = {
    name: denyRuleName(POLICY, VM, nsg.id),
    description: denyDescription('default', 'vm1'),
    destination: '10.0.0.4',
    ports: [3389],
  };
  assert.equal(upsertDenyRule(nsg, spec), true);
  assert.notEqual(nsg.etag, etag0, 'the NSG etag changes with its rules');
  assert.equal(upsertDenyRule(nsg, spec), false, 'ensuring twice changes nothing');
  const rule = nsg.properties.securityRules[0]!;
  assert.deepEqual(
    { ...rule.properties },
    {
      description: spec.description,
      protocol: '*',
      sourcePortRange: '*',
      destinationPortRange: '3389',
      sourceAddressPrefix: '*',
      destinationAddressPrefix: '10.0.0.4',
      access: 'Deny',
      priority: 4096,
      direction: 'Inbound',
      provisioningState: 'Succeeded',
    },
  );
  assert.equal(upsertDenyRule(nsg, { ...spec, ports: [5986, 22, 3389] }), true);
  assert.deepEqual(
    rule.properties.destinationPortRanges,
    ['22', '3389', '5986'],
    'several ports: destinationPortRanges, sorted',
  );
  assert.equal(rule.properties.destinationPortRange, undefined);
  assert.equal(rule.properties.priority, 4096, 'an update keeps the priority');
  const other = { ...spec, name: denyRuleName(POLICY, `${VM}2`, nsg.id), destination: '10.0.0.5' };
  upsertDenyRule(nsg, other);
  assert.equal(nsg.properties.securityRules[1]!.properties.priority, 4095);
});

test('allow rules take the first free priority from 100, single-valued fields, protocol *', () => {
  const nsg = nsgOf((id) => [inboundRule(id, 'user-100', 100, 'Allow', '443', 'Internet')]);
  const name = allowRuleName(POLICY, VM);
  assert.equal(
    addAllowRule(nsg, { name, description: 'd', destination: '10.0.0.4', port: 3389, sources: ['10.13.1.0/24'] }),
    true,
  );
  assert.equal(
    addAllowRule(nsg, { name, description: 'd', destination: '10.0.0.4', port: 3389, sources: ['10.13.1.0/24'] }),
    false,
    'same name twice is a no-op',
  );
  const rule = nsg.properties.securityRules.find((r) => r.name === name)!;
  assert.equal(rule.properties.priority, 101);
  assert.equal(rule.properties.protocol, '*');
  assert.equal(rule.properties.destinationPortRange, '3389');
  assert.equal(rule.properties.sourceAddressPrefix, '10.13.1.0/24');
  assert.equal(rule.properties.destinationAddressPrefix, '10.0.0.4');
  assert.equal(rule.properties.access, 'Allow');
  assert.equal(rule.id, `${nsg.id}/securityRules/${name}`);
  assert.equal(
    removeRules(nsg, (n) => n === name),
    true,
  );
  assert.equal(
    removeRules(nsg, (n) => n === name),
    false,
  );
  assert.deepEqual(
    nsg.properties.securityRules.map((r) => r.name),
    ['user-100'],
    'user rules stay',
  );
  const several = allowRuleName(POLICY, VM);
  addAllowRule(nsg, {
    name: several,
    description: 'd',
    destination: '10.0.0.4',
    port: 22,
    sources: ['1.2.3.4', '5.6.7.0/24'],
  });
  const multi = nsg.properties.securityRules.find((r) => r.name === several)!.properties;
  assert.deepEqual(multi.sourceAddressPrefixes, ['1.2.3.4', '5.6.7.0/24'], 'several sources: sourceAddressPrefixes');
  assert.equal(multi.sourceAddressPrefix, undefined);
});

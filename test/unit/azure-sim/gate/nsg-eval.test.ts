/** The gate's own NSG evaluation: priorities, first match, default rules, service tags, ports and protocols. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSecurityRules, inboundRule } from '../../../../electron/azure-sim/seeds/nsg-builders';
import {
  addressMatches,
  evaluateNsg,
  portMatches,
  AZURE_LOAD_BALANCER_IP,
  type Flow,
} from '../../../../electron/azure-sim/gate/nsg-eval';
import type { SecurityRule } from '../../../../electron/azure-sim/model/resources';

const NSG = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/n';
const tags = { virtualNetwork: ['10.10.0.0/16', '10.13.1.0/24'] };
const flow = (over: Partial<Flow> = {}): Flow => ({
  direction: 'Inbound',
  protocol: 'Tcp',
  sourceIp: '10.13.1.7',
  destinationIp: '10.10.1.4',
  destinationPort: 3389,
  ...over,
});
const defaults = defaultSecurityRules(NSG);

test('with only the default rules, VirtualNetwork sources are allowed and the Internet is denied', () => {
  assert.deepEqual(evaluateNsg(defaults, flow(), tags), { access: 'Allow', rule: 'AllowVnetInBound', priority: 65000 });
  assert.deepEqual(evaluateNsg(defaults, flow({ sourceIp: '203.0.113.7' }), tags), {
    access: 'Deny',
    rule: 'DenyAllInBound',
    priority: 65500,
  });
  assert.equal(
    evaluateNsg(defaults, flow({ sourceIp: AZURE_LOAD_BALANCER_IP }), tags).rule,
    'AllowAzureLoadBalancerInBound',
  );
});

test('the lowest priority number wins, whatever the array order', () => {
  const rules = [
    ...defaults,
    inboundRule(NSG, 'deny-4096', 4096, 'Deny', '3389', '*'),
    inboundRule(NSG, 'allow-100', 100, 'Allow', '3389', '10.13.1.0/24'),
  ];
  assert.equal(evaluateNsg(rules, flow(), tags).rule, 'allow-100');
  assert.equal(
    evaluateNsg(rules, flow({ sourceIp: '10.10.9.9' }), tags).rule,
    'deny-4096',
    'a VNet source not in the allow falls to the deny, before AllowVnetInBound',
  );
  const reversed = [inboundRule(NSG, 'deny-99', 99, 'Deny', '*', '*'), ...rules];
  assert.equal(evaluateNsg(reversed, flow(), tags).access, 'Deny');
});

test('outbound rules never judge inbound flows', () => {
  const out: SecurityRule = {
    ...inboundRule(NSG, 'out-allow', 100, 'Allow', '*', '*'),
    properties: { ...inboundRule(NSG, 'x', 100, 'Allow', '*', '*').properties, direction: 'Outbound' },
  };
  assert.equal(evaluateNsg([...defaults, out], flow({ sourceIp: '203.0.113.7' }), tags).rule, 'DenyAllInBound');
});

test('protocol, port ranges and plural fields', () => {
  const udp = inboundRule(NSG, 'udp-only', 100, 'Allow', '3389', '*', '*', 'Udp');
  assert.equal(
    evaluateNsg([...defaults, udp], flow({ sourceIp: '203.0.113.7' }), tags).rule,
    'DenyAllInBound',
    'a UDP rule does not admit TCP',
  );
  const range = inboundRule(NSG, 'range', 100, 'Allow', '3000-4000', '*');
  assert.equal(evaluateNsg([...defaults, range], flow({ sourceIp: '203.0.113.7' }), tags).rule, 'range');
  const plural: SecurityRule = inboundRule(NSG, 'plural', 100, 'Deny', '22', '*');
  delete plural.properties.destinationPortRange;
  plural.properties.destinationPortRanges = ['22', '3389', '5985'];
  delete plural.properties.sourceAddressPrefix;
  plural.properties.sourceAddressPrefixes = ['198.51.100.0/24', '10.13.1.0/24'];
  assert.equal(evaluateNsg([...defaults, plural], flow(), tags).rule, 'plural');
  assert.equal(evaluateNsg([...defaults, plural], flow({ destinationPort: 443 }), tags).rule, 'AllowVnetInBound');
  assert.ok(portMatches('*', 1));
  assert.ok(portMatches('22', 22));
  assert.ok(!portMatches('22', 23));
  assert.ok(portMatches('1000-2000', 2000));
  assert.ok(!portMatches('1000-2000', 999));
  assert.ok(!portMatches('22', undefined), 'an unknown source port only matches *');
  assert.ok(!portMatches('abc', 22));
});

test('destination must match too: a rule for another VM does not apply', () => {
  const other = inboundRule(NSG, 'other-vm', 100, 'Allow', '3389', '203.0.113.7', '10.10.1.5');
  assert.equal(evaluateNsg([...defaults, other], flow({ sourceIp: '203.0.113.7' }), tags).rule, 'DenyAllInBound');
  const mine = inboundRule(NSG, 'this-vm', 100, 'Allow', '3389', '203.0.113.7', '10.10.1.4');
  assert.equal(evaluateNsg([...defaults, mine], flow({ sourceIp: '203.0.113.7' }), tags).rule, 'this-vm');
});

test('service tags and wildcards', () => {
  assert.ok(addressMatches('*', '1.2.3.4', tags));
  assert.ok(addressMatches('Any', '1.2.3.4', tags));
  assert.ok(addressMatches('VirtualNetwork', '10.13.1.7', tags), 'the P2S pool counts as VirtualNetwork');
  assert.ok(addressMatches('virtualnetwork', '10.10.200.1', tags), 'tags are case-insensitive');
  assert.ok(!addressMatches('VirtualNetwork', '203.0.113.7', tags));
  assert.ok(addressMatches('Internet', '203.0.113.7', tags));
  assert.ok(!addressMatches('Internet', '10.13.1.7', tags));
  assert.ok(!addressMatches('Internet', AZURE_LOAD_BALANCER_IP, tags));
  assert.ok(addressMatches('AzureLoadBalancer', AZURE_LOAD_BALANCER_IP, tags));
  assert.ok(!addressMatches('Storage', '10.13.1.7', tags), 'unmodelled tags never match');
  assert.ok(addressMatches('10.13.1.7', '10.13.1.7', tags));
  assert.ok(!addressMatches('10.13.1.8', '10.13.1.7', tags));
});

test('no matching rule at all means deny', () => {
  assert.equal(evaluateNsg([], flow(), tags).access, 'Deny');
});

/**
 * NSG evaluation: priority order decides (never rule names or fixed priorities), Allow and Deny, protocols, single
 * and plural port and address fields, service tags, `*`, a whole source range, and NIC + subnet both having to allow.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateAll, evaluateInbound, type InboundFlow, type NsgRule } from '../../../../shared/nsg/nsg-eval';

const tags = { virtualNetwork: ['10.10.0.0/16', '10.13.1.0/24'] };
const flow: InboundFlow = { source: '10.13.1.0/24', destinationIp: '10.10.1.4', port: 3389, protocol: 'Tcp' };
const rule = (name: string, priority: number, access: 'Allow' | 'Deny', extra: Partial<NsgRule> = {}): NsgRule => ({
  name,
  priority,
  access,
  direction: 'Inbound',
  protocol: '*',
  sourcePortRange: '*',
  destinationPortRange: '3389',
  sourceAddressPrefix: '*',
  destinationAddressPrefix: '*',
  ...extra,
});
const defaults: NsgRule[] = [
  rule('AllowVnetInBound', 65000, 'Allow', {
    destinationPortRange: '*',
    sourceAddressPrefix: 'VirtualNetwork',
    destinationAddressPrefix: 'VirtualNetwork',
  }),
  rule('AllowAzureLoadBalancerInBound', 65001, 'Allow', {
    destinationPortRange: '*',
    sourceAddressPrefix: 'AzureLoadBalancer',
  }),
  rule('DenyAllInBound', 65500, 'Deny', { destinationPortRange: '*' }),
];
const jitDeny = rule('Whatever-Name', 4096, 'Deny');

describe('evaluateInbound', () => {
  test('the lowest priority number decides, whatever the names or the order in the list', () => {
    const allow = rule('zzz', 100, 'Allow', { sourceAddressPrefix: '10.13.1.0/24' });
    assert.equal(evaluateInbound([...defaults, jitDeny], flow, tags).access, 'Deny');
    assert.deepEqual(evaluateInbound([jitDeny, ...defaults, allow], flow, tags), {
      access: 'Allow',
      rule: 'zzz',
      priority: 100,
    });
    const lowAllow = { ...allow, priority: 4097 };
    assert.equal(evaluateInbound([lowAllow, jitDeny, ...defaults], flow, tags).rule, 'Whatever-Name');
  });

  test('an allow must cover the whole source range; a deny touching part of it blocks', () => {
    const narrow = rule('narrow', 100, 'Allow', { sourceAddressPrefix: '10.13.1.7' });
    assert.equal(evaluateInbound([narrow, jitDeny, ...defaults], flow, tags).access, 'Deny');
    assert.equal(
      evaluateInbound([narrow, jitDeny, ...defaults], { ...flow, source: '10.13.1.7' }, tags).access,
      'Allow',
    );
    const partDeny = rule('part', 90, 'Deny', { sourceAddressPrefix: '10.13.1.128/25' });
    const wide = rule('wide', 100, 'Allow', { sourceAddressPrefix: '10.0.0.0/8' });
    assert.equal(evaluateInbound([partDeny, wide, jitDeny, ...defaults], flow, tags).rule, 'part');
    assert.equal(evaluateInbound([wide, { ...partDeny, priority: 110 }, ...defaults], flow, tags).rule, 'wide');
  });

  test('protocol: Tcp and * match a TCP flow, Udp does not', () => {
    const udp = rule('udp', 100, 'Allow', { protocol: 'Udp' });
    const tcp = rule('tcp', 101, 'Allow', { protocol: 'Tcp' });
    assert.equal(evaluateInbound([udp, tcp, jitDeny], flow, tags).rule, 'tcp');
    assert.equal(evaluateInbound([udp, jitDeny], flow, tags).rule, 'Whatever-Name');
  });

  test('plural fields are read when set; port ranges; a specific source port never counts as covering', () => {
    const plural = rule('plural', 100, 'Allow', {
      destinationPortRange: undefined,
      destinationPortRanges: ['22', '3000-3400'],
      sourceAddressPrefix: undefined,
      sourceAddressPrefixes: ['192.0.2.0/24', '10.13.0.0/16'],
      destinationAddressPrefix: undefined,
      destinationAddressPrefixes: ['10.10.1.4/32'],
    });
    assert.equal(evaluateInbound([plural, jitDeny], flow, tags).rule, 'plural');
    assert.equal(evaluateInbound([plural, ...defaults], { ...flow, port: 5985 }, tags).rule, 'AllowVnetInBound');
    assert.equal(evaluateInbound([plural], { ...flow, port: 5985 }, tags).access, 'Deny');
    assert.equal(
      evaluateInbound([plural, jitDeny], { ...flow, destinationIp: '10.10.1.5' }, tags).rule,
      'Whatever-Name',
    );
    const srcPort = rule('srcport', 100, 'Allow', { sourcePortRange: '1024-65535' });
    assert.equal(evaluateInbound([srcPort, jitDeny], flow, tags).rule, 'Whatever-Name');
  });

  test('service tags: VirtualNetwork, Internet, AzureLoadBalancer, and `*`', () => {
    const internet = rule('internet', 100, 'Allow', { sourceAddressPrefix: 'Internet' });
    assert.equal(evaluateInbound([internet, ...defaults], flow, tags).rule, 'AllowVnetInBound');
    assert.equal(evaluateInbound([internet, ...defaults], { ...flow, source: '203.0.113.7' }, tags).rule, 'internet');
    assert.equal(evaluateInbound(defaults, { ...flow, source: '203.0.113.7' }, tags).rule, 'DenyAllInBound');
    assert.equal(evaluateInbound(defaults, { ...flow, source: '168.63.129.16' }, tags).access, 'Allow');
    assert.equal(evaluateInbound([rule('any', 100, 'Allow')], flow, tags).access, 'Allow');
    assert.equal(evaluateInbound([], flow, tags).access, 'Deny', 'nothing matched: denied');
  });

  test('outbound rules are ignored', () => {
    const out = rule('out', 100, 'Allow', { direction: 'Outbound' });
    assert.equal(evaluateInbound([out, jitDeny], flow, tags).rule, 'Whatever-Name');
  });
});

describe('evaluateAll', () => {
  test('an NSG on the NIC and one on the subnet must both allow', () => {
    const allow = rule('allow', 100, 'Allow', { sourceAddressPrefix: '10.13.1.0/24' });
    const nic = { id: 'nic', rules: [allow, jitDeny, ...defaults] };
    const subnet = { id: 'subnet', rules: [jitDeny, ...defaults] };
    const r = evaluateAll([nic, subnet], flow, tags);
    assert.equal(r.access, 'Deny');
    assert.deepEqual(
      r.verdicts.map((v) => `${v.nsg}:${v.access}`),
      ['nic:Allow', 'subnet:Deny'],
    );
    assert.equal(evaluateAll([nic, { id: 'subnet', rules: [allow, ...subnet.rules] }], flow, tags).access, 'Allow');
  });
});

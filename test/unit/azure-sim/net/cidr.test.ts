/** CIDR math of the simulator's gate: parsing, canonical form, containment. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cidrContains,
  cidrContainsIp,
  cidrOverlaps,
  formatCidr,
  formatIpv4,
  ipInAny,
  maskOf,
  parseCidr,
  parseIpv4,
  sameRange,
} from '../../../../electron/azure-sim/net/cidr';

const c = (t: string) => {
  const r = parseCidr(t);
  assert.ok(r, `${t} should parse`);
  return r;
};

test('parses dotted quads and refuses anything else', () => {
  assert.equal(parseIpv4('10.13.1.7'), 0x0a0d0107);
  assert.equal(parseIpv4('255.255.255.255'), 0xffffffff);
  assert.equal(parseIpv4('0.0.0.0'), 0);
  for (const bad of [
    '10.13.1',
    '10.13.1.7.1',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3.-4',
    'a.b.c.d',
    '',
    ' 1.2.3.4',
    '::1',
    '1.2.3.4/32',
  ]) {
    assert.equal(parseIpv4(bad), undefined, bad);
  }
  assert.equal(formatIpv4(0xc0a80114), '192.168.1.20');
});

test('masks and canonical forms', () => {
  assert.equal(maskOf(0), 0);
  assert.equal(maskOf(24), 0xffffff00);
  assert.equal(maskOf(32), 0xffffffff);
  assert.deepEqual(c('10.13.1.0/24'), { base: 0x0a0d0100, bits: 24, hostBitsSet: false });
  assert.deepEqual(c('10.13.1.7/24'), { base: 0x0a0d0100, bits: 24, hostBitsSet: true });
  assert.equal(c('203.0.113.7').bits, 32);
  assert.equal(formatCidr(c('10.13.1.7/24')), '10.13.1.0/24');
  assert.equal(formatCidr(c('203.0.113.7/32')), '203.0.113.7');
  assert.equal(formatCidr(c('0.0.0.0/0')), '0.0.0.0/0');
  for (const bad of ['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/08', '10.0.0.0/-1', '*', 'VirtualNetwork', '2001:db8::/32'])
    assert.equal(parseCidr(bad), undefined, bad);
});

test('containment of ranges and addresses, including the edges', () => {
  assert.ok(cidrContains(c('10.13.1.0/24'), c('10.13.1.7')));
  assert.ok(cidrContains(c('10.13.1.0/24'), c('10.13.1.128/25')));
  assert.ok(cidrContains(c('10.13.1.0/24'), c('10.13.1.0/24')));
  assert.ok(!cidrContains(c('10.13.1.0/25'), c('10.13.1.0/24')), 'a wider range is not inside a narrower one');
  assert.ok(!cidrContains(c('10.13.1.0/24'), c('10.13.2.1')));
  assert.ok(cidrContains(c('0.0.0.0/0'), c('203.0.113.7')));
  assert.ok(cidrContainsIp(c('10.13.1.0/24'), parseIpv4('10.13.1.255')!));
  assert.ok(!cidrContainsIp(c('10.13.1.0/24'), parseIpv4('10.13.2.0')!));
  assert.ok(cidrContainsIp(c('255.255.255.255/32'), 0xffffffff), 'no sign trouble at the top of the space');
  assert.ok(cidrContainsIp(c('128.0.0.0/1'), parseIpv4('200.1.1.1')!));
  assert.ok(!cidrContainsIp(c('128.0.0.0/1'), parseIpv4('127.255.255.255')!));
});

test('same range and overlap', () => {
  assert.ok(sameRange(c('10.0.0.4'), c('10.0.0.4/32')));
  assert.ok(sameRange(c('10.13.1.7/24'), c('10.13.1.0/24')));
  assert.ok(!sameRange(c('10.13.1.0/24'), c('10.13.1.0/25')));
  assert.ok(cidrOverlaps(c('10.0.0.0/8'), c('10.20.1.0/24')));
  assert.ok(!cidrOverlaps(c('10.0.0.0/16'), c('10.1.0.0/16')));
  assert.ok(ipInAny('10.20.1.4', ['192.168.0.0/16', '10.20.0.0/16']));
  assert.ok(!ipInAny('10.20.1.4', ['garbage', '10.21.0.0/16']));
  assert.ok(!ipInAny('not-an-ip', ['0.0.0.0/0']));
});

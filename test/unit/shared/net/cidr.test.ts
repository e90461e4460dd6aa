import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containsCidr, containsIp, formatCidr, parseCidr, parseIpv4 } from '../../../../shared/net/cidr';

test('dotted quads parse; anything else is refused', () => {
  assert.equal(parseIpv4('10.13.1.7'), (10 << 24) + (13 << 16) + (1 << 8) + 7);
  assert.equal(parseIpv4('255.255.255.255'), 0xffffffff);
  for (const bad of ['10.13.1', '10.13.1.256', '010.1.1.1', '1.2.3.4.5', 'a.b.c.d', '', '::1'])
    assert.equal(parseIpv4(bad), undefined, bad);
});

test('ranges start at their network address; a bare address is a /32', () => {
  assert.equal(formatCidr(parseCidr('10.13.1.0/24')!), '10.13.1.0/24');
  assert.equal(formatCidr(parseCidr('203.0.113.7')!), '203.0.113.7/32');
  assert.equal(formatCidr(parseCidr('0.0.0.0/0')!), '0.0.0.0/0');
  for (const bad of ['10.13.1.7/24', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/08', '10.0.0.0/8/1', '*'])
    assert.equal(parseCidr(bad), undefined, bad);
});

test('containment of addresses and ranges, edges included', () => {
  const pool = parseCidr('10.13.1.0/24')!;
  assert.ok(containsIp(pool, parseIpv4('10.13.1.0')!));
  assert.ok(containsIp(pool, parseIpv4('10.13.1.255')!));
  assert.ok(!containsIp(pool, parseIpv4('10.13.2.0')!));
  assert.ok(containsCidr(pool, parseCidr('10.13.1.128/25')!));
  assert.ok(containsCidr(pool, pool));
  assert.ok(!containsCidr(pool, parseCidr('10.13.0.0/16')!));
  assert.ok(containsCidr(parseCidr('0.0.0.0/0')!, pool));
});

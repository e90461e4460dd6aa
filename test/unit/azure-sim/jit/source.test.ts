/** Which request sources a JIT policy port allows, for the single prefix and the prefix list, exact and contains. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedSources, sourceAllowed } from '../../../../electron/azure-sim/jit/source';
import type { JitPortRule } from '../../../../electron/azure-sim/model/resources';

const rule = (allowed: string | string[]): JitPortRule => ({
  number: 22,
  protocol: 'TCP',
  maxRequestAccessDuration: 'PT3H',
  ...(Array.isArray(allowed) ? { allowedSourceAddressPrefixes: allowed } : { allowedSourceAddressPrefix: allowed }),
});

test("a single '*' allows anything, '*' included", () => {
  for (const s of ['*', '203.0.113.7', '10.13.1.0/24', '0.0.0.0/0']) assert.ok(sourceAllowed(rule('*'), s, 'exact'), s);
});

test('a single prefix allows what lies inside it, in both match modes', () => {
  const r = rule('10.13.1.0/24');
  for (const mode of ['exact', 'contains'] as const) {
    assert.ok(sourceAllowed(r, '10.13.1.7', mode));
    assert.ok(sourceAllowed(r, '10.13.1.0/25', mode));
    assert.ok(sourceAllowed(r, '10.13.1.0/24', mode));
    assert.ok(!sourceAllowed(r, '10.13.0.0/16', mode), 'wider than allowed');
    assert.ok(!sourceAllowed(r, '203.0.113.7', mode));
    assert.ok(!sourceAllowed(r, '*', mode));
  }
});

test('a prefix list needs an exact entry, or with contains a sub-range', () => {
  const r = rule(['10.13.1.0/24', '198.51.100.0/24']);
  assert.ok(sourceAllowed(r, '10.13.1.0/24', 'exact'));
  assert.ok(sourceAllowed(r, '198.51.100.0/24', 'exact'));
  assert.ok(!sourceAllowed(r, '10.13.1.7', 'exact'), 'a single address of the pool is not an exact entry');
  assert.ok(!sourceAllowed(r, '10.13.1.0/25', 'exact'));
  assert.ok(sourceAllowed(r, '10.13.1.7', 'contains'));
  assert.ok(sourceAllowed(r, '198.51.100.128/25', 'contains'));
  assert.ok(!sourceAllowed(r, '203.0.113.7', 'contains'));
  assert.ok(!sourceAllowed(r, '*', 'contains'));
  assert.ok(sourceAllowed(rule(['203.0.113.7']), '203.0.113.7/32', 'exact'), 'an address equals its /32');
});

test('allowed sources read as a list', () => {
  assert.deepEqual(allowedSources(rule('*')), ['*']);
  assert.deepEqual(allowedSources(rule(['10.13.1.0/24'])), ['10.13.1.0/24']);
});

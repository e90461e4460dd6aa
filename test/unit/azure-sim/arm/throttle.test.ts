import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Throttle } from '../../../../electron/azure-sim/arm/throttle';

test('reads: 250 burst, then 429 with a retry time, refilled at 25 per second', () => {
  let now = 1_000_000;
  const t = new Throttle(() => now);
  for (let i = 0; i < 250; i++) assert.ok('remaining' in t.take('sub:a', 'u1', 'reads'));
  const refused = t.take('sub:a', 'u1', 'reads');
  assert.ok('retryAfterSeconds' in refused && refused.retryAfterSeconds >= 1);
  now += 1000;
  let ok = 0;
  while ('remaining' in t.take('sub:a', 'u1', 'reads')) ok++;
  assert.equal(ok, 25);
});

test('buckets are per subscription, per principal and per kind', () => {
  const t = new Throttle(() => 0);
  for (let i = 0; i < 250; i++) t.take('sub:a', 'u1', 'reads');
  assert.ok('retryAfterSeconds' in t.take('sub:a', 'u1', 'reads'));
  assert.ok('remaining' in t.take('sub:b', 'u1', 'reads'));
  assert.ok('remaining' in t.take('sub:a', 'u2', 'reads'));
  assert.ok('remaining' in t.take('sub:a', 'u1', 'writes'));
});

test('remaining counts down', () => {
  const t = new Throttle(() => 0);
  const a = t.take('s', 'u', 'writes');
  const b = t.take('s', 'u', 'writes');
  assert.ok('remaining' in a && 'remaining' in b);
  assert.equal(a.remaining - b.remaining, 1);
  assert.equal(a.remaining, 199);
});

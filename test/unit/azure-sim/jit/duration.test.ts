/** ISO-8601 durations as JIT uses them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeMs, parseDurationMs } from '../../../../electron/azure-sim/jit/duration';

test('parses the durations JIT policies and the portal use', () => {
  assert.equal(parseDurationMs('PT3H'), 3 * 3600_000);
  assert.equal(parseDurationMs('PT5M'), 300_000);
  assert.equal(parseDurationMs('P1D'), 86_400_000);
  assert.equal(parseDurationMs('PT1H30M'), 5_400_000);
  assert.equal(parseDurationMs('PT90M'), 5_400_000);
  assert.equal(parseDurationMs('PT0.5S'), 500);
  assert.equal(parseDurationMs('P1W'), 7 * 86_400_000);
  assert.equal(parseDurationMs('P1DT2H'), 26 * 3600_000);
  assert.equal(parseDurationMs('pt3h'), 3 * 3600_000, 'case-insensitive');
});

test('refuses what is not a fixed-length ISO-8601 duration', () => {
  for (const bad of ['', 'P', 'PT', 'P1DT', '3H', 'PT3', 'P1Y', 'P1M', 'PT-1H', '1:00:00', 'PTH', 'P1H']) {
    assert.equal(parseDurationMs(bad), undefined, JSON.stringify(bad));
  }
});

test('describes durations in words for error messages', () => {
  assert.equal(describeMs(3 * 3600_000), '3 hours');
  assert.equal(describeMs(3600_000 + 60_000), '1 hour 1 minute');
  assert.equal(describeMs(86_400_000 + 1000), '1 day 1 second');
  assert.equal(describeMs(0), '0 seconds');
});

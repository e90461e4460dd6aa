import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeDuration, isoDuration, parseDuration } from '../../../../shared/time/duration';

const H = 3_600_000;

test('ISO-8601 durations with fixed-length units, and the short forms people type', () => {
  assert.equal(parseDuration('PT3H'), 3 * H);
  assert.equal(parseDuration('P1D'), 24 * H);
  assert.equal(parseDuration('PT1H30M'), 1.5 * H);
  assert.equal(parseDuration('PT5M'), 300_000);
  assert.equal(parseDuration('pt90s'), 90_000);
  assert.equal(parseDuration('90m'), 1.5 * H);
  assert.equal(parseDuration('1h'), H);
  assert.equal(parseDuration('1h30m'), 1.5 * H);
  assert.equal(parseDuration(' 2d '), 48 * H);
  for (const bad of ['', 'P', 'PT', 'P1DT', 'P1Y', 'P1M', 'P1W', 'PT0S', '0m', '1.5h', 'h', '-1h', '1 h', 'PT1H30'])
    assert.equal(parseDuration(bad), undefined, bad);
});

test('written back as Azure writes them, and in words', () => {
  assert.equal(isoDuration(3 * H), 'PT3H');
  assert.equal(isoDuration(1.5 * H), 'PT1H30M');
  assert.equal(isoDuration(24 * H), 'P1D');
  assert.equal(isoDuration(26 * H + 5000), 'P1DT2H5S');
  assert.equal(describeDuration(1.5 * H), '1 h 30 min');
  assert.equal(describeDuration(45_000), '45 s');
  assert.equal(describeDuration(0), '0 s');
});

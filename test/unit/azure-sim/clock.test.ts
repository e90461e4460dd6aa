import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimClock } from '../../../electron/azure-sim/clock';

test('advancing the clock fires due timers in order and leaves later ones', () => {
  const clock = new SimClock();
  const fired: string[] = [];
  const t0 = clock.nowMs();
  clock.at(t0 + 120_000, () => fired.push('2min'));
  clock.at(t0 + 60_000, () => fired.push('1min'));
  clock.at(t0 + 3_600_000, () => fired.push('1h'));
  clock.advance(150);
  assert.deepEqual(fired, ['1min', '2min']);
  assert.ok(clock.nowMs() - t0 >= 150_000);
  clock.dispose();
});

test('a cancelled timer never fires', () => {
  const clock = new SimClock();
  let fired = false;
  const cancel = clock.after(1000, () => (fired = true));
  cancel();
  clock.advance(5);
  assert.equal(fired, false);
  clock.dispose();
});

test('a negative advance is refused', () => {
  const clock = new SimClock();
  assert.throws(() => clock.advance(-1), RangeError);
});

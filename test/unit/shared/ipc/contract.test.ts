import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_CHANNELS, REQUEST_CHANNELS, REQUESTS, parseArgs } from '../../../../shared/ipc/contract';
import { VmSchema } from '../../../../shared/ipc/schemas';
import { sampleVm } from '../../../fixtures/vm';

test("channels are 'noun:verb'; events say what happened", () => {
  for (const c of [...REQUEST_CHANNELS, ...EVENT_CHANNELS]) assert.match(c, /^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/, c);
  // `grant:expiring` is the name DESIGN.md gives the reminder: the grant has entered its last minutes.
  for (const c of EVENT_CHANNELS) assert.match(c, /(ed|:expiring)$/, c);
});

test('arguments are strict: ids, not paths or command lines; unknown fields and bad values refused', () => {
  const vmId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/VM-FS01';
  assert.deepEqual(parseArgs('connect:preview', { vmId }), { vmId });
  for (const bad of [
    { vmId: '/etc/passwd' },
    { vmId, port: 70000 },
    { vmId, extra: 1 },
    { vmId, command: 'rm -rf /' },
    null,
    'VM-FS01',
  ])
    assert.throws(() => parseArgs('connect:preview', bad), JSON.stringify(bad));
  assert.throws(() => parseArgs('connect:start', { targets: [], launch: true }), /too_small|at least/i);
  assert.throws(() => parseArgs('session:get' as never, { token: 'x' }));
});

test('random payloads never get past the schemas unless valid, and never throw anything but a validation error', () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const values = [
    null,
    undefined,
    0,
    -1,
    1e9,
    '',
    'x'.repeat(5000),
    [],
    {},
    true,
    '/subscriptions/s',
    { __proto__: { a: 1 } },
  ];
  const pick = () => values[Math.floor(rnd() * values.length)];
  for (const channel of REQUEST_CHANNELS) {
    const keys = Object.keys((REQUESTS[channel].args as unknown as { shape: object }).shape ?? {});
    for (let i = 0; i < 1000; i++) {
      const payload: Record<string, unknown> = {};
      for (const k of [...keys, 'extra'].filter(() => rnd() < 0.5)) payload[k] = pick();
      try {
        parseArgs(channel, rnd() < 0.1 ? pick() : payload);
      } catch (err) {
        assert.equal((err as Error).name, 'ZodError', `${channel}: ${(err as Error).message}`);
      }
    }
  }
});

test('the VM schema accepts the VM view core builds and refuses extra fields', () => {
  assert.ok(VmSchema.safeParse(sampleVm()).success);
  assert.ok(!VmSchema.safeParse({ ...sampleVm(), accessToken: 'x' }).success);
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../electron/azure-sim/index';
import { control, mintArmToken, simFetch, startTestSim } from '../../fixtures/sim';

describe('control API', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startTestSim();
  });
  after(() => sim.close());

  test('state shows the clock, settings and estate', async () => {
    const s = (await control(sim, '/state', undefined, 'GET')) as {
      now: string;
      settings: { pageSize: number };
      estate: { seed: string; subscriptions: unknown[] };
    };
    assert.equal(s.estate.seed, 'demo');
    assert.equal(
      s.estate.subscriptions.length,
      5,
      'Contoso Production, Finance, Connectivity and Dev; Fabrikam Operations',
    );
    assert.ok(Math.abs(Date.parse(s.now) - Date.now()) < 5000);
  });

  test('advancing the clock moves the Date header of ARM answers', async () => {
    const before = Date.parse(
      String(
        (await simFetch(sim, '/subscriptions?api-version=2022-12-01', { token: mintArmToken(sim, 'helpdesk') })).headers
          .date,
      ),
    );
    await control(sim, '/clock/advance', { seconds: 7200 });
    const r = await simFetch(sim, '/subscriptions?api-version=2022-12-01', { token: mintArmToken(sim, 'helpdesk') });
    assert.equal(r.status, 200);
    const after = Date.parse(String(r.headers.date));
    assert.ok(after - before >= 7_199_000, `Date moved by ${after - before} ms`);
  });

  test('settings are validated and applied while running', async () => {
    const bad = await simFetch(sim, '/_sim/settings', { method: 'POST', body: { pageSize: 0 } });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /pageSize/);
    const unknown = await simFetch(sim, '/_sim/settings', { method: 'POST', body: { signInAs: 'mallory' } });
    assert.equal(unknown.status, 400);
    assert.match(unknown.text, /helpdesk/);
    const ok = (await control(sim, '/settings', { pageSize: 1, latencyMs: 5, signInAs: 'admin@contoso.com' })) as {
      pageSize: number;
      signInAs: string;
    };
    assert.equal(ok.pageSize, 1);
    assert.equal(ok.signInAs, 'admin');
    const r = await simFetch(sim, '/subscriptions?api-version=2022-12-01', { token: mintArmToken(sim, 'helpdesk') });
    const page = r.body as { value: unknown[]; nextLink?: string };
    assert.equal(page.value.length, 1);
    assert.ok(page.nextLink?.startsWith(sim.baseUrl));
    await control(sim, '/settings', { pageSize: 100, latencyMs: 0, signInAs: 'helpdesk' });
  });

  test('a fault answers matching ARM calls the given number of times, and the call log records it', async () => {
    await control(sim, '/calls', undefined, 'DELETE');
    await control(sim, '/faults', {
      method: 'GET',
      pathIncludes: '/SUBSCRIPTIONS',
      status: 503,
      retryAfterSeconds: 2,
      times: 2,
    });
    const token = mintArmToken(sim, 'helpdesk');
    const r1 = await simFetch(sim, '/subscriptions?api-version=2022-12-01', { token });
    const r2 = await simFetch(sim, '/subscriptions?api-version=2022-12-01', { token });
    const r3 = await simFetch(sim, '/subscriptions?api-version=2022-12-01', { token });
    assert.deepEqual([r1.status, r2.status, r3.status], [503, 503, 200]);
    assert.equal(r1.headers['retry-after'], '2');
    assert.equal((r1.body as { error: { code: string } }).error.code, 'ServiceUnavailable');
    const calls = (await control(sim, '/calls', undefined, 'GET')) as Array<{
      method: string;
      path: string;
      status: number;
      at: string;
    }>;
    assert.deepEqual(
      calls.map((c) => c.status),
      [503, 503, 200],
    );
    assert.equal(calls[0]!.path, '/subscriptions');
    assert.ok(!Number.isNaN(Date.parse(calls[0]!.at)));
    assert.deepEqual(await control(sim, '/faults', undefined, 'GET'), []);
  });

  test('a fault with delayMs holds the answer', async () => {
    await control(sim, '/faults', { pathIncludes: 'subscriptions', status: 500, delayMs: 300 });
    const t0 = Date.now();
    const r = await simFetch(sim, '/subscriptions?api-version=2022-12-01', { token: mintArmToken(sim, 'helpdesk') });
    assert.equal(r.status, 500);
    assert.ok(Date.now() - t0 >= 280);
  });

  test('a malformed fault is refused with the reason', async () => {
    const r = await simFetch(sim, '/_sim/faults', { method: 'POST', body: '{"status": ' });
    assert.equal(r.status, 400);
    assert.match(r.text, /malformed JSON/);
    const r2 = await simFetch(sim, '/_sim/faults', { method: 'POST', body: { status: 999 } });
    assert.equal(r2.status, 400);
  });

  test('reset replaces the estate with another seed and clears the call log', async () => {
    await control(sim, '/reset', { seed: 'scale:30:3' });
    const s = (await control(sim, '/state', undefined, 'GET')) as {
      estate: { seed: string; subscriptions: unknown[] };
    };
    assert.equal(s.estate.seed, 'scale:30:3');
    assert.equal(s.estate.subscriptions.length, 3);
    const bad = await simFetch(sim, '/_sim/reset', { method: 'POST', body: { seed: 'nope' } });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /scale:<vms>:<subs>/);
    await control(sim, '/reset', { seed: 'demo' });
    assert.deepEqual(await control(sim, '/calls', undefined, 'GET'), []);
  });

  test('unknown control endpoints answer 404, wrong methods 405', async () => {
    assert.equal((await simFetch(sim, '/_sim/nope')).status, 404);
    assert.equal((await simFetch(sim, '/_sim/state', { method: 'DELETE' })).status, 405);
  });
});

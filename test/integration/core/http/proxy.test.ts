/**
 * HTTPS_PROXY / NO_PROXY: MSAL's sign-in and the SDKs' ARM calls both go through a local CONNECT proxy when
 * HTTPS_PROXY is set (the transport's one port), still verifying the simulator's certificate against the profile's
 * CA; NO_PROXY bypasses it. Each case is a fresh process, as core-rest-pipeline reads NO_PROXY once per process.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { exited, firstLine } from '../../../fixtures/child';
import { startConnectProxy, type ConnectProxy } from '../../../fixtures/connect-proxy';
import { mintArmToken, startTestSim, tempDir } from '../../../fixtures/sim';

const WORKER = join(import.meta.dirname, 'fixtures', 'proxy-worker.ts');

describe('proxy', { timeout: 120_000 }, () => {
  let sim: Simulator;
  let proxy: ConnectProxy;
  let profileFile: string;
  let simHost: string;

  async function runWorker(op: string, env: Record<string, string>): Promise<Record<string, unknown>> {
    const {
      HTTPS_PROXY: _a,
      https_proxy: _b,
      NO_PROXY: _c,
      no_proxy: _d,
      HTTP_PROXY: _e,
      ALL_PROXY: _f,
      ...base
    } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, op, profileFile], {
      env: { ...base, ARM_TOKEN: mintArmToken(sim, 'helpdesk'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const line = await firstLine(child, 60_000, `proxy worker ${op}`, () => stderr);
    await exited(child, 10_000);
    return JSON.parse(line) as Record<string, unknown>;
  }

  before(async () => {
    sim = await startTestSim();
    proxy = await startConnectProxy();
    profileFile = join(tempDir('jit-proxy-'), 'profile.json');
    writeFileSync(profileFile, JSON.stringify(sim.profile));
    simHost = new URL(sim.baseUrl).host;
  });
  after(async () => {
    await proxy?.close();
    await sim?.close();
  });

  test("MSAL's sign-in goes through HTTPS_PROXY", async () => {
    proxy.connects.length = 0;
    const r = await runWorker('signin', { HTTPS_PROXY: proxy.url });
    assert.deepEqual(r, { ok: true, username: 'helpdesk@contoso.com' });
    assert.ok(proxy.connects.length >= 1, 'the proxy saw the sign-in');
    assert.ok(
      proxy.connects.every((c) => c === simHost),
      proxy.connects.join(),
    );
  });

  test("an SDK call goes through HTTPS_PROXY, verifying the profile's CA through the tunnel", async () => {
    proxy.connects.length = 0;
    const r = await runWorker('sdk', { HTTPS_PROXY: proxy.url });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.ok(Number(r.subscriptions) >= 4);
    assert.deepEqual([...new Set(proxy.connects)], [simHost]);
  });

  test('without the CA in the request options the proxy agent drops it: the certificate is refused (why withProfileCa)', async () => {
    const r = await runWorker('sdk-without-request-ca', { HTTPS_PROXY: proxy.url });
    assert.equal(r.ok, false);
    assert.match(String(r.message), /self[- ]signed|certificate/i);
  });

  test('NO_PROXY bypasses the proxy for sign-in and SDK calls', async () => {
    proxy.connects.length = 0;
    const env = { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' };
    assert.deepEqual(await runWorker('signin', env), { ok: true, username: 'helpdesk@contoso.com' });
    const r = await runWorker('sdk', env);
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.deepEqual(proxy.connects, []);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import tls from 'node:tls';
import https from 'node:https';
import { join } from 'node:path';
import { control, mintArmToken, simFetch, startTestSim, tempDir } from '../../fixtures/sim';

/** The leaf certificate the server presents, as PEM (read over a connection that trusts the simulator's CA). */
function servedCertificate(baseUrl: string, caPem: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: hostname, port: Number(port), ca: caPem }, () => {
      const raw = socket.getPeerCertificate().raw;
      socket.destroy();
      resolve(
        `-----BEGIN CERTIFICATE-----\n${raw
          .toString('base64')
          .match(/.{1,64}/g)!
          .join('\n')}\n-----END CERTIFICATE-----\n`,
      );
    });
    socket.once('error', reject);
  });
}

function getWithoutCa(url: string): Promise<string> {
  return new Promise((resolve) => {
    https
      .get(url, (res) => resolve(`status ${res.statusCode}`))
      .on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

test("the server certificate chains to the profile's CA, and clients without that CA are refused", async () => {
  const dir = tempDir();
  const sim = await startTestSim({ cacheDir: dir });
  try {
    assert.equal(sim.profile.caCertFile, join(dir, 'ca.pem'));
    // An independent verifier: openssl checks the certificate the server really presents against the CA and IP SAN.
    const served = join(dir, 'served.pem');
    writeFileSync(served, await servedCertificate(sim.baseUrl, readFileSync(sim.profile.caCertFile, 'utf8')));
    const v = spawnSync('openssl', ['verify', '-CAfile', join(dir, 'ca.pem'), '-verify_ip', '127.0.0.1', served], {
      encoding: 'utf8',
    });
    if (v.error) throw new Error('openssl is needed for this test (apt-get install openssl)');
    assert.match(v.stdout, /OK/);
    const code = await getWithoutCa(`${sim.baseUrl}/_sim/state`);
    assert.match(code, /SELF_SIGNED|UNABLE_TO_VERIFY|unable to verify/i);
  } finally {
    await sim.close();
  }
});

test('the CA is reused from its directory on the next start', async () => {
  const dir = tempDir();
  const a = await startTestSim({ cacheDir: dir });
  const caA = readFileSync(a.profile.caCertFile, 'utf8');
  await a.close();
  const b = await startTestSim({ cacheDir: dir });
  try {
    assert.equal(readFileSync(b.profile.caCertFile, 'utf8'), caA);
  } finally {
    await b.close();
  }
});

test('with a state dir: port, CA, signing key, clock and estate survive a restart', async () => {
  const stateDir = tempDir();
  const a = await startTestSim({ stateDir, port: undefined });
  const token = mintArmToken(a, 'helpdesk');
  const port = new URL(a.baseUrl).port;
  const addressMap = { ...a.profile.addressMap };
  assert.ok(Object.keys(addressMap).length > 10, 'the demo maps its JIT ports');
  await control(a, '/clock/advance', { seconds: 3600 });
  await control(a, '/settings', { clientPublicIp: '198.51.100.23' });
  await a.close();

  const b = await startTestSim({ stateDir, port: undefined });
  try {
    assert.equal(new URL(b.baseUrl).port, port, 'same port, so cached tokens and accounts still match');
    assert.deepEqual(
      b.profile.addressMap,
      addressMap,
      'same gate ports, so a saved profile still dials the right place',
    );
    const r = await simFetch(b, '/subscriptions?api-version=2022-12-01', { token });
    assert.equal(r.status, 200, 'a token issued before the restart is still accepted');
    assert.ok(b.ctx.clock.offset >= 3_600_000);
    assert.equal(b.ctx.estate.client.publicIp, '198.51.100.23');
  } finally {
    await b.close();
  }
});

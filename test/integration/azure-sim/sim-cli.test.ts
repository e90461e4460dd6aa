import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { CloudProfileSchema } from '../../../shared/cloud/cloud-profile';
import { exited, firstLine } from '../../fixtures/child';
import { tempDir } from '../../fixtures/sim';

const root = join(import.meta.dirname, '..', '..', '..');
const MAIN = join(root, 'electron/azure-sim/main.ts');

test('`npm run sim` prints the cloud profile as its first stdout line, logs on stderr, and stops on SIGTERM', async () => {
  const dir = tempDir();
  const profileOut = join(dir, 'profile.json');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      MAIN,
      '--seed',
      'demo',
      '--state-dir',
      join(dir, 'state'),
      '--profile-out',
      profileOut,
      '--latency-ms',
      '5',
      '--initiate-delay-ms',
      '0-250',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const first = await firstLine(child, 30_000, 'npm run sim', () => stderr);
  const profile = JSON.parse(first);
  CloudProfileSchema.parse(profile);
  assert.match(profile.armEndpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(profile.controlEndpoint, `${profile.armEndpoint}/_sim`);
  assert.ok(profile.caCertFile.startsWith('/'), 'absolute CA path');
  assert.deepEqual(
    profile.simulatedNetwork.interfaces.map((i: { address: string }) => i.address),
    ['192.168.1.20', '10.13.1.7'],
  );
  assert.deepEqual(JSON.parse(readFileSync(profileOut, 'utf8')), profile);
  assert.match(stderr, /listening on https:\/\/127\.0\.0\.1/);
  // Timing not given as flags: the CLI (what `npm start` runs) uses realistic timing, not startSimulator()'s instant
  // defaults; a flag given wins.
  const settings = await new Promise<Record<string, unknown>>((resolve, reject) => {
    https
      .get(`${profile.controlEndpoint}/settings`, { ca: readFileSync(profile.caCertFile, 'utf8') }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(JSON.parse(text)));
      })
      .on('error', reject);
  });
  assert.deepEqual(settings.propagationMs, { min: 2000, max: 8000 });
  assert.deepEqual(settings.dataplaneLagMs, { min: 500, max: 1500 });
  assert.deepEqual(settings.initiateDelayMs, { min: 0, max: 250 });
  assert.equal(settings.latencyMs, 5);
  child.kill('SIGTERM');
  const { code } = await exited(child, 10_000, 'npm run sim after SIGTERM');
  assert.equal(code, 0);
});

test('bad flags exit 2 with the usage', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--backend', 'nonsense'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--backend takes <vm>:<port>=<host:port>/);
  assert.match(r.stderr, /usage: npm run sim/);
});

test('simulators started at once on an empty CA cache agree on one CA (no half-written or mismatched CA)', async () => {
  const cache = tempDir('jit-ca-race-');
  const children = Array.from({ length: 3 }, () =>
    spawn(process.execPath, ['--import', 'tsx', MAIN, '--seed', 'empty'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, XDG_CACHE_HOME: cache },
    }),
  );
  try {
    const profiles = await Promise.all(
      children.map(
        async (c) =>
          JSON.parse(await firstLine(c, 30_000, 'a simulator')) as { armEndpoint: string; caCertFile: string },
      ),
    );
    assert.equal(new Set(profiles.map((p) => p.caCertFile)).size, 1);
    const ca = readFileSync(profiles[0]!.caCertFile, 'utf8');
    for (const p of profiles) {
      const status = await new Promise<number>((resolve, reject) => {
        https
          .get(`${p.armEndpoint}/_sim/settings`, { ca }, (res) => (res.resume(), resolve(res.statusCode ?? 0)))
          .on('error', reject);
      });
      assert.equal(status, 200, `${p.armEndpoint} presents a certificate signed by the CA in ${p.caCertFile}`);
    }
  } finally {
    for (const c of children) c.kill('SIGTERM');
  }
});

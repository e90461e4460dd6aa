import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CloudProfileSchema } from '../../../shared/cloud/cloud-profile';
import { tempDir } from '../../fixtures/sim';

const root = join(import.meta.dirname, '..', '..', '..');
const MAIN = join(root, 'electron/azure-sim/main.ts');

test('`npm run sim` prints the cloud profile as its first stdout line, logs on stderr, and stops on SIGTERM', async () => {
  const dir = tempDir();
  const profileOut = join(dir, 'profile.json');
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--seed', 'demo', '--state-dir', join(dir, 'state'), '--profile-out', profileOut, '--latency-ms', '5'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  const profile = JSON.parse(first);
  CloudProfileSchema.parse(profile);
  assert.match(profile.armEndpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(profile.controlEndpoint, `${profile.armEndpoint}/_sim`);
  assert.ok(profile.caCertFile.startsWith('/'), 'absolute CA path');
  assert.deepEqual(profile.simulatedNetwork.interfaces.map((i: { address: string }) => i.address), ['192.168.1.20', '10.13.1.7']);
  assert.deepEqual(JSON.parse(readFileSync(profileOut, 'utf8')), profile);
  assert.match(stderr, /listening on https:\/\/127\.0\.0\.1/);
  const code = await new Promise<number | null>((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
  assert.equal(code, 0);
});

test('bad flags exit 2 with the usage', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--backend', 'nonsense'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--backend takes <vm>:<port>=<host:port>/);
  assert.match(r.stderr, /usage: npm run sim/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { firstLine } from '../../fixtures/child';
import { tempDir } from '../../fixtures/sim';

const root = join(import.meta.dirname, '..', '..', '..');

test('the bundled simulator (what ships for demo mode) starts without the source tree or tsx', async () => {
  const out = tempDir('jit-bundle-');
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--outdir', out], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, build.stderr);
  // Run it from the temp dir with plain node: no tsx, no TypeScript, no node_modules beside it.
  const child = spawn(
    process.execPath,
    [join(out, 'azure-sim.mjs'), '--seed', 'demo', '--state-dir', join(out, 'state')],
    { cwd: out, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const line = await firstLine(child, 30_000, 'the bundled simulator', () => stderr);
    const profile = JSON.parse(line) as { armEndpoint: string; caCertFile: string };
    assert.match(profile.armEndpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(profile.caCertFile.startsWith(join(out, 'state')));
  } finally {
    child.kill('SIGTERM');
  }
});

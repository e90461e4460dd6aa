/**
 * `npm run dist` (scripts/dist.mjs) never starts a download by surprise: without an Electron here it stops within
 * seconds, before building anything, and says what to pass; it finds an Electron that needs no download.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { electronCacheDir, findElectronDist } from '../../../scripts/packaging.mjs';
import { tempDir } from '../../fixtures/sim';

const root = join(import.meta.dirname, '..', '..', '..');
const script = join(root, 'scripts', 'dist.mjs');
const installedElectron = existsSync(join(root, 'node_modules', 'electron', 'dist', 'electron'));

/** Runs dist.mjs with an empty Electron cache. */
function dist(args: string[]) {
  const cache = tempDir('jit-dist-cache-');
  const started = Date.now();
  const r = spawnSync(process.execPath, [script, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ELECTRON_CACHE: cache, XDG_CACHE_HOME: cache },
  });
  return { ...r, ms: Date.now() - started };
}

test(
  'without Electron it stops at once, before building, naming --electron-dist',
  { skip: installedElectron && 'node_modules/electron/dist holds a binary here: nothing would be downloaded' },
  () => {
    const r = dist([]);
    assert.equal(r.status, 1, r.stderr);
    assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
    assert.match(r.stderr, /Electron 45\.4\.1 for \w+-\w+ is not here .* electron-builder would download it/);
    assert.match(r.stderr, /^fix: pass --electron-dist DIR/m);
    assert.doesNotMatch(r.stderr, /scripts\/build\.mjs|vite/, 'nothing was built');
  },
);

test('a bad --electron-dist or an unknown option is refused before any work', () => {
  const missing = dist(['--electron-dist', join(tempDir('jit-dist-'), 'nope')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /--electron-dist .*nope does not exist/);
  const unknown = dist(['--sign-with', 'x']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown option --sign-with/);
});

test('an Electron that needs no download: the given one, the installed one, or the zip in the cache', () => {
  const project = tempDir('jit-dist-project-');
  const cache = tempDir('jit-dist-cache-');
  const env = { ELECTRON_CACHE: cache };
  const find = (given?: string) =>
    findElectronDist({ given, version: '45.4.1', platform: 'linux', arch: 'x64', projectDir: project, env });
  assert.equal(find(), undefined);
  assert.equal(find(join(project, 'missing')), undefined);
  // A zip one hashed folder down, as @electron/get caches it.
  mkdirSync(join(cache, 'abc123'));
  writeFileSync(join(cache, 'abc123', 'electron-v45.4.1-linux-x64.zip'), '');
  assert.equal(find(), join(cache, 'abc123', 'electron-v45.4.1-linux-x64.zip'));
  // The one Electron's postinstall unpacked wins over the cache.
  const installed = join(project, 'node_modules', 'electron', 'dist');
  mkdirSync(installed, { recursive: true });
  writeFileSync(join(installed, 'electron'), '');
  chmodSync(join(installed, 'electron'), 0o755);
  assert.equal(find(), installed);
  assert.equal(find(cache), cache, 'the one given wins');
  assert.equal(electronCacheDir({}, 'linux').endsWith(join('.cache', 'electron')), true);
  assert.equal(electronCacheDir({ ELECTRON_CACHE: '/x' }, 'win32'), '/x');
});

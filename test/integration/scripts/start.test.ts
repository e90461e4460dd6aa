/**
 * `npm start -- --no-open`: builds what is stale, starts the browser shell (no Electron binary here) and prints one
 * JSON line `{"url": …}` as its first stdout line; the page is served under the production CSP; SIGTERM stops it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { exited, firstLine } from '../../fixtures/child';
import { tempDir } from '../../fixtures/sim';

const root = join(import.meta.dirname, '..', '..', '..');

test('npm start -- --no-open prints the URL (secret in the fragment) and serves the app', async () => {
  const child = spawn(
    process.execPath,
    [join(root, 'scripts', 'start.mjs'), '--no-open', '--config-dir', tempDir('jit-start-')],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const { url } = JSON.parse(await firstLine(child, 90_000, 'npm start', () => stderr)) as { url: string };
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/#[0-9a-f]{64}$/);
    assert.match(stderr, /starting the browser shell/);
    const page = await fetch(url.replace(/#.*$/, ''));
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(await page.text(), /<script type="module"[^>]* src="\.\/assets\//);
  } finally {
    child.kill('SIGTERM');
    await exited(child, 15_000, 'npm start after SIGTERM');
  }
});

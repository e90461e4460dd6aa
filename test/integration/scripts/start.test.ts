/**
 * `npm start`: builds what is stale and picks the shell. `--no-open` starts the browser shell (no Electron binary
 * here) and prints one JSON line `{"url": …}` as its first stdout line; the page is served under the production CSP;
 * SIGTERM stops it. With a stand-in electron package (JIT_CONNECT_ELECTRON_PACKAGE): an installed binary is run on
 * dist/electron/main.mjs; `--shell electron` without one tries Electron's install script once, with a timeout, and
 * stops with an error naming `--shell browser` rather than falling back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/** A stand-in electron package: an install.js with the given body, and optionally an installed fake binary. */
function fakeElectronPackage(installJs: string, installed = false): string {
  const pkg = tempDir('jit-fake-electron-');
  writeFileSync(join(pkg, 'install.js'), installJs);
  if (installed) installFakeBinary(pkg);
  return pkg;
}

/** Writes a fake Electron binary that prints its argv (after the binary) as one JSON line and exits. */
function installFakeBinary(pkg: string): void {
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  const bin = join(pkg, 'dist', 'fake-electron');
  writeFileSync(bin, `#!${process.execPath}\nconsole.log(JSON.stringify(process.argv.slice(2)));\n`, { mode: 0o755 });
  writeFileSync(join(pkg, 'path.txt'), 'fake-electron');
}

/** Runs `npm start -- …args` to its end with the fake electron package; returns the exit code and output. */
async function start(args: string[], pkg: string, timeoutMs = 90_000) {
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, JIT_CONNECT_ELECTRON_PACKAGE: pkg, JIT_CONNECT_ELECTRON_INSTALL_TIMEOUT_MS: '2000' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const started = Date.now();
  const { code } = await exited(child, timeoutMs, 'npm start');
  return { code, stdout, stderr, ms: Date.now() - started };
}

test('with the Electron binary installed, npm start runs it on dist/electron/main.mjs with the flags', async () => {
  const pkg = fakeElectronPackage('process.exit(3);', true);
  const dir = tempDir('jit-start-');
  const r = await start(['--demo', '--config-dir', dir], pkg);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /starting the Electron shell \(Electron's binary is installed\)/);
  assert.deepEqual(JSON.parse(r.stdout), [join(root, 'dist', 'electron', 'main.mjs'), '--demo', '--config-dir', dir]);
});

test('--shell browser is the browser shell even with Electron installed', async () => {
  const pkg = fakeElectronPackage('process.exit(3);', true);
  const child = spawn(
    process.execPath,
    [join(root, 'scripts', 'start.mjs'), '--shell', 'browser', '--no-open', '--config-dir', tempDir('jit-start-')],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, JIT_CONNECT_ELECTRON_PACKAGE: pkg } },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const { url } = JSON.parse(await firstLine(child, 90_000, 'npm start', () => stderr)) as { url: string };
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/#/);
    assert.match(stderr, /starting the browser shell \(--shell browser\)/);
  } finally {
    child.kill('SIGTERM');
    await exited(child, 15_000, 'npm start after SIGTERM');
  }
});

test('--shell electron without the binary tries the install once, then stops naming --shell browser', async () => {
  const tries = join(tempDir('jit-start-'), 'tries');
  // As offline: the download fails (and the script is run exactly once).
  const pkg = fakeElectronPackage(
    `require('node:fs').appendFileSync(${JSON.stringify(tries)}, 'x');` +
      "console.error('RequestError: getaddrinfo ENOTFOUND github.com'); process.exit(1);",
  );
  const r = await start(['--shell', 'electron', '--demo'], pkg);
  assert.equal(r.code, 1);
  assert.equal(readFileSync(tries, 'utf8'), 'x');
  assert.match(
    r.stderr,
    /could not be fetched: the download failed \(RequestError: getaddrinfo ENOTFOUND github\.com\)/,
  );
  assert.match(r.stderr, /npm start -- --shell browser/);
  assert.doesNotMatch(r.stderr, /starting the browser shell/);
});

test('--shell electron gives up on a download that hangs within the timeout', async () => {
  const pkg = fakeElectronPackage('setInterval(() => {}, 1000);');
  const r = await start(['--shell', 'electron'], pkg);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /did not finish within 2 s/);
  assert.match(r.stderr, /--shell browser/);
  assert.ok(r.ms < 15_000, `${r.ms} ms`);
});

test('--shell electron runs the binary the install script fetched', async () => {
  const pkg = tempDir('jit-fake-electron-');
  writeFileSync(join(pkg, 'install.js'), '');
  installFakeBinary(pkg);
  // The package looks uninstalled until install.js runs: move the binary aside and let install.js put it back.
  renameSync(join(pkg, 'dist'), join(pkg, 'cached'));
  writeFileSync(
    join(pkg, 'install.js'),
    `require('node:fs').renameSync(${JSON.stringify(join(pkg, 'cached'))}, ${JSON.stringify(join(pkg, 'dist'))});`,
  );
  const r = await start(['--shell', 'electron', '--cloud', 'AzureCloud'], pkg);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /fetching Electron's binary/);
  assert.match(r.stderr, /starting the Electron shell \(--shell electron\)/);
  assert.deepEqual(JSON.parse(r.stdout), [join(root, 'dist', 'electron', 'main.mjs'), '--cloud', 'AzureCloud']);
});

test('a bad --shell value, or --no-open with --shell electron, is a usage error', async () => {
  const pkg = fakeElectronPackage('process.exit(3);', true);
  for (const args of [['--shell', 'qt'], ['--shell'], ['--shell', 'electron', '--no-open']]) {
    const r = await start(args, pkg);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  }
});

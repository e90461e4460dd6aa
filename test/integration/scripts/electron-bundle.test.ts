/**
 * The Electron shell as built (scripts/build.mjs): the preload is one CommonJS file needing only `electron`, the main
 * bundle imports `electron` and none of the tests, no source map carries source text, and the main bundle runs in
 * plain Node up to and through its `electron` import — a recording fake of Electron (test/fixtures/fake-electron)
 * plays the runtime, and the shell's real core answers its IPC, demo included. The closest to running Electron here.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REQUEST_CHANNELS } from '../../../shared/ipc/contract';
import { exited } from '../../fixtures/child';
import { tempDir } from '../../fixtures/sim';

const root = join(import.meta.dirname, '..', '..', '..');
const out = tempDir('jit-electron-build-');
const dir = join(out, 'electron');

/** Every file under `d`, relative to `out`. */
function files(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(d, e.name)) : [relative(out, join(d, e.name))],
  );
}

before(() => {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--outdir', out], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, build.stderr);
});

test('the preload is one CommonJS file that requires only electron and exposes window.jitConnect', () => {
  const source = readFileSync(join(dir, 'preload.cjs'), 'utf8');
  assert.doesNotMatch(source, /^\s*(import|export)\s/m, 'no ES module syntax');
  const required = [...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(required)], ['electron']);
  // Run it as Electron's sandboxed preload would: a require that knows `electron` only.
  const exposed: Record<string, unknown> = {};
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
    ipcRenderer: {
      invoke: async () => ({ ok: true, value: {} }),
      on: () => undefined,
      removeListener: () => undefined,
    },
  };
  const sandboxRequire = (name: string) => {
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return fakeElectron;
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', source)(sandboxRequire, module, module.exports);
  assert.deepEqual(Object.keys(exposed), ['jitConnect']);
});

test('main.mjs imports electron, bundles none of the tests, and no source map carries source text', () => {
  const main = readFileSync(join(dir, 'main.mjs'), 'utf8');
  assert.match(main, /^import \{[^}]*\bapp\b[^}]*\} from "electron";$/m);
  const map = JSON.parse(readFileSync(join(dir, 'main.mjs.map'), 'utf8')) as { sources: string[] };
  const ours = map.sources.filter((s) => !s.includes('node_modules/'));
  assert.ok(ours.some((s) => s.endsWith('electron/main/main.ts')));
  assert.deepEqual(
    ours.filter((s) => /(^|\/)test\//.test(s)),
    [],
  );
  for (const file of files(out).filter((f) => /\.(mjs|cjs|js|map)$/.test(f))) {
    const text = readFileSync(join(out, file), 'utf8');
    assert.doesNotMatch(text, /sourceMappingURL=data:/, `${file}: an inline source map`);
    if (file.endsWith('.map')) assert.equal('sourcesContent' in JSON.parse(text), false, `${file}: sourcesContent`);
  }
});

test('main.mjs runs in plain Node against a fake electron: guards, every channel, the window, the demo', async () => {
  mkdirSync(join(out, 'renderer'), { recursive: true });
  writeFileSync(join(out, 'renderer', 'index.html'), '<!doctype html><title>JIT Connect</title>');
  const recordFile = join(out, 'record.json');
  const child = spawn(
    process.execPath,
    [
      '--import',
      join(root, 'test/fixtures/fake-electron/register.mjs'),
      join(dir, 'main.mjs'),
      '--no-sandbox',
      // The OS hands a clicked jitconnect:// link over as an argument (Windows, Linux).
      'jitconnect://connect?vm=VM-FS01&port=3389',
      '--demo',
      '--config-dir',
      tempDir('jit-electron-config-'),
    ],
    {
      cwd: out,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        FAKE_ELECTRON_RECORD: recordFile,
        // Start-at-login is off: the Linux autostart entry it removes must be a private one.
        XDG_CONFIG_HOME: tempDir('jit-electron-xdg-'),
        FAKE_ELECTRON_CALLS: 'session:useDemo,session:get,vms:list',
      },
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const { code } = await exited(child, 90_000, 'the Electron bundle');
  assert.equal(code, 0, stderr);
  const r = JSON.parse(readFileSync(recordFile, 'utf8'));
  // Before ready: the sandbox for every renderer, the app scheme privileged, a single instance.
  assert.deepEqual(r.calls.slice(0, 2), ['app.enableSandbox', 'app.requestSingleInstanceLock']);
  assert.deepEqual(r.schemes, [{ scheme: 'app', privileges: { standard: true, secure: true } }]);
  for (const call of ['session.setPermissionRequestHandler', 'session.onHeadersReceived', 'protocol.handle:app'])
    assert.ok(r.calls.includes(call), call);
  assert.deepEqual([...r.channels].sort(), [...REQUEST_CHANNELS].sort());
  const [win] = r.windows;
  assert.equal(win.url, 'app://jit-connect/index.html');
  assert.equal(win.options.webPreferences.preload, join(dir, 'preload.cjs'));
  assert.deepEqual(
    [
      win.options.webPreferences.contextIsolation,
      win.options.webPreferences.sandbox,
      win.options.webPreferences.nodeIntegration,
    ],
    [true, true, false],
  );
  assert.deepEqual(win.guarded, ['will-navigate', 'will-redirect', 'will-attach-webview', 'windowOpenHandler']);
  // The real core answered: the demo started in this process, signed in, and listed its VMs.
  assert.deepEqual(r.answers['session:useDemo'], { ok: true, value: { cloud: 'JitConnectDemo' } });
  assert.equal(r.answers['session:get'].value.cloud.demo, true);
  assert.ok(r.answers['vms:list'].value.vms.some((vm: { name: string }) => vm.name === 'VM-FS01'));
  assert.equal(r.answers.foreign.error.code, 'invalid-input');
  assert.equal(r.answers.malformed.error.code, 'invalid-input');
  assert.equal(r.protocol.status, 200);
  assert.match(r.protocol.csp, /script-src 'self'/);
  // The tray is up (no grant live in a fresh demo) with its menu.
  assert.match(r.tray.tooltip, /JIT Connect/);
  assert.ok(r.tray.menu.includes('Quit'), JSON.stringify(r.tray.menu));
  // The link reached the page once it had loaded, checked by core, to be confirmed there; nothing was requested.
  assert.ok(r.calls.includes('app.setAsDefaultProtocolClient:jitconnect'));
  const links = r.sent.filter((e: { channel: string }) => e.channel === 'deepLink:opened');
  assert.deepEqual(
    links.map((e: { payload: unknown }) => e.payload),
    [{ link: { vm: 'VM-FS01', vmKind: 'name', port: 3389 } }],
  );
  // Closing the window quits; will-quit waits for core's dispose (demo stopped), then quits for good.
  assert.deepEqual(r.calls.slice(-2), ['app.quit', 'app.quit']);
});

test('a mistyped flag of ours stops the Electron shell with the usage line (exit 2)', async () => {
  const child = spawn(
    process.execPath,
    ['--import', join(root, 'test/fixtures/fake-electron/register.mjs'), join(dir, 'main.mjs'), '--dmeo'],
    {
      cwd: out,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, FAKE_ELECTRON_RECORD: join(out, 'r2.json') },
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const { code } = await exited(child, 30_000, 'the Electron bundle');
  assert.equal(code, 2);
  assert.match(stderr, /unknown option --dmeo\nusage: jit-connect-app/);
});

test('a second launch quits at once, before building core (no config dir, no handlers, no window)', async () => {
  const configDir = join(tempDir('jit-electron-second-'), 'config');
  const recordFile = join(out, 'second.json');
  const child = spawn(
    process.execPath,
    [
      '--import',
      join(root, 'test/fixtures/fake-electron/register.mjs'),
      join(dir, 'main.mjs'),
      '--config-dir',
      configDir,
    ],
    {
      cwd: out,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, FAKE_ELECTRON_RECORD: recordFile, FAKE_ELECTRON_SECOND: '1' },
    },
  );
  const { code } = await exited(child, 30_000, 'the second instance');
  assert.equal(code, 0);
  const r = JSON.parse(readFileSync(recordFile, 'utf8'));
  assert.deepEqual(r.calls, ['app.enableSandbox', 'app.requestSingleInstanceLock', 'app.quit']);
  assert.deepEqual([r.channels, r.windows], [[], []]);
  assert.equal(existsSync(configDir), false);
});

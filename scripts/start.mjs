#!/usr/bin/env node
// `npm start -- [--demo] [--cloud NAME|FILE] [--config-dir DIR] [--shell electron|browser] [--no-open]`: builds what
// is stale (esbuild for the Node side and the Electron shell, Vite for the renderer; nothing runs through tsx) and
// starts JIT Connect: the Electron shell when its binary is installed, else the browser shell, saying which and why.
// `--shell electron` insists: a missing binary gets one try of Electron's own install script (short timeout, so it
// fails fast offline), then a clear error naming `--shell browser`, never a silent fallback. `--shell browser` is
// always the browser shell; so is `--no-open` (it prints one JSON line {"url": …} and opens nothing).
// Test hooks: JIT_CONNECT_ELECTRON_PACKAGE (the electron package folder), JIT_CONNECT_ELECTRON_INSTALL_TIMEOUT_MS.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const say = (line) => process.stderr.write(`npm start: ${line}\n`);
const INSTALL_TIMEOUT_MS = Number(process.env.JIT_CONNECT_ELECTRON_INSTALL_TIMEOUT_MS) || 15_000;

const args = process.argv.slice(2);
const shellIdx = args.findIndex((a) => a === '--shell' || a.startsWith('--shell='));
const shell =
  shellIdx < 0
    ? undefined
    : args[shellIdx].startsWith('--shell=')
      ? args.splice(shellIdx, 1)[0].slice('--shell='.length)
      : (args.splice(shellIdx, 2)[1] ?? '');
if (shell !== undefined && shell !== 'electron' && shell !== 'browser') {
  say(`--shell takes electron or browser, not ${shell || 'nothing'}`);
  process.exit(2);
}
const noOpen = args.includes('--no-open');
if (shell === 'electron' && noOpen) {
  say("--no-open is the browser shell's (it prints the URL to drive it); use --shell browser --no-open");
  process.exit(2);
}

function newest(dir, re) {
  let n = 0;
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const p = join(dir, name);
    const st = statSync(p);
    n = Math.max(n, st.isDirectory() ? newest(p, re) : re.test(name) ? st.mtimeMs : 0);
  }
  return n;
}
const age = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const run = (argv, what) => {
  const r = spawnSync(argv[0], argv.slice(1), { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    say(`${what} failed`);
    process.exit(r.status ?? 1);
  }
};

// Every bundle of build.mjs counts: the oldest one decides (a build from before the Electron shell was bundled is stale).
const sources = Math.max(newest(join(root, 'electron'), /\.ts$/), newest(join(root, 'shared'), /\.ts$/));
const bundles = ['browser-shell.mjs', 'electron/main.mjs', 'electron/preload.cjs'].map((f) => join(root, 'dist', f));
if (Math.min(...bundles.map(age)) < sources) run([process.execPath, 'scripts/build.mjs'], 'the build');
const ui = Math.max(newest(join(root, 'renderer'), /\.(tsx?|html|css)$/), newest(join(root, 'shared'), /\.ts$/));
if (age(join(root, 'dist', 'renderer', 'index.html')) < ui)
  run(
    [
      process.execPath,
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--logLevel',
      'warn',
      '--config',
      'renderer/vite.config.ts',
    ],
    'the renderer build',
  );

/** The electron package's folder (it holds install.js and, once fetched, the binary under dist/). */
function electronPackage() {
  if (process.env.JIT_CONNECT_ELECTRON_PACKAGE) return process.env.JIT_CONNECT_ELECTRON_PACKAGE;
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/** Electron's binary when installed: dist/ plus what path.txt names (written by install.js), else the default. */
function electronBinary(pkg) {
  if (!pkg) return undefined;
  const named = existsSync(join(pkg, 'path.txt')) ? readFileSync(join(pkg, 'path.txt'), 'utf8').trim() : undefined;
  const fallback =
    process.platform === 'darwin'
      ? 'Electron.app/Contents/MacOS/Electron'
      : process.platform === 'win32'
        ? 'electron.exe'
        : 'electron';
  const bin = join(pkg, 'dist', named || fallback);
  return existsSync(bin) ? bin : undefined;
}

/** One try of Electron's own install script (it fetches the binary); offline it fails within the timeout. */
function tryInstall(pkg) {
  if (!pkg || !existsSync(join(pkg, 'install.js'))) return 'the electron package is not installed';
  say(
    `fetching Electron's binary (node ${join('node_modules', 'electron', 'install.js')}, at most ${INSTALL_TIMEOUT_MS / 1000} s)…`,
  );
  const r = spawnSync(process.execPath, [join(pkg, 'install.js')], {
    cwd: pkg,
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error?.code === 'ETIMEDOUT' || r.signal)
    return `the download did not finish within ${INSTALL_TIMEOUT_MS / 1000} s`;
  const last =
    `${r.stderr ?? ''}`
      .trim()
      .split('\n')
      .find((l) => /error/i.test(l)) ?? `exit code ${r.status}`;
  return r.status === 0 ? undefined : `the download failed (${last.trim()})`;
}

const pkg = electronPackage();
let electron = shell === 'browser' ? undefined : electronBinary(pkg);
if (shell === 'electron' && !electron) {
  const why = tryInstall(pkg);
  electron = electronBinary(pkg);
  if (!electron) {
    say(
      `the Electron shell was asked for, but Electron's binary is not installed and could not be fetched: ${why ?? 'install.js left no binary'}.`,
    );
    say('Run the browser shell instead: npm start -- --shell browser');
    process.exit(1);
  }
}

let argv;
if (electron && !noOpen) {
  say(
    shell === 'electron'
      ? 'starting the Electron shell (--shell electron).'
      : "starting the Electron shell (Electron's binary is installed).",
  );
  // Never run the app as plain Node by accident: ELECTRON_RUN_AS_NODE would make the binary ignore the window.
  const { ELECTRON_RUN_AS_NODE: _asNode, ...env } = process.env;
  argv = { bin: electron, args: [join(root, 'dist', 'electron', 'main.mjs'), ...args], env };
} else {
  say(
    shell === 'browser'
      ? 'starting the browser shell (--shell browser).'
      : noOpen
        ? 'starting the browser shell (--no-open is how scripts drive the browser shell).'
        : "Electron's binary is not installed (it is fetched on first use, which needs the internet: npm start -- --shell electron tries); starting the browser shell.",
  );
  argv = { bin: process.execPath, args: [join(root, 'dist', 'browser-shell.mjs'), ...args], env: process.env };
}
const child = spawn(argv.bin, argv.args, { cwd: root, stdio: 'inherit', env: argv.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

#!/usr/bin/env node
// `npm start -- [--demo] [--cloud NAME|FILE] [--shell electron|browser] [--no-open]`: builds what is stale (esbuild for
// the Node side, Vite for the renderer; nothing runs through tsx) and starts JIT Connect: the Electron shell when its
// binary is there, else the browser shell, saying which and why. With no cloud named, the first screen offers
// "Sign in to Azure" or "Explore the demo". `--no-open`: the browser shell prints one JSON line {"url": …} and opens
// nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const shellIdx = args.indexOf('--shell');
const shell = shellIdx >= 0 ? args.splice(shellIdx, 2)[1] : undefined;
const say = (line) => process.stderr.write(`${line}\n`);

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
    say(`npm start: ${what} failed`);
    process.exit(r.status ?? 1);
  }
};

const sources = Math.max(newest(join(root, 'electron'), /\.ts$/), newest(join(root, 'shared'), /\.ts$/));
if (age(join(root, 'dist', 'browser-shell.mjs')) < sources) run([process.execPath, 'scripts/build.mjs'], 'the build');
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

/** Electron's binary, when installed (Electron 45 fetches it on first use; offline that fails, so look, don't fetch). */
function electronBinary() {
  try {
    const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const bin = join(
      pkg,
      'dist',
      process.platform === 'darwin'
        ? 'Electron.app/Contents/MacOS/Electron'
        : process.platform === 'win32'
          ? 'electron.exe'
          : 'electron',
    );
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}
const electron = electronBinary();
if (shell === 'electron' || (shell === undefined && electron)) {
  // The Electron shell's entry is typechecked and unit-tested but not bundled yet (a later issue wires it).
  say(
    electron
      ? 'npm start: the Electron binary is installed, but the Electron shell is not built yet; starting the browser shell.'
      : "npm start: Electron's binary is not installed (it is fetched on first use, which needs the internet); starting the browser shell.",
  );
} else if (shell === undefined) say("npm start: Electron's binary is not installed here; starting the browser shell.");
const child = spawn(process.execPath, [join(root, 'dist', 'browser-shell.mjs'), ...args], {
  cwd: root,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));

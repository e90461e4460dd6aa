/**
 * Staging for the packaging test: a copy of the project's shape in a temporary folder (its package.json, the
 * repository's node_modules and build/ linked in, dist/ built there), and a stand-in Electron that needs no download.
 */
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPackage } from '@electron/asar';

const run = promisify(execFile);

/** The repository's root. */
export const root = join(import.meta.dirname, '..', '..', '..');

/** Electron's version, as package.json pins it (what the stand-in claims to be). */
export const ELECTRON_VERSION = '45.4.1';

/** @electron/fuses' marker before an Electron binary's fuse wire (its SENTINEL). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own fuse defaults, in wire order ('1' on, '0' off): RunAsNode on, cookie encryption off, NODE_OPTIONS
 * on, --inspect on, asar integrity off, only-from-asar off, browser V8 snapshot off, file:// privileges on. */
export const ELECTRON_DEFAULT_FUSES = '10110001';

/**
 * A folder laid out as Electron's linux-x64 release zip: the `electron` executable (here a shell script: no binary
 * can be had offline), `version`, the licences, `resources/default_app.asar`, a locale and `chrome-sandbox` (which
 * the .deb must make setuid). `fuseWire`: the script carries, after its `exit`, a fuse wire laid out as Electron's
 * (sentinel, version 1, length, one byte per fuse) so electron-builder's fuse step really runs on it; without it the
 * stand-in has no wire and fuses must be skipped.
 */
export async function standInElectron(dir: string, { fuseWire = true } = {}): Promise<string> {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'));
  const script = Buffer.from('#!/bin/sh\necho "stand-in for Electron $0" >&2\nexit 1\n');
  const wire = Buffer.concat([
    Buffer.from(`# ${FUSE_SENTINEL}`),
    Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
    Buffer.from(ELECTRON_DEFAULT_FUSES),
    Buffer.from('\n'),
  ]);
  writeFileSync(join(dir, 'electron'), fuseWire ? Buffer.concat([script, wire]) : script);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'chrome-sandbox'), '');
  chmodSync(join(dir, 'chrome-sandbox'), 0o755);
  writeFileSync(join(dir, 'version'), ELECTRON_VERSION);
  writeFileSync(join(dir, 'LICENSE'), 'Copyright (c) Electron contributors (MIT)\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<html>Chromium licences</html>\n');
  // A real asar (electron-builder hashes every asar in resources/ for the integrity record).
  const defaultApp = join(dir, 'default-app-src');
  mkdirSync(defaultApp);
  writeFileSync(join(defaultApp, 'package.json'), '{"name":"electron-default-app","main":"main.js"}');
  writeFileSync(join(defaultApp, 'main.js'), '// the default app, which must not ship\n');
  await createPackage(defaultApp, join(dir, 'resources', 'default_app.asar'));
  rmSync(defaultApp, { recursive: true });
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  return dir;
}

/** Builds the project into `project/dist` as `npm run dist` does (esbuild, Vite), the Electron shell included. */
export async function buildInto(project: string): Promise<void> {
  const dist = join(project, 'dist');
  await Promise.all([
    run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--outdir', dist], { cwd: root }),
    run(
      process.execPath,
      [
        join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'renderer/vite.config.ts',
        '--outDir',
        join(dist, 'renderer'),
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { cwd: root },
    ),
  ]);
  for (const file of ['main.mjs', 'preload.cjs'])
    if (!existsSync(join(dist, 'electron', file))) throw new Error(`the build made no dist/electron/${file}`);
}

/**
 * A temporary project: package.json copied, node_modules and build/ linked, plus traps that must never ship (a
 * test file, a TypeScript source, .env files, a source map with the sources in it).
 */
export function stageProject(project: string): void {
  cpSync(join(root, 'package.json'), join(project, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
  symlinkSync(join(root, 'build'), join(project, 'build'));
  mkdirSync(join(project, 'test'), { recursive: true });
  writeFileSync(join(project, 'test', 'secret.test.ts'), 'export const secret = "TEST-ONLY";\n');
  writeFileSync(join(project, '.env'), 'AZURE_CLIENT_SECRET=do-not-ship\n');
}

/** Traps inside dist/ itself, written after the build (the build empties what it writes). */
export function plantDistTraps(project: string): void {
  const dist = join(project, 'dist');
  writeFileSync(join(dist, '.env'), 'AZURE_CLIENT_SECRET=do-not-ship\n');
  writeFileSync(join(dist, 'electron', 'stray.ts'), 'export {};\n');
  writeFileSync(
    join(dist, 'electron', 'extra.mjs.map'),
    JSON.stringify({ version: 3, sources: ['a.ts'], sourcesContent: ['const token = "x";'], mappings: '' }),
  );
}

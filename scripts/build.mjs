#!/usr/bin/env node
// Bundles what ships, under dist/ (or --outdir DIR): the Azure simulator (the app's demo mode) as one standalone ESM
// file, the `jit-connect` CLI and the browser shell (bundled with their SDKs in chunks; the native keychain modules
// stay in node_modules), and the Electron shell: electron/main.mjs (ESM, `electron` external) with its preload beside
// it as one CommonJS file (a sandboxed preload can require nothing but `electron`). The renderer (Vite) goes to
// dist/renderer, which electron/main.mjs finds at ../renderer. Source maps name the sources but never carry them
// (no sourcesContent: a map shipped beside the app must not hold its code, or anything a build machine had).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { cpSync } from 'node:fs';
import { join } from 'node:path';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const outIdx = process.argv.indexOf('--outdir');
const outdir = outIdx > 0 ? process.argv[outIdx + 1] : join(root, 'dist');
const started = Date.now();
const common = {
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
  // Bundled CommonJS dependencies (node-forge) call require(): give them one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
};
// Native modules and the packages that load them stay in node_modules; each face's SDK code splits into chunks.
const NATIVE = ['keytar', '@azure/msal-node-extensions', '@azure/msal-node-runtime'];
const face = (name, entry, extra = {}) => ({
  ...common,
  entryPoints: { [name]: join(root, entry) },
  splitting: true,
  chunkNames: `${name}-chunks/[name]-[hash]`,
  external: NATIVE,
  ...extra,
  banner: {
    // Bundled CommonJS dependencies call require() and read __filename (write-file-atomic): give them both.
    js:
      "import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url';" +
      ' const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url);',
  },
});
await Promise.all([
  build({ ...common, entryPoints: { 'azure-sim': join(root, 'electron/azure-sim/main.ts') } }),
  build(face('browser-shell', 'electron/browser-shell/main.ts')),
  build(face('cli', 'electron/cli/bin.ts')),
  // Electron 28+ loads an ES module main; `electron` is the runtime's own module, never bundled.
  build(face('main', 'electron/main/main.ts', { outdir: join(outdir, 'electron'), external: ['electron', ...NATIVE] })),
  build({
    entryPoints: { preload: join(root, 'electron/preload/preload.ts') },
    outdir: join(outdir, 'electron'),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    // A sandboxed preload runs in the page's process: browser platform, so a Node built-in fails the build here.
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
  }),
]);
// The PowerShell script the WinRM launcher runs ships beside the bundle (`shippedScriptsDir()` looks there).
cpSync(join(root, 'electron/core/launch/scripts'), join(outdir, 'scripts'), { recursive: true });
console.log(
  `built azure-sim.mjs, cli.mjs, browser-shell.mjs, electron/main.mjs and electron/preload.cjs in ${outdir} in ${Date.now() - started} ms`,
);

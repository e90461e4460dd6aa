#!/usr/bin/env node
// Bundles what ships, under dist/ (or --outdir DIR): the Azure simulator (the app's demo mode) as one standalone ESM
// file, and the `jit-connect` CLI (bundled with its SDKs in chunks; the native keychain modules stay in node_modules).
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
  logLevel: 'warning',
  // Bundled CommonJS dependencies (node-forge) call require(): give them one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
};
// Native modules and the packages that load them stay in node_modules; each face's SDK code splits into chunks.
const face = (name, entry) => ({
  ...common,
  entryPoints: { [name]: join(root, entry) },
  splitting: true,
  chunkNames: `${name}-chunks/[name]-[hash]`,
  external: ['keytar', '@azure/msal-node-extensions', '@azure/msal-node-runtime'],
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
]);
// The PowerShell script the WinRM launcher runs ships beside the bundle (`shippedScriptsDir()` looks there).
cpSync(join(root, 'electron/core/launch/scripts'), join(outdir, 'scripts'), { recursive: true });
console.log(`built azure-sim.mjs, cli.mjs and browser-shell.mjs in ${outdir} in ${Date.now() - started} ms`);

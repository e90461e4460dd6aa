#!/usr/bin/env node
// Bundles what ships, under dist/ (or --outdir DIR): the Azure simulator (the app's demo mode) as one standalone ESM
// file, and the `jit-connect` CLI (our code bundled; npm packages, some of them native, loaded from node_modules).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
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
await Promise.all([
  build({ ...common, entryPoints: { 'azure-sim': join(root, 'electron/azure-sim/main.ts') } }),
  build({ ...common, entryPoints: { cli: join(root, 'electron/cli/bin.ts') }, packages: 'external' }),
]);
console.log(`built ${join(outdir, 'azure-sim.mjs')} and ${join(outdir, 'cli.mjs')} in ${Date.now() - started} ms`);

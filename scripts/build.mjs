#!/usr/bin/env node
// Bundles what ships: the Azure simulator (the app's demo mode) as one ESM file under dist/ (or --outdir DIR).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const outIdx = process.argv.indexOf('--outdir');
const outdir = outIdx > 0 ? process.argv[outIdx + 1] : join(root, 'dist');
const started = Date.now();
await build({
  entryPoints: { 'azure-sim': join(root, 'electron/azure-sim/main.ts') },
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
});
console.log(`built ${join(outdir, 'azure-sim.mjs')} in ${Date.now() - started} ms`);

#!/usr/bin/env node
// Bundles what ships: the Azure simulator (demo mode and `npm run sim`) as one ESM file under dist/.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const started = Date.now();
await build({
  entryPoints: { 'azure-sim': join(root, 'electron/azure-sim/main.ts') },
  outdir: join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Bundled CommonJS dependencies (node-forge) call require(): give them one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
console.log(`built dist/azure-sim.mjs in ${Date.now() - started} ms`);

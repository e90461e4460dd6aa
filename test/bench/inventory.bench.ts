/**
 * `npm run bench -- inventory`: the inventory against a simulator in its own process (`scale:5000:20` and
 * `scale:500:20`, 50 ms latency, page size 100): cold in-process to a complete list, first rows, warm from the cache,
 * ARM calls, and whole-process time and peak memory (a fresh `node` running one inventory); then `az vm list -d` on
 * `scale:500:5` when `az` is on PATH. Each figure is the median of RUNS runs. Prints numbers; asserts nothing timed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readInventory } from '../../electron/core/inventory/inventory';
import { writeInventoryCache } from '../../electron/core/inventory/cache';
import { loadInventory } from '../../electron/core/inventory/warm-start';
import { tempDir } from '../fixtures/sim';
import { passwordAccess } from './inventory-access';
import { azVmListD } from './inventory-az';
import { controlCall, startSimProcess } from './inventory-sim';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SEEDS = (process.env.BENCH_SEEDS ?? 'scale:5000:20,scale:500:20').split(',');
const root = join(import.meta.dirname, '..', '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f0 = (n: number) => n.toFixed(0);
const runs = (xs: number[]) => `median ${f0(median(xs))} (${xs.map(f0).join(', ')})`;

/**
 * test/bench/inventory-run.ts bundled as the CLI ships (esbuild, ESM, code splitting: the SDKs are chunks loaded only
 * when ARM is read), so whole-process numbers do not include tsx compiling TypeScript.
 */
async function bundleRunner(): Promise<string> {
  const outdir = tempDir('jit-bench-bundle-');
  await build({
    entryPoints: { 'inventory-run': join(root, 'test', 'bench', 'inventory-run.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: {
      // Bundled CommonJS dependencies call require() and read __filename (write-file-atomic): give them both.
      js:
        "import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url';" +
        ' const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url);',
    },
  });
  return join(outdir, 'inventory-run.mjs');
}
const runner = await bundleRunner();

/** Runs the bundled runner in a fresh node; its wall time from spawn to exit, and what it printed. */
function runProcess(
  args: string[],
  nodeFlags: string[] = [],
): Promise<{ wallMs: number; out: Record<string, number> }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [...nodeFlags, runner, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 120_000,
    });
    let text = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (text += s));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`inventory-run exited ${code}`));
      else resolve({ wallMs: performance.now() - started, out: JSON.parse(text.trim().split('\n').pop()!) });
    });
  });
}

for (const seed of SEEDS) {
  const sim = await startSimProcess(seed, 50);
  try {
    await controlCall(sim, 'POST', '/settings', { pageSize: 100 });
    const arm = await passwordAccess(sim.profileFile, 'helpdesk@contoso.com', 'helpdesk-sim-password');
    const cold: number[] = [];
    const first: number[] = [];
    const calls: number[] = [];
    let vms = 0;
    let snapshot;
    for (let i = 0; i < RUNS; i++) {
      await controlCall(sim, 'DELETE', '/calls');
      let firstMs: number | undefined;
      const t0 = performance.now();
      snapshot = await readInventory({ arm, onVms: () => (firstMs ??= performance.now() - t0) });
      cold.push(performance.now() - t0);
      first.push(firstMs ?? NaN);
      calls.push(((await controlCall(sim, 'GET', '/calls')) as unknown[]).length);
      vms = snapshot.vms.length;
    }
    const cache = { configDir: tempDir('jit-bench-'), account: 'bench', cloud: arm.cloud.profile.armEndpoint };
    await writeInventoryCache(cache, snapshot!);
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await loadInventory({ arm, cache, refreshInBackground: false });
      warm.push(performance.now() - t0);
    }
    console.log(`\n### ${seed} (50 ms latency, page size 100): ${vms} VMs, ${snapshot!.problems.length} problems`);
    console.log(`in-process cold, complete list: ${runs(cold)} ms (the first run loads the SDKs)`);
    console.log(`in-process first rows:          ${runs(first)} ms`);
    console.log(`in-process warm from cache:     ${runs(warm)} ms`);
    console.log(`ARM calls per inventory:        ${calls.join(', ')}`);
    const pc: number[] = [];
    const pcInner: number[] = [];
    const pFirst: number[] = [];
    const rss: number[] = [];
    const pw: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await runProcess([sim.profileFile, cache.configDir, 'cold']);
      pc.push(r.wallMs);
      pcInner.push(r.out.completeMs!);
      pFirst.push(r.out.firstRowsMs!);
      rss.push(r.out.maxRssMb!);
    }
    for (let i = 0; i < RUNS; i++) pw.push((await runProcess([sim.profileFile, cache.configDir, 'warm'])).wallMs);
    // V8 grows the young generation to 16 MB semi-spaces before collecting it; capping them at 2 MB (the heap limit
    // stays) trades nothing measurable in time for a lower peak. A launcher flag, measured here for the CLI to adopt.
    const small: number[] = [];
    const smallRss: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await runProcess([sim.profileFile, cache.configDir, 'cold'], ['--max-semi-space-size=2']);
      small.push(r.wallMs);
      smallRss.push(r.out.maxRssMb!);
    }
    console.log(
      `whole process cold (spawn→exit): ${runs(pc)} ms; inside it: complete ${runs(pcInner)} ms, first rows ${runs(pFirst)} ms`,
    );
    console.log(`whole process warm (spawn→exit): ${runs(pw)} ms`);
    console.log(`whole process peak RSS (cold):   ${runs(rss)} MB`);
    console.log(`with node --max-semi-space-size=2: cold ${runs(small)} ms, peak RSS ${runs(smallRss)} MB`);
  } finally {
    await sim.stop();
  }
}

const AZ_SEED = 'scale:500:5';
const az = process.env.BENCH_AZ === '0' ? undefined : await azVmListD(AZ_SEED);
if (process.env.BENCH_AZ === '0') console.log(`\n### az vm list -d: skipped (BENCH_AZ=0)`);
else if (!az) console.log(`\n### az vm list -d on ${AZ_SEED}: az is not on PATH, not measured`);
else {
  console.log(`\n### az vm list -d on ${AZ_SEED} (50 ms latency, one subscription after another)`);
  console.log(
    `${az.vms} VMs in ${f0(az.ms)} ms, ${az.calls} ARM calls (${(az.calls / az.vms).toFixed(2)} per VM); ` +
      `extrapolated to 5,000 VMs in 20 subscriptions: ≈ ${f0(((az.ms / az.vms) * 5000) / 1000)} s`,
  );
}

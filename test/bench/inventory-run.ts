/**
 * One inventory run in a fresh process, for the whole-process numbers of inventory.bench.ts: reads the cloud
 * profile file named in argv, signs in with the simulator's password grant, reads (or, with `warm`, loads from the
 * cache in the config dir) and prints one JSON line of timings. Only core modules and the SDKs it needs load here.
 */
import { performance } from 'node:perf_hooks';
const t0 = performance.now();
const [profileFile, configDir, mode = 'cold', concurrency] = process.argv.slice(2);
const { passwordAccess } = await import('./inventory-access');
const { loadInventory } = await import('../../electron/core/inventory/warm-start');
const arm = await passwordAccess(profileFile!, 'helpdesk@contoso.com', 'helpdesk-sim-password');
let firstRowsMs: number | undefined;
const answer = await loadInventory({
  arm,
  cache: { configDir: configDir!, account: 'bench', cloud: arm.cloud.profile.armEndpoint },
  refresh: mode === 'cold',
  refreshInBackground: false,
  ...(concurrency ? { concurrency: Number(concurrency) } : {}),
  onVms: () => {
    firstRowsMs ??= performance.now() - t0;
  },
});
console.log(
  JSON.stringify({
    vms: answer.snapshot.vms.length,
    problems: answer.snapshot.problems.length,
    fromCache: answer.fromCache,
    firstRowsMs: firstRowsMs ?? performance.now() - t0,
    completeMs: performance.now() - t0,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);

/**
 * `npm run bench -- connect`: how soon after the port really opens does a connect launch, how many ARM reads per
 * second does it spend waiting, and how many launches come too early — core's connect side by side with a fixed
 * 3 s sleep-and-retry and a 100 ms busy poll, in the same run. The simulator picks a propagation of 1–8 s and a
 * data-plane lag of 0–2 s per grant. Each round runs one connect per lane (a VM port) at once, the contenders
 * rotating over the lanes; each contender signs in as its own user so their ARM read budgets (25/s per principal)
 * stay apart. "Port really opening" is the gate's own record of when it started listening.
 */
import { performance } from 'node:perf_hooks';
import type { Simulator } from '../../electron/azure-sim/index';
import { readInventory } from '../../electron/core/inventory/index';
import type { Vm } from '../../shared/domain/types';
import { gateEndpoints } from '../fixtures/gate';
import { control, startTestSim } from '../fixtures/sim';
import { until } from '../fixtures/wait';
import { simAccess } from '../integration/core/inventory/sim-access';
import { runStrategy, type Sample, type Strategy } from './connect-strategies';

const ROUNDS = Number(process.env.CONNECT_BENCH_ROUNDS ?? 12);
const STRATEGIES: Strategy[] = ['engine', 'fixed-3s', 'busy-100ms'];
/** Who runs each contender (all may read NSGs and request JIT in Contoso Production). */
const USERS: Record<Strategy, string> = { engine: 'helpdesk', 'fixed-3s': 'admin', 'busy-100ms': 'colleague' };
const TIMING = { propagationMs: { min: 1000, max: 8000 }, dataplaneLagMs: { min: 0, max: 2000 }, initiateDelayMs: 0 };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

const started = performance.now();
const sim: Simulator = await startTestSim();
try {
  const vms = (await readInventory({ arm: simAccess(sim, 'helpdesk') })).vms;
  const pick = (name: string) => vms.find((v) => v.name.toLowerCase() === name)!;
  // Lanes: every JIT port of the demo VMs, each its own gate endpoint.
  const lanes: Array<{ vm: Vm; port: number }> = [];
  for (const name of ['vm-fs01', 'vm-web01', 'vm-legacy01', 'vm-sql01', 'vm-dc01'])
    for (const p of pick(name)?.jit.ports ?? []) lanes.push({ vm: pick(name), port: p.number });
  console.log(`${lanes.length} lanes, ${ROUNDS} rounds: ${lanes.map((l) => `${l.vm.name}:${l.port}`).join(' ')}`);

  const samples: Array<Sample & { openedAt: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    await control(sim, '/reset', { seed: 'demo' });
    await control(sim, '/settings', TIMING);
    // The reset took every grant away; each gate closes after its own data-plane lag.
    await until(
      'every gate to close',
      async () => {
        const eps = await gateEndpoints(sim);
        return eps.some((e) => e.open) ? undefined : true;
      },
      20_000,
    );
    const results = await Promise.all(
      lanes.map(async (lane, i) => {
        const strategy = STRATEGIES[(i + round) % STRATEGIES.length]!;
        const s = await runStrategy(sim, strategy, USERS[strategy], lane.vm, lane.port);
        return s;
      }),
    );
    const eps = await gateEndpoints(sim);
    for (const s of results) {
      const ep = eps.find((e) => e.dial === s.dialAddress) as unknown as { lastChange?: { open: boolean; at: string } };
      if (!ep?.lastChange?.open) throw new Error(`gate ${s.dialAddress} not open after ${s.strategy}`);
      samples.push({ ...s, openedAt: Date.parse(ep.lastChange.at) });
    }
    process.stdout.write(
      `round ${round + 1}/${ROUNDS} done (${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
    );
  }

  console.log('\ncontender     n   lag p50   lag p95   lag max   ARM reads/s   early launches');
  let ok = true;
  for (const strategy of STRATEGIES) {
    const mine = samples.filter((s) => s.strategy === strategy);
    const lags = mine.map((s) => (s.launchedAt - s.openedAt) / 1000);
    const reads = mine.reduce((a, s) => a + s.armReads, 0);
    const waited = mine.reduce((a, s) => a + (s.launchedAt - s.waitFrom) / 1000, 0);
    const early = mine.reduce((a, s) => a + s.early, 0);
    const p95 = pct(lags, 95);
    console.log(
      `${strategy.padEnd(12)} ${String(mine.length).padStart(2)}   ${pct(lags, 50).toFixed(2).padStart(6)} s` +
        `  ${p95.toFixed(2).padStart(6)} s  ${Math.max(...lags)
          .toFixed(2)
          .padStart(6)} s` +
        `   ${(reads / waited).toFixed(2).padStart(8)}      ${String(early).padStart(6)}`,
    );
    if (strategy === 'engine') ok = p95 <= 1.0 && reads / waited <= 1.0 && early === 0;
  }
  const total = (performance.now() - started) / 1000;
  console.log(
    `\ntarget (engine): p95 ≤ 1.0 s at ≤ 1 ARM read/s, none early: ${ok ? 'met' : 'MISSED'}; whole bench ${total.toFixed(0)} s`,
  );
  if (!ok || total > 300) process.exitCode = 1;
} finally {
  await sim.close();
}

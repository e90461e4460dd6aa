/**
 * Simulator benchmarks: how fast the scale seed builds and starts, and how long the official SDKs take to list a
 * 5,000-VM estate through it (the inventory path the app will use). Prints numbers; asserts nothing timed.
 */
import { performance } from 'node:perf_hooks';
import { ComputeManagementClient } from '@azure/arm-compute';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { buildSeed } from '../../electron/azure-sim/seeds';
import { control, mintedCredential, simCa, startTestSim } from '../fixtures/sim';

const SEED = process.env.BENCH_SEED ?? 'scale:5000:20';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

const builds: number[] = [];
for (let i = 0; i < 3; i++) builds.push((await time(() => buildSeed(SEED)))[1]);
console.log(
  `seed ${SEED}: build median ${median(builds).toFixed(0)} ms (runs: ${builds.map((b) => b.toFixed(0)).join(', ')})`,
);

const [sim, startMs] = await time(() => startTestSim({ seed: SEED }));
console.log(`startSimulator(${SEED}): ${startMs.toFixed(0)} ms (TLS from cache, seed, JIT deny rules, gate)`);
try {
  const endpoint = sim.baseUrl;
  const scope = `${endpoint}/.default`;
  const tlsOptions = { ca: simCa(sim) };
  const credential = mintedCredential(sim, 'helpdesk');
  const subsClient = new SubscriptionClient(credential, { endpoint, credentialScopes: [scope], tlsOptions });

  for (const concurrency of [1, 4]) {
    await control(sim, '/calls', undefined, 'DELETE');
    const [count, ms] = await time(async () => {
      const subs: string[] = [];
      for await (const s of subsClient.subscriptions.list()) subs.push(s.subscriptionId!);
      const perSub = await mapLimit(subs, concurrency, async (sub) => {
        const client = new ComputeManagementClient(credential, sub, {
          endpoint,
          credentials: { scopes: [scope] },
          tlsOptions,
        });
        let n = 0;
        for await (const _vm of client.virtualMachines.listAll()) n++;
        return n;
      });
      return perSub.reduce((a, b) => a + b, 0);
    });
    const calls = ((await control(sim, '/calls', undefined, 'GET')) as unknown[]).length;
    console.log(
      `SDK inventory, ${concurrency} subscription(s) at a time: ${count} VMs in ${ms.toFixed(0)} ms, ${calls} ARM calls (page size ${sim.ctx.settings.pageSize})`,
    );
  }
} finally {
  await sim.close();
}

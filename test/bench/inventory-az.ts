/**
 * `az vm list -d` side by side: Debian's azure-cli against a simulator process, one subscription after another (az
 * lists the active subscription only), with its own config dir and the simulator's CA (verification stays on).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tempDir } from '../fixtures/sim';
import { controlCall, startSimProcess, type SimProcess } from './inventory-sim';

const AZ = (process.env.PATH ?? '')
  .split(delimiter)
  .map((d) => join(d, 'az'))
  .find((p) => existsSync(p));

function az(sim: SimProcess, configDir: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(AZ!, [...args, '--output', 'json'], {
      env: {
        ...process.env,
        AZURE_CONFIG_DIR: configDir,
        AZURE_CORE_COLLECT_TELEMETRY: 'false',
        AZURE_CORE_ONLY_SHOW_ERRORS: 'true',
        REQUESTS_CA_BUNDLE: sim.profile.caCertFile,
        NO_PROXY: '127.0.0.1,localhost',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
      killSignal: 'SIGKILL',
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`az ${args[0]} ${args[1]}: ${err}`))));
  });
}

/** `az vm list -d` over every subscription of `seed`; undefined when az is not installed. */
export async function azVmListD(seed: string): Promise<{ vms: number; ms: number; calls: number } | undefined> {
  if (!AZ) return undefined;
  const sim = await startSimProcess(seed, 50);
  try {
    await controlCall(sim, 'POST', '/settings', { pageSize: 100 });
    const dir = tempDir('jit-bench-az-');
    const arm = sim.profile.armEndpoint.replace(/\/+$/, '');
    await az(sim, dir, [
      'cloud',
      'register',
      '-n',
      'JitBench',
      '--endpoint-resource-manager',
      arm,
      '--profile',
      '2020-09-01-hybrid',
    ]);
    await az(sim, dir, ['cloud', 'set', '-n', 'JitBench']);
    const subs = JSON.parse(
      await az(sim, dir, ['login', '-u', 'helpdesk@contoso.com', '-p', 'helpdesk-sim-password']),
    ) as Array<{ id: string }>;
    await controlCall(sim, 'DELETE', '/calls');
    let vms = 0;
    const t0 = performance.now();
    for (const s of subs)
      vms += (JSON.parse(await az(sim, dir, ['vm', 'list', '-d', '--subscription', s.id])) as unknown[]).length;
    const ms = performance.now() - t0;
    const calls = ((await controlCall(sim, 'GET', '/calls')) as unknown[]).length;
    return { vms, ms, calls };
  } finally {
    await sim.stop();
  }
}

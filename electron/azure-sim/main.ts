/**
 * `npm run sim -- [--port N] [--seed demo|scale:<vms>:<subs>] [--latency-ms N] [--propagation-ms N|MIN-MAX]
 * [--dataplane-lag-ms N|MIN-MAX] [--initiate-delay-ms N|MIN-MAX] [--backend <vm>:<port>=<host:port>]...
 * [--state-dir DIR] [--profile-out FILE]`. Timing not given on the command line is realistic (`REALISTIC_TIMING`),
 * unlike `startSimulator()`'s instant defaults: the CLI is what people watch.
 * The first stdout line is the cloud profile as one JSON object; logs go to stderr.
 */
import { parseArgs } from 'node:util';
import { startSimulator, type SimulatorOptions } from './index';
import { REALISTIC_TIMING, type SimSettings } from './settings';

const USAGE = `usage: npm run sim -- [--port N] [--seed demo|empty|scale:<vms>:<subs>] [--latency-ms N]
       [--propagation-ms N|MIN-MAX] [--dataplane-lag-ms N|MIN-MAX] [--initiate-delay-ms N|MIN-MAX]
       [--backend <vm>:<port>=<host:port>]... [--state-dir DIR] [--profile-out FILE]
Without timing flags: propagation 2000-8000 ms, data-plane lag 500-1500 ms, initiate answer 1000-2000 ms.`;

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} takes a whole number, got '${v}'`);
  return n;
}

/** `N` or `MIN-MAX` milliseconds. */
function delay(name: string, v: string | undefined): SimSettings['propagationMs'] | undefined {
  if (v === undefined) return undefined;
  const range = v.match(/^(\d+)-(\d+)$/);
  return range ? { min: Number(range[1]), max: Number(range[2]) } : int(name, v)!;
}

function parse(argv: string[]): SimulatorOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      'latency-ms': { type: 'string' },
      'propagation-ms': { type: 'string' },
      'dataplane-lag-ms': { type: 'string' },
      'initiate-delay-ms': { type: 'string' },
      backend: { type: 'string', multiple: true },
      'state-dir': { type: 'string' },
      'profile-out': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const opts: SimulatorOptions = {};
  const port = int('port', values.port);
  if (port !== undefined) opts.port = port;
  if (values.seed) opts.seed = values.seed;
  const latency = int('latency-ms', values['latency-ms']);
  if (latency !== undefined) opts.latencyMs = latency;
  opts.propagationMs = delay('propagation-ms', values['propagation-ms']) ?? REALISTIC_TIMING.propagationMs;
  opts.dataplaneLagMs = delay('dataplane-lag-ms', values['dataplane-lag-ms']) ?? REALISTIC_TIMING.dataplaneLagMs;
  opts.initiateDelayMs = delay('initiate-delay-ms', values['initiate-delay-ms']) ?? REALISTIC_TIMING.initiateDelayMs;
  if (values.backend) {
    opts.backends = {};
    for (const b of values.backend) {
      const m = b.match(/^(.+):(\d+)=(.+:\d+)$/);
      if (!m) throw new Error(`--backend takes <vm>:<port>=<host:port>, got '${b}'`);
      opts.backends[`${m[1]}:${m[2]}`] = m[3]!;
    }
  }
  if (values['state-dir']) opts.stateDir = values['state-dir'];
  if (values['profile-out']) opts.profileOut = values['profile-out'];
  return opts;
}

async function main(): Promise<void> {
  let opts: SimulatorOptions;
  try {
    opts = parse(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  // Handlers first: a client may send SIGTERM as soon as it has read the profile line.
  let stopping = false;
  const running: { sim?: Awaited<ReturnType<typeof startSimulator>> } = {};
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void (running.sim ? running.sim.close() : Promise.resolve()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const sim = (running.sim = await startSimulator(opts));
  if (stopping) {
    await sim.close();
    process.exit(0);
  }
  process.stdout.write(`${JSON.stringify(sim.profile)}\n`);
}

main().catch((err) => {
  process.stderr.write(`azure-sim: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

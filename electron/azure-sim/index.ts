/** `startSimulator(options)`: the simulated Azure (Entra ID + ARM + JIT + TCP gate) on 127.0.0.1. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type https from 'node:https';
import type { CloudProfile } from '../../shared/cloud/cloud-profile';
import { ArmApi } from './arm/pipeline';
import { registerComputeRoutes } from './arm/compute';
import { registerNetworkRoutes } from './arm/network';
import { registerPricingRoutes } from './arm/pricings';
import { registerResourceRoutes } from './arm/resources';
import { registerArmMetadata } from './arm/metadata';
import { SimClock } from './clock';
import { createContext, type SimContext } from './context';
import { registerControlRoutes } from './control';
import { registerEntraRoutes } from './entra/routes';
import { startGate, type Gate } from './gate/gate';
import { Router, type Handler } from './http/router';
import { JitEngine } from './jit/engine';
import { registerJitRoutes } from './jit/routes';
import { writeFileAtomic } from './model/atomic-file';
import { loadAddressMap, loadSigningKey, loadState, saveAddressMap, StateSaver } from './persistence';
import { buildSeed } from './seeds';
import { defaultSettings, type SimSettings } from './settings';
import { startServer } from './server';
import { loadOrCreateTls } from './tls';

/** The Azure CLI's well-known public client id: the profile's default, so no app registration is needed. */
const AZURE_CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
/** How to start the simulator. */
export interface SimulatorOptions {
  /** TCP port on 127.0.0.1; 0 or undefined picks a free one (reusing the saved one with `stateDir`). */
  port?: number;
  /** `demo` (default), `empty`, or `scale:<vms>:<subs>`. */
  seed?: string;
  latencyMs?: number;
  /** Default 0 (instant); the CLI uses `REALISTIC_TIMING` unless given flags. */
  propagationMs?: SimSettings['propagationMs'];
  /** Default 0. */
  dataplaneLagMs?: SimSettings['dataplaneLagMs'];
  /** Default 0. */
  initiateDelayMs?: SimSettings['initiateDelayMs'];
  /** `"<vm>:<port>"` → `"host:port"`: what the gate forwards to for that VM and port. */
  backends?: Record<string, string>;
  /** Keeps CA, signing key, estate and clock between runs. */
  stateDir?: string;
  /** Where the CA is cached without `stateDir` (default: the user's cache dir). */
  cacheDir?: string;
  /** Also write the profile JSON to this file. */
  profileOut?: string;
  /** Other settings to start with. */
  settings?: Partial<SimSettings>;
  /** Log sink (default: stderr). */
  log?: (line: string) => void;
}

/** The profile a simulator prints: a cloud profile plus its control endpoint. */
export type SimulatorProfile = CloudProfile & {
  controlEndpoint: string;
  caCertFile: string;
  tenantId: string;
  clientId: string;
};

/** A running simulator. */
export interface Simulator {
  profile: SimulatorProfile;
  baseUrl: string;
  ctx: SimContext;
  jit: JitEngine;
  /** Stops listeners and timers and saves the state (with `stateDir`). */
  close(): Promise<void>;
}

function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'jit-connect', 'azure-sim');
}

function savedPort(stateDir: string | undefined): number | undefined {
  if (!stateDir) return undefined;
  const f = join(stateDir, 'port');
  if (!existsSync(f)) return undefined;
  const n = Number(readFileSync(f, 'utf8').trim());
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
}

async function listen(
  ctx: SimContext,
  routes: Parameters<typeof startServer>[1],
  tls: { certPem: string; keyPem: string },
  port: number | undefined,
  stateDir: string | undefined,
) {
  const preferred = port || savedPort(stateDir);
  if (preferred) {
    try {
      return await startServer(ctx, routes, tls, preferred);
    } catch (err) {
      if (port) throw err; // an explicit port must be honoured
    }
  }
  return startServer(ctx, routes, tls, 0);
}

/** Starts the simulator. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const log = options.log ?? ((line: string) => process.stderr.write(`azure-sim: ${line}\n`));
  const stateDir = options.stateDir;
  if (stateDir) mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const tls = loadOrCreateTls(stateDir ? join(stateDir, 'tls') : (options.cacheDir ?? defaultCacheDir()));
  const saved = stateDir ? loadState(stateDir) : undefined;
  const useSaved = saved && (!options.seed || options.seed === saved.estate.seed);
  const estate = useSaved ? saved.estate : buildSeed(options.seed ?? 'demo');

  const settings: SimSettings = { ...defaultSettings(), ...options.settings };
  if (options.latencyMs !== undefined) settings.latencyMs = options.latencyMs;
  if (options.propagationMs !== undefined) settings.propagationMs = options.propagationMs;
  if (options.dataplaneLagMs !== undefined) settings.dataplaneLagMs = options.dataplaneLagMs;
  if (options.initiateDelayMs !== undefined) settings.initiateDelayMs = options.initiateDelayMs;

  const ctx = createContext(estate, {
    clock: new SimClock(useSaved ? saved.clockOffsetMs : 0),
    settings,
    signingKey: loadSigningKey(stateDir),
    ...(useSaved ? { revokedBefore: saved.revokedBefore } : {}),
    log,
  });

  const jit = new JitEngine(ctx);
  const started: { gate?: Gate } = {};
  const arm = new ArmApi(ctx);
  registerResourceRoutes(arm);
  registerComputeRoutes(arm);
  registerNetworkRoutes(arm);
  registerJitRoutes(arm, jit);
  registerPricingRoutes(arm);
  const entra = new Router<Handler<SimContext>>();
  registerEntraRoutes(entra, ctx);
  registerArmMetadata(entra);
  const control = new Router<Handler<SimContext>>();
  registerControlRoutes(control, {
    reset: (seed) => {
      const next = buildSeed(seed);
      jit.stop();
      ctx.estate = next;
      ctx.calls.length = 0;
      ctx.faults.clear();
      ctx.clock.dispose();
      arm.throttle.reset();
      jit.start();
      ctx.events.emit('reset');
    },
    settingsChanged: () => ctx.events.emit('settings-changed'),
    describe: () => ({ seed: ctx.estate.seed, addressMap: ctx.addressMap, gate: started.gate?.describe() ?? {} }),
  });

  const { server, port } = await listen(ctx, { arm, entra, control }, tls, options.port, stateDir);
  ctx.baseUrl = `https://127.0.0.1:${port}`;
  if (stateDir) writeFileAtomic(join(stateDir, 'port'), String(port), 0o600);
  jit.start();
  started.gate = await startGate(ctx, options.backends ?? {}, loadAddressMap(stateDir));
  if (stateDir) saveAddressMap(stateDir, ctx.addressMap);
  const saver = stateDir ? new StateSaver(stateDir, ctx) : undefined;

  const tenantId = ctx.estate.tenants[0]?.tenantId ?? 'organizations';
  const profile: SimulatorProfile = {
    name: 'AzureSimulator',
    armEndpoint: ctx.baseUrl,
    authorityHost: ctx.baseUrl,
    tenantId,
    clientId: AZURE_CLI_CLIENT_ID,
    caCertFile: tls.caCertFile,
    addressMap: ctx.addressMap,
    simulatedNetwork: { interfaces: ctx.estate.client.interfaces, publicIp: ctx.estate.client.publicIp },
    controlEndpoint: `${ctx.baseUrl}/_sim`,
  };
  if (options.profileOut) writeFileAtomic(options.profileOut, `${JSON.stringify(profile, null, 2)}\n`, 0o644);
  log(`listening on ${ctx.baseUrl} (seed ${ctx.estate.seed}, CA ${tls.caCertFile})`);

  let closed = false;
  return {
    profile,
    baseUrl: ctx.baseUrl,
    ctx,
    jit,
    close: async () => {
      if (closed) return;
      closed = true;
      jit.stop();
      ctx.clock.dispose();
      await started.gate?.close();
      saver?.stop();
      if (stateDir) saveAddressMap(stateDir, ctx.addressMap);
      await closeServer(server);
    },
  };
}

function closeServer(server: https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * The one composition of the app both shells run (the Electron shell and the browser shell): core's app service
 * with Node's adapters, the demo started on demand, and core's events forwarded to whichever face subscribes. A
 * shell passes only what differs: how links open, how notifications show, which transport a cloud gets, and how the
 * demo simulator starts (core cannot import the simulator; the shells can).
 */
import type { EventSink, Handlers } from '../../../shared/ipc/contract';
import { resolveCloud, type ResolvedCloud } from '../cloud/cloud';
import { ensureConfigDir } from '../config/config-dir';
import { nodeTransport, type Transport } from '../http/transport';
import { nodeLaunchFs, nodeLookup, nodeRunner, type LaunchPlatform } from '../launch/index';
import { systemOpener } from '../launch/open-url';
import { systemClock, type Notifier, type Opener, type Reporter } from '../ports';
import { readRegistryPolicy } from '../settings/registry-policy';
import type { PolicyLayer } from '../settings/settings';
import { simulatedNetworkInterfaces, systemNetworkInterfaces } from '../source/network-interfaces';
import { createAppService, type AppServiceDeps } from './app-service';
import type { ShellArgs } from './shell-args';

/** A running demo as a shell starts it (the simulator's `startDemo`): its cloud and how to stop it. */
export interface DemoHandle {
  cloud: ResolvedCloud;
  close(): Promise<void>;
}

/** What differs between the shells; everything else is the same Node adapters. */
export interface ShellAdapters {
  /** Starts the in-process demo simulator with its state in the config dir. */
  startDemo(configDir: string): Promise<DemoHandle>;
  /** How a sign-in page opens (default: the OS's opener, argv only). */
  opener?: Opener;
  /** Desktop notifications with actions (the browser shell has none: reminders go to the UI as events). */
  notifier?: Notifier;
  /** The transport of a cloud (default: Node's, with the profile's CA). */
  transportFor?: (cloud: ResolvedCloud) => Transport;
  reporter?: Reporter;
  /**
   * How long after a cached inventory answer the background refresh waits (default 3 s): reading 10,000 VMs takes
   * the CPU for seconds, and the window should load and show the cached list first. Tests pass 0.
   */
  refreshDelayMs?: number;
  /** Tests only: replace Node's process runner, clock and the like. */
  overrides?: Partial<Pick<AppServiceDeps, 'runner' | 'launchFs' | 'lookup' | 'platform' | 'clock' | 'tokenCache'>> & {
    /** The registry's policy layers instead of reading them (`reg.exe` on Windows). */
    registryPolicy?: PolicyLayer[];
  };
}

/** The composed app: the handlers and events a shell carries, and one way to stop everything. */
export interface ComposedApp {
  handlers: Handlers;
  /** Starts forwarding core's events to `sink` (one face at a time); returns a function that stops it. */
  subscribe(sink: EventSink): () => void;
  /** The config dir in use (created 0700). */
  configDir: string;
  /** Reads the remembered account's cached inventory ahead while the window starts (its first list from memory). */
  prefetch(): Promise<void>;
  /** Re-times the reminders and keep-access now (the machine woke up, or the clock jumped). */
  rearmReminders(): Promise<void>;
  /** Stops the app service, then the demo simulator if it started. */
  dispose(): Promise<void>;
}

/**
 * Composes core's app service for a shell from its parsed flags and the adapters that differ. The registry's admin
 * policy (Group Policy / Intune, Windows only) is read once here; the policy file is read on each use.
 */
export async function composeApp(args: ShellArgs, adapters: ShellAdapters): Promise<ComposedApp> {
  const configDir = ensureConfigDir(args.configDir);
  const o = adapters.overrides ?? {};
  const registryPolicy =
    o.registryPolicy ??
    (await readRegistryPolicy({
      platform: process.platform,
      runner: o.runner ?? nodeRunner,
      env: process.env,
      warn: (m) => adapters.reporter?.warn(m),
    }));
  let demo: Promise<DemoHandle> | undefined;
  const demoCloud = async () => {
    demo ??= adapters.startDemo(configDir);
    return (await demo).cloud;
  };
  let forward: EventSink | undefined;
  const service = createAppService({
    configDir,
    registryPolicy,
    ...(args.cloud ? { cloud: resolveCloud(args.cloud) } : args.demo ? { cloud: demoCloud, demo: true } : {}),
    startDemo: demoCloud,
    transportFor: adapters.transportFor ?? ((cloud) => nodeTransport(cloud)),
    // The demo's profile says which addresses this machine should believe it has (on the VPN, a public address).
    network: (cloud) =>
      cloud.profile.simulatedNetwork
        ? simulatedNetworkInterfaces(cloud.profile.simulatedNetwork)
        : systemNetworkInterfaces(),
    opener: adapters.opener ?? systemOpener(),
    runner: o.runner ?? nodeRunner,
    launchFs: o.launchFs ?? nodeLaunchFs,
    lookup: o.lookup ?? ((program) => nodeLookup(program)),
    platform: o.platform ?? hostPlatform(),
    clock: o.clock ?? systemClock,
    ...(o.tokenCache ? { tokenCache: o.tokenCache } : {}),
    ...(adapters.notifier ? { notifier: adapters.notifier } : {}),
    ...(adapters.reporter ? { reporter: adapters.reporter } : {}),
    sink: (channel, payload) => forward?.(channel, payload),
    refreshDelayMs: adapters.refreshDelayMs ?? 3000,
  });
  return {
    handlers: service.handlers,
    configDir,
    subscribe(sink) {
      forward = sink;
      return () => {
        if (forward === sink) forward = undefined;
      };
    },
    prefetch: () => service.prefetch(),
    rearmReminders: () => service.rearmReminders(),
    async dispose() {
      await service.dispose();
      if (demo) await (await demo.catch(() => undefined))?.close();
    },
  };
}

/** The launch platform of this machine (anything not Windows or macOS launches like Linux). */
function hostPlatform(): LaunchPlatform {
  return process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';
}

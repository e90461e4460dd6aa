/**
 * Where core meets the Electron shell: the app composed exactly as the browser shell composes it
 * (`composeApp` in electron/core/app), with Electron's Opener, Notifier and network stack, and wired to IPC.
 */
import type { Shell } from 'electron';
import type { EventSink, Handlers } from '../../shared/ipc/contract';
import { composeApp, type ComposedApp, type DemoHandle } from '../core/app/compose';
import { parseShellArgs } from '../core/app/shell-args';
import type { ResolvedCloud } from '../core/cloud/cloud';
import { nodeTransport, type Transport } from '../core/http/transport';
import type { Reporter } from '../core/ports';
import { nodeLookup, nodeRunner } from '../core/launch/index';
import { electronOpener, type NotificationCtor } from './adapters';
import { registerHandlers, windowEventSink, type EventTarget, type HandlerRegistry } from './ipc';
import { netHttpClient, type NetFetch } from './net-http-client';
import { shellNotifier } from './notifier';

/** What the shell needs from core: the handlers of every request channel and a way to hear its events. */
export interface CoreWiring {
  handlers: Handlers;
  /** Starts forwarding core's events to `sink`; returns a function that stops it. */
  subscribe(sink: EventSink): () => void;
}

/**
 * The transport of a cloud in Electron: Chromium's network stack (system proxy, PAC, OS certificates) for a public
 * cloud; a profile that brings its own CA (the simulator's demo) keeps Node's transport with that CA, so trusting it
 * stays per profile and never becomes a change to the OS or session trust.
 */
export function electronTransportFor(fetchFn: NetFetch): (cloud: ResolvedCloud) => Transport {
  return (cloud) => (cloud.ca ? nodeTransport(cloud) : { httpClient: netHttpClient(fetchFn) });
}

/** Registers the handlers on IPC and forwards core's events to the window; returns a function undoing both. */
export function wireCore(ipc: HandlerRegistry, core: CoreWiring, window: () => EventTarget | undefined): () => void {
  const registered = registerHandlers(ipc, core.handlers);
  const unsubscribe = core.subscribe(windowEventSink(window));
  return () => {
    unsubscribe();
    registered.dispose();
  };
}

/** The pieces of Electron the core wiring takes (the real module in main.ts, plain objects in tests). */
export interface ElectronParts {
  shell: Pick<Shell, 'openExternal'>;
  Notification: NotificationCtor;
  fetch: NetFetch;
}

/**
 * Core for the Electron shell: the shell's flags parsed leniently from its argv (Electron's and Chromium's own
 * switches pass; a mistyped flag of ours is refused with ShellUsageError) and the app composed with Electron's
 * adapters. `startDemo` is the simulator's (core cannot import it).
 */
export function electronCore(
  argv: readonly string[],
  electron: ElectronParts,
  startDemo: (configDir: string) => Promise<DemoHandle>,
  reporter?: Reporter,
): Promise<ComposedApp> {
  return composeApp(parseShellArgs(argv, { lenient: true }), {
    startDemo,
    opener: electronOpener(electron.shell),
    // Linux: the desktop's notification service (Electron's own has no action buttons there), else Notification.
    notifier: shellNotifier({
      platform: process.platform,
      NotificationClass: electron.Notification,
      notifySend: { runner: nodeRunner, lookup: (p) => nodeLookup(p), warn: (m) => reporter?.warn(m) },
    }),
    transportFor: electronTransportFor(electron.fetch),
    ...(reporter ? { reporter } : {}),
  });
}

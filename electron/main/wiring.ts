/**
 * Where core meets the Electron shell. WIRING POINT: core's app service (`createAppService` in electron/core/app)
 * is built in parallel; until it lands, the shell's entry passes any `Handlers` and a way to subscribe an
 * `EventSink` here, and this file stays the one place that changes when it does.
 */
import { REQUEST_CHANNELS, type EventSink, type Handlers } from '../../shared/ipc/contract';
import { AppError } from '../../shared/errors/app-error';
import type { ResolvedCloud } from '../core/cloud/cloud';
import { nodeTransport, type Transport } from '../core/http/transport';
import { registerHandlers, windowEventSink, type EventTarget, type HandlerRegistry } from './ipc';
import { netHttpClient, type NetFetch } from './net-http-client';

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

/**
 * A stand-in until core's app service is wired: every channel answers a typed error, and no event is sent. The
 * window opens and the contract works end to end; only the answers are missing.
 */
export function unwiredCore(): CoreWiring {
  const fail = async (): Promise<never> => {
    throw new AppError({ code: 'internal', message: 'This build of the Electron shell has no core wired in.' });
  };
  const handlers = Object.fromEntries(REQUEST_CHANNELS.map((c) => [c, fail])) as unknown as Handlers;
  return { handlers, subscribe: () => () => undefined };
}

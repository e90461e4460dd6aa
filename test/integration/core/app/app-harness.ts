/**
 * The app service on a simulator profile, with recording fakes for every port: the events it sent, the programs it
 * ran, the notifications it showed; a Clock tied to the simulator's clock; every call's result parsed by the
 * contract's schema (a strict schema failing means a field leaked).
 */
import { join } from 'node:path';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { createAppService, type AppServiceDeps } from '../../../../electron/core/app/app-service';
import { nodeTransport } from '../../../../electron/core/http/transport';
import type { Clock, Notifier } from '../../../../electron/core/ports';
import { simulatedNetworkInterfaces } from '../../../../electron/core/source/network-interfaces';
import {
  EVENTS,
  REQUESTS,
  type EventChannel,
  type RequestArgs,
  type RequestChannel,
  type RequestResult,
} from '../../../../shared/ipc/contract';
import { AppError } from '../../../../shared/errors/app-error';
import { tempDir } from '../../../fixtures/sim';
import { simCloud } from '../auth/session-helpers';

/** The local clock moves with the simulator's: advancing the simulated time is time passing for both. */
export const tiedClock = (sim: Simulator): Clock => ({
  now: () => Date.now() + sim.ctx.clock.offset,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
});

/** One event as the face received it. */
export interface SeenEvent {
  channel: EventChannel;
  payload: Record<string, unknown>;
}

/** A service and what its ports saw; `demo`: no cloud configured, the simulator offered as the demo instead. */
export async function appOn(sim: Simulator, extra: Partial<AppServiceDeps> = {}, opts: { demo?: boolean } = {}) {
  const configDir = tempDir('jit-app-');
  const events: SeenEvent[] = [];
  const ran: string[][] = [];
  const opened: string[] = [];
  /** Set to make the next client start fail (a missing client). */
  const behaviour = { runFails: false };
  const notes: Array<Parameters<Notifier['notify']>[0]> = [];
  let click: ((noteId: string, actionId: string) => void) | undefined;
  const files = new Map<string, string>();
  const policyFile = join(configDir, 'admin-policy.json');
  const service = createAppService({
    configDir,
    ...(opts.demo ? { startDemo: async () => simCloud(sim) } : { cloud: simCloud(sim) }),
    transportFor: (c) => nodeTransport(c),
    network: (c) => simulatedNetworkInterfaces(c.profile.simulatedNetwork!),
    // No browser in these tests: the sign-in page's address is recorded and opening it fails (as on a headless box).
    opener: {
      openUrl: async (url) => {
        opened.push(url);
        throw new Error('no browser here');
      },
    },
    runner: {
      run: async (argv) => {
        if (behaviour.runFails)
          throw new AppError({ code: 'client-not-found', message: `${argv[0]} is not installed.`, fix: 'Install it.' });
        ran.push(argv);
        return { pid: 4242 };
      },
    },
    launchFs: {
      writeNew: async (p, c) => void files.set(p, c),
      remove: async (p) => void files.delete(p),
    },
    lookup: (program) => program === 'xfreerdp' || program === 'ssh' || program === 'x-terminal-emulator',
    platform: 'linux',
    clock: tiedClock(sim),
    notifier: { notify: (n) => notes.push(n), onAction: (h) => (click = h) },
    sink: (channel, payload) => {
      // Every event is parsed by its contract schema on arrival, as a face would.
      EVENTS[channel].parse(payload);
      events.push({ channel, payload: payload as Record<string, unknown> });
    },
    policyFile,
    tokenCache: 'memory',
    reminderTiming: { checkEveryMs: 20, ownerRetryMs: 20 },
    ...extra,
  });
  /** Calls a channel with its arguments parsed, and parses the result by the contract's schema. */
  async function call<C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<RequestResult<C>> {
    const handler = service.handlers[channel] as (a: unknown) => Promise<unknown>;
    const value = await handler(REQUESTS[channel].args.parse(args));
    return REQUESTS[channel].result.parse(value) as RequestResult<C>;
  }
  return {
    service,
    call,
    configDir,
    policyFile,
    events,
    ran,
    opened,
    behaviour,
    notes,
    click: (noteId: string, actionId: string) => click?.(noteId, actionId),
    of: <C extends EventChannel>(channel: C) => events.filter((e) => e.channel === channel).map((e) => e.payload),
  };
}

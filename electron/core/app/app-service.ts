/**
 * Core's app service: every request channel of the IPC contract implemented over core, and every event sent through
 * the face's EventSink. The faces (the Electron shell, the browser shell) only carry calls and events; no logic lives
 * there. Results are checked against the contract's strict schemas before they leave (a field that should not cross
 * — a token, a path — fails loudly instead of leaking); failures are AppErrors only.
 */
import type { EventSink, Handlers, RequestResult } from '../../../shared/ipc/contract';
import { GrantStore } from '../grants/index';
import type { LaunchFs, LaunchPlatform } from '../launch/index';
import type { Clock, Notifier, ProcessRunner } from '../ports';
import { connectHandlers } from './connect-handlers';
import { checkAhead, checkedSink, guard } from './guard';
import { grantHandlers } from './grants-handlers';
import { keepAccessBridge } from './keep-access-bridge';
import { startReminders } from './reminders-bridge';
import { AppSession, type SessionDeps } from './session';
import { sessionHandlers } from './session-handlers';

/** The ports the app service works through (no Electron: each face passes its adapters). */
export interface AppServiceDeps extends SessionDeps {
  runner: ProcessRunner;
  launchFs: LaunchFs;
  lookup: (program: string) => boolean;
  platform: LaunchPlatform;
  clock: Clock;
  notifier?: Notifier;
  sink: EventSink;
  /** The reminders' check and owner-retry periods (tests shorten them; defaults 30 s and 15 s). */
  reminderTiming?: { checkEveryMs?: number; ownerRetryMs?: number };
}

/** The running service. */
export interface AppService {
  handlers: Handlers;
  /**
   * Reads what the first screen shows — the remembered account and its cached inventory — while the window is still
   * starting, so its first `vms:list` is answered from memory. Never fails (the window's own calls report problems).
   */
  prefetch(): Promise<void>;
  /** Rebuilds the reminder and keep-access schedules now (the machine woke from sleep: powerMonitor `resume`). */
  rearmReminders(): Promise<void>;
  /** Cancels running connects, stops the reminders and gives up their owner lock. */
  dispose(): Promise<void>;
}

/** Creates the app service (see the module comment). */
export function createAppService(deps: AppServiceDeps): AppService {
  const warn = (m: string) => deps.reporter?.warn(m);
  const sink = checkedSink(deps.sink, warn);
  const session = new AppSession(deps);
  const store = async () => new GrantStore(deps.configDir, { cloud: await session.cloud() });
  const reminders = startReminders({
    configDir: deps.configDir,
    clock: deps.clock,
    leadMinutes: () => safeLeadMinutes(session),
    sink,
    ...(deps.notifier ? { notifier: deps.notifier } : {}),
    ...(deps.reminderTiming ? { timing: deps.reminderTiming } : {}),
    extend: (vmId, port) => handlers['grants:extend']({ vmId, port }).then(() => undefined),
    warn,
  });
  // Keep-access's notices reach the desktop (when there is a notifier) and the window alike: in the browser shell
  // without a notification service the window is the only place they can show.
  const keepNotices: Notifier = {
    notify(note) {
      deps.notifier?.notify(note);
      sink('keepAccess:notified', { key: note.id.split('|')[1] ?? note.id, title: note.title, text: note.body });
    },
  };
  const keeping = keepAccessBridge({
    session,
    store,
    clock: deps.clock,
    notifier: keepNotices,
    reminders: () => reminders.current(),
    warn,
    ...(deps.reminderTiming?.checkEveryMs ? { checkEveryMs: deps.reminderTiming.checkEveryMs } : {}),
  });
  const connects = connectHandlers({
    session,
    store,
    sink,
    clock: deps.clock,
    runner: deps.runner,
    launchFs: deps.launchFs,
    lookup: deps.lookup,
    platform: deps.platform,
    onRecorded: () => void reminders.current()?.rearm(),
    onLaunched: (grant, launched) => keeping.onLaunched(grant, launched),
  });
  /** The inventory read ahead by prefetch(), for the account it was read for; the first plain `vms:list` takes it. */
  let ahead: Promise<{ key: string; value: RequestResult<'vms:list'> } | undefined> | undefined;
  const listVms = async (refresh: boolean): Promise<RequestResult<'vms:list'>> => {
    const answer = await session.inventory(refresh);
    return {
      vms: answer.snapshot.vms,
      problems: answer.snapshot.problems,
      fromCache: answer.fromCache,
      ...(answer.savedAt ? { savedAt: answer.savedAt } : {}),
    };
  };
  const raw = {
    ...sessionHandlers({
      configDir: deps.configDir,
      session,
      sink,
      onSettingsChanged: (settings) => {
        void reminders.restart();
        keeping.settingsChanged(settings as unknown as Record<string, unknown>);
      },
    }),
    'vms:list': async (args: { refresh?: boolean }) => {
      const pending = ahead;
      ahead = undefined;
      const early = pending && !args.refresh ? await pending : undefined;
      // Only for the account it was read for (someone may have signed out and in since).
      if (early && early.key === session.account?.id) return early.value;
      return listVms(Boolean(args.refresh));
    },
    ...connects.handlers,
    ...grantHandlers({ session, store, reminders: () => reminders.current(), clock: deps.clock }),
  };
  const handlers = guard(raw as Handlers);
  return {
    handlers,
    prefetch() {
      ahead = (async () => {
        const account = await session.currentAccount();
        // Checked against the contract now, while the window starts, rather than when the page asks.
        return account ? { key: account.id, value: checkAhead('vms:list', await listVms(false)) } : undefined;
      })().catch(() => undefined);
      return ahead.then(() => undefined);
    },
    rearmReminders: async () => {
      keeping.recheck();
      await reminders.current()?.rearm();
    },
    async dispose() {
      keeping.dispose();
      await connects.dispose();
      await reminders.stop();
      await session.settle();
    },
  };
}

/** The lead minutes of the settings; the defaults when the settings files are broken (reminders still matter). */
function safeLeadMinutes(session: AppSession): number[] | undefined {
  try {
    return session.settings().settings.reminderLeadMinutes;
  } catch {
    return undefined;
  }
}

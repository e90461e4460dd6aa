/**
 * The app's reminder owner: core's Reminders on the config dir's grant store, its events forwarded as `grant:expiring`
 * and `grant:expired`, its notifications' Extend action calling extend. Restarted when the lead times change.
 */
import type { EventSink } from '../../../shared/ipc/contract';
import { GrantStore, grantKey, Reminders, type ReminderEvent } from '../grants/index';
import type { Clock, Notifier } from '../ports';
import { grantView } from './shapes';

/** What the bridge needs. */
export interface RemindersBridgeOptions {
  configDir: string;
  clock: Clock;
  /** The lead times in force (read at each start). */
  leadMinutes: () => number[] | undefined;
  sink: EventSink;
  notifier?: Notifier;
  /** Extends a grant (the notification's Extend button). */
  extend: (vmId: string, port: number) => Promise<void>;
  warn: (message: string) => void;
  timing?: { checkEveryMs?: number; ownerRetryMs?: number };
}

/** The running bridge. */
export interface RemindersBridge {
  /** The Reminders running now (undefined while restarting or after stop). */
  current(): Reminders | undefined;
  /** Stops and starts again with the lead times in force. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts reminding (see the module comment). */
export function startReminders(opts: RemindersBridgeOptions): RemindersBridge {
  // Notification id → the grant it is about; the id is the one Reminders gives its notification.
  const noted = new Map<string, { vmId: string; port: number }>();
  opts.notifier?.onAction?.((noteId, actionId) => {
    const grant = noted.get(noteId);
    if (actionId !== 'extend' || !grant) return;
    opts.extend(grant.vmId, grant.port).catch((err: unknown) => opts.warn(`Extend failed: ${(err as Error).message}`));
  });

  let rem: Reminders | undefined;
  let chain: Promise<void> = Promise.resolve();

  const begin = async () => {
    const lead = opts.leadMinutes();
    const r = new Reminders({
      store: new GrantStore(opts.configDir),
      clock: opts.clock,
      ...opts.timing,
      ...(lead ? { leadMinutes: lead } : {}),
      ...(opts.notifier ? { notifier: opts.notifier } : {}),
    });
    r.on('grant:expiring', (e: ReminderEvent) => {
      noted.set(`grant:expiring|${grantKey(e.grant)}|${e.leadMinutes ?? 'end'}`, {
        vmId: e.grant.vmId,
        port: e.grant.port,
      });
      opts.sink('grant:expiring', { grant: grantView(e.grant), minutesLeft: e.minutesLeft, text: e.text });
    });
    r.on('grant:expired', (e: ReminderEvent) =>
      opts.sink('grant:expired', { grant: grantView(e.grant), text: e.text }),
    );
    r.on('error', (err: unknown) => opts.warn(`Reminders: ${(err as Error).message}`));
    rem = r;
    await r.start();
  };
  const end = async () => {
    const r = rem;
    rem = undefined;
    await r?.stop();
  };
  // Starts and stops run one after another: a restart while starting must not leave two owners.
  const queue = (fn: () => Promise<void>) => {
    chain = chain.then(fn).catch((err: unknown) => opts.warn(`Reminders: ${(err as Error).message}`));
    return chain;
  };
  void queue(begin);

  return {
    current: () => rem,
    restart: () =>
      queue(async () => {
        await end();
        await begin();
      }),
    stop: () => queue(end),
  };
}

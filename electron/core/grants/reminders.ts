/**
 * Reminders before a grant ends: `grant:expiring` at each lead time (settings.reminderLeadMinutes, default 10 and 2
 * minutes) and `grant:expired` at the end, as events and through the Notifier port. The schedule comes from the grant
 * store, so a restart resumes it; a clock jump (sleep, a changed system clock) is noticed by comparing the Clock's now
 * against when a periodic check was due, and the schedule is rebuilt; another process's change to the store (an
 * extend from the CLI) is noticed the same way. Only the owner of the config dir's reminder lock reminds.
 */
import { EventEmitter } from 'node:events';
import type { Clock, Notifier } from '../ports';
import { grantKey, type GrantStore, type StoredGrant } from './grant-store';
import { OwnerLock } from './owner-lock';

/** What a reminder says. */
export interface ReminderEvent {
  grant: StoredGrant;
  /** The lead time that fired (`grant:expiring` only). */
  leadMinutes?: number;
  /** Minutes left, rounded (at least 1 before the end; 0 when expired): the ARM `Date` header has whole seconds. */
  minutesLeft: number;
  title: string;
  text: string;
}

/** Options of {@link Reminders}. */
export interface RemindersOptions {
  store: GrantStore;
  clock: Clock;
  /** Minutes before the end to remind (default 10 and 2). */
  leadMinutes?: number[];
  notifier?: Notifier;
  /** How often to check for a clock jump or a store changed by another process (default 30 s). */
  checkEveryMs?: number;
  /** A check this late (or early) means the clock jumped (default 2 s). */
  jumpToleranceMs?: number;
  /** How often a process that is not the owner tries to become it (default 15 s). */
  ownerRetryMs?: number;
  /** An end older than this when first seen is not announced (the app was off; default 1 h). */
  staleExpiryMs?: number;
}

const MINUTE = 60_000;

const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16) + ' UTC';

/** The reminder text: what ends when, and that a dropped session cannot reconnect afterwards. */
export function reminderText(grant: StoredGrant, minutesLeft: number): { title: string; text: string } {
  const end = Date.parse(grant.endTimeUtc);
  if (minutesLeft <= 0)
    return {
      title: `${grant.vmName}: access ended`,
      text:
        `Port ${grant.port} on ${grant.vmName} closed at ${hhmm(end)}. A session still open may go on, but a dropped ` +
        `session cannot reconnect: request access again to reconnect.`,
    };
  return {
    title: `${grant.vmName}: access ends in ${minutesLeft} min`,
    text:
      `Port ${grant.port} on ${grant.vmName} closes at ${hhmm(end)} (${minutesLeft} min left). After that a dropped ` +
      `session cannot reconnect until access is requested again: extend now if you need longer.`,
  };
}

/**
 * The reminder owner of one config dir (see the module comment). Emits `grant:expiring` and `grant:expired`
 * ({@link ReminderEvent}), `owner` (true/false when ownership changes after start) and `armed` (the schedule was
 * rebuilt). Each grant's `azureOffsetMs` was measured against the local clock, which `clock` is.
 */
export class Reminders extends EventEmitter {
  private readonly lock: OwnerLock;
  private readonly leads: number[];
  private timers: unknown[] = [];
  private check: unknown;
  private retry: unknown;
  private expectedAt = 0;
  private seenVersion = '';
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly opts: RemindersOptions) {
    super();
    this.leads = [...new Set(opts.leadMinutes ?? [10, 2])].sort((a, b) => b - a);
    this.lock = new OwnerLock(opts.store.configDir, () => {
      this.clearTimers();
      this.emit('owner', false);
      this.waitForOwnership();
    });
  }

  /** True while this process is the one that reminds. */
  get owner(): boolean {
    return this.lock.held;
  }

  /**
   * Starts: takes the owner lock if free and arms the reminders from the store; otherwise `owner: false`, and it keeps
   * trying (emitting `owner` true when it takes over from a process that stopped).
   */
  async start(): Promise<{ owner: boolean }> {
    this.stopped = false;
    if (await this.lock.tryTake()) {
      await this.rearm();
      if (this.check !== undefined) this.opts.clock.clearTimeout(this.check);
      this.scheduleCheck();
      return { owner: true };
    }
    this.waitForOwnership();
    return { owner: false };
  }

  /** Rebuilds the schedule from the store (after a restart, a clock jump, a record or an extend). */
  rearm(): Promise<void> {
    this.queue = this.queue.then(() => this.arm()).catch((err: unknown) => this.emitError(err));
    return this.queue;
  }

  /** Stops reminding and gives the owner lock up. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    if (this.check !== undefined) this.opts.clock.clearTimeout(this.check);
    if (this.retry !== undefined) this.opts.clock.clearTimeout(this.retry);
    this.check = this.retry = undefined;
    await this.queue;
    await this.lock.give();
  }

  private waitForOwnership(): void {
    if (this.stopped) return;
    this.retry = this.opts.clock.setTimeout(() => {
      this.retry = undefined;
      void this.start().then(({ owner }) => {
        if (owner) this.emit('owner', true);
      });
    }, this.opts.ownerRetryMs ?? 15_000);
  }

  /** The periodic check: a late (or early) wake-up means the clock jumped; a changed store means another process wrote. */
  private scheduleCheck(): void {
    if (this.stopped) return;
    const every = this.opts.checkEveryMs ?? 30_000;
    this.expectedAt = this.opts.clock.now() + every;
    this.check = this.opts.clock.setTimeout(() => {
      this.check = undefined;
      if (!this.owner) return;
      const jumped = Math.abs(this.opts.clock.now() - this.expectedAt) > (this.opts.jumpToleranceMs ?? 2000);
      // The next check's baseline is taken now, before the store is read: a jump while reading is seen next time.
      this.scheduleCheck();
      void this.opts.store
        .cacheVersion()
        .then((v) => (jumped || v !== this.seenVersion ? this.rearm() : undefined))
        .catch((err: unknown) => this.emitError(err));
    }, every);
  }

  private clearTimers(): void {
    for (const t of this.timers) this.opts.clock.clearTimeout(t);
    this.timers = [];
  }

  private async arm(): Promise<void> {
    this.clearTimers();
    if (!this.owner || this.stopped) return;
    const { store, clock } = this.opts;
    this.seenVersion = await store.cacheVersion();
    for (const grant of await store.cached()) {
      const end = Date.parse(grant.endTimeUtc);
      if (!Number.isFinite(end)) continue;
      const now = clock.now() + (grant.azureOffsetMs ?? 0);
      const key = `${grantKey(grant)}|${end}|`;
      if (end <= now) {
        const fresh = await store.markReminded([`${key}expired`]);
        if (fresh.length && now - end < (this.opts.staleExpiryMs ?? 60 * MINUTE)) this.fire('grant:expired', grant, 0);
        await store.forget(grant);
        continue;
      }
      // Lead times already passed (a restart, a jump): one catch-up reminder, the nearest, never a burst.
      const passed = this.leads.filter((l) => end - l * MINUTE <= now);
      if (passed.length) {
        const nearest = passed[passed.length - 1]!;
        const fresh = await store.markReminded(passed.map((l) => `${key}${l}`));
        if (fresh.includes(`${key}${nearest}`))
          this.fire('grant:expiring', grant, Math.max(1, Math.round((end - now) / MINUTE)), nearest);
      }
      for (const l of this.leads.filter((x) => !passed.includes(x)))
        this.timers.push(clock.setTimeout(() => void this.rearm(), end - l * MINUTE - now));
      this.timers.push(clock.setTimeout(() => void this.rearm(), end - now));
    }
    // Our own markReminded / forget writes are not another process's change.
    this.seenVersion = await store.cacheVersion();
    this.emit('armed', { timers: this.timers.length });
  }

  private fire(
    event: 'grant:expiring' | 'grant:expired',
    grant: StoredGrant,
    minutesLeft: number,
    lead?: number,
  ): void {
    const { title, text } = reminderText(grant, minutesLeft);
    const payload: ReminderEvent = {
      grant,
      minutesLeft,
      title,
      text,
      ...(lead !== undefined ? { leadMinutes: lead } : {}),
    };
    this.emit(event, payload);
    this.opts.notifier?.notify({
      id: `${event}|${grantKey(grant)}|${lead ?? 'end'}`,
      title,
      body: text,
      ...(event === 'grant:expiring' ? { actions: [{ id: 'extend', label: 'Extend' }] } : {}),
    });
  }

  private emitError(err: unknown): void {
    // An EventEmitter 'error' without a listener throws; a reminder failing must not take the app down.
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }
}

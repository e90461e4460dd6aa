/**
 * Keep access while connected (off by default; the user's `keepAccessWhileConnected`, which an admin can forbid): for
 * a grant whose client the app launched and that still runs, a new request with the same justification shortly
 * before the end, again and again, until the grant's first start plus the cap (default 8 h). Each extension is a real
 * request (recorded by `extend` in the history as `extend`) and is announced by a notification; the moment the client
 * exits, keeping stops (the grant then ends as requested; JIT has no revoke). A failed extension stops keeping and
 * says so: the ordinary reminders still run.
 *
 * "Shortly before" is one minute before the earliest reminder lead (default 10 min → 11 min): a person whose session
 * is being kept never sees "access ends in 10 min" for it, until the cap is reached.
 */
import type { Clock, Notifier } from '../ports';
import { grantKey } from './grant-types';

/** A grant being kept: what extending it needs. */
export interface KeptGrant {
  vmId: string;
  vmName: string;
  port: number;
  startTimeUtc: string;
  endTimeUtc: string;
  /** Azure's clock minus the Clock's, as stored with the grant. */
  azureOffsetMs?: number;
}

/** What happened to a kept grant (for the log and tests). */
export type KeepAccessEvent =
  | { kind: 'extended'; grant: KeptGrant; count: number }
  | { kind: 'stopped'; grant: KeptGrant; reason: 'client-exited' | 'cap-reached' | 'failed' | 'disposed' };

/** What keeping access needs. */
export interface KeepAccessOptions {
  clock: Clock;
  /**
   * Requests the grant again with its justification, for at most `atMostMs` (the cap's remainder; the policy's
   * maximum when shorter), and records it; returns the new grant.
   */
  extend: (grant: KeptGrant, atMostMs: number) => Promise<KeptGrant>;
  notifier?: Notifier;
  /** The cap on the total access from the grant's first start (default 8 h). */
  capMs?: number;
  /** How long before the end to extend (default 11 min: see the module comment). */
  leadMs?: number;
  /** An extension shorter than this is not worth a request: the cap is treated as reached (default 2 min). */
  minExtensionMs?: number;
  onEvent?: (e: KeepAccessEvent) => void;
  /** How often to look for a clock jump while keeping (default 30 s), and the lateness that means one (2 s). */
  checkEveryMs?: number;
  jumpToleranceMs?: number;
}

const MINUTE = 60_000;
const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16) + ' UTC';

interface Watch {
  grant: KeptGrant;
  /** When keeping must stop: the first start plus the cap (Azure's clock). */
  capEnd: number;
  /** How long before each end to extend. */
  leadMs: number;
  count: number;
  timer?: unknown;
  /** An extension request is running. */
  busy: boolean;
  stopped: boolean;
}

/** Keeps grants alive while their client runs (see the module comment). */
export class KeepAccess {
  private readonly watches = new Map<string, Watch>();
  private tick: unknown;
  private expectedAt = 0;

  constructor(private readonly opts: KeepAccessOptions) {}

  /** The grants being kept now. */
  get kept(): KeptGrant[] {
    return [...this.watches.values()].map((w) => w.grant);
  }

  /**
   * Starts keeping `grant` until `clientExited` settles (a newer launch on the same VM and port replaces it);
   * `capMs` and `leadMs` (default: the options') are read from the settings at each launch.
   */
  watch(grant: KeptGrant, clientExited: Promise<unknown>, opts: { capMs?: number; leadMs?: number } = {}): void {
    const key = grantKey(grant);
    this.stop(key, 'disposed', false);
    const first = Date.parse(grant.startTimeUtc);
    const cap = opts.capMs ?? this.opts.capMs ?? 8 * 60 * MINUTE;
    const w: Watch = {
      grant,
      capEnd: first + cap,
      leadMs: opts.leadMs ?? this.opts.leadMs ?? 11 * MINUTE,
      count: 0,
      busy: false,
      stopped: false,
    };
    this.watches.set(key, w);
    const onExit = () => {
      if (this.watches.get(key) === w) this.stop(key, 'client-exited', false);
    };
    clientExited.then(onExit, onExit);
    this.schedule(key, w);
    this.startTicking();
  }

  /** Re-times every wait from the Clock's now (a clock jump, the machine waking from sleep). */
  recheck(): void {
    for (const [key, w] of this.watches) {
      if (w.busy || w.stopped) continue;
      if (w.timer !== undefined) this.opts.clock.clearTimeout(w.timer);
      this.schedule(key, w);
    }
  }

  /** While keeping, a periodic check: a wake-up this late (or early) means the clock jumped, and waits are re-timed. */
  private startTicking(): void {
    if (this.tick !== undefined || this.watches.size === 0) return;
    const every = this.opts.checkEveryMs ?? 30_000;
    this.expectedAt = this.opts.clock.now() + every;
    this.tick = this.opts.clock.setTimeout(() => {
      this.tick = undefined;
      if (Math.abs(this.opts.clock.now() - this.expectedAt) > (this.opts.jumpToleranceMs ?? 2000)) this.recheck();
      this.startTicking();
    }, every);
  }

  /** Stops keeping everything (the app quits). */
  dispose(): void {
    for (const key of [...this.watches.keys()]) this.stop(key, 'disposed', false);
  }

  private azureNow(g: KeptGrant): number {
    return this.opts.clock.now() + (g.azureOffsetMs ?? 0);
  }

  private schedule(key: string, w: Watch): void {
    const end = Date.parse(w.grant.endTimeUtc);
    const now = this.azureNow(w.grant);
    // A grant shorter than twice the lead (a 5-minute policy) is extended at its half-life instead.
    const lead = Math.min(w.leadMs, Math.max(0, (end - Date.parse(w.grant.startTimeUtc)) / 2));
    w.timer = this.opts.clock.setTimeout(() => void this.extendNow(key, w), Math.max(0, end - lead - now));
  }

  private async extendNow(key: string, w: Watch): Promise<void> {
    w.timer = undefined;
    if (w.stopped) return;
    const atMostMs = w.capEnd - this.azureNow(w.grant);
    if (atMostMs < (this.opts.minExtensionMs ?? 2 * MINUTE)) return this.stop(key, 'cap-reached', true);
    let next: KeptGrant;
    w.busy = true;
    try {
      next = await this.opts.extend(w.grant, atMostMs);
    } catch (err) {
      w.busy = false;
      if (w.stopped) return;
      this.notify(key, w, 'failed', {
        title: `${w.grant.vmName}: could not keep access`,
        body:
          `Extending access to port ${w.grant.port} on ${w.grant.vmName} failed: ${(err as Error).message} ` +
          `Access ends at ${hhmm(Date.parse(w.grant.endTimeUtc))}.`,
      });
      return this.stop(key, 'failed', false);
    }
    // The client may have exited while the request ran: the new grant stands, but nothing more is requested.
    w.busy = false;
    w.grant = next;
    w.count += 1;
    this.opts.onEvent?.({ kind: 'extended', grant: next, count: w.count });
    const end = Date.parse(next.endTimeUtc);
    const last = end >= w.capEnd - (this.opts.minExtensionMs ?? 2 * MINUTE);
    this.notify(key, w, String(w.count), {
      title: `${next.vmName}: access kept`,
      body:
        `Your session on ${next.vmName} is still open, so access to port ${next.port} was requested again until ` +
        `${hhmm(end)}` +
        (last ? ': the most keep-access allows. Extend it yourself if you need longer.' : ` (extension ${w.count}).`),
    });
    if (w.stopped) return;
    if (last) return this.stop(key, 'cap-reached', false);
    this.schedule(key, w);
  }

  private notify(key: string, _w: Watch, suffix: string, note: { title: string; body: string }): void {
    this.opts.notifier?.notify({ id: `keep-access|${key}|${suffix}`, ...note });
  }

  private stop(key: string, reason: 'client-exited' | 'cap-reached' | 'failed' | 'disposed', tell: boolean): void {
    const w = this.watches.get(key);
    if (!w || w.stopped) return;
    w.stopped = true;
    if (w.timer !== undefined) this.opts.clock.clearTimeout(w.timer);
    this.watches.delete(key);
    if (this.watches.size === 0 && this.tick !== undefined) {
      this.opts.clock.clearTimeout(this.tick);
      this.tick = undefined;
    }
    if (tell)
      this.notify(key, w, 'cap', {
        title: `${w.grant.vmName}: keep-access has ended`,
        body: `Access to port ${w.grant.port} on ${w.grant.vmName} ends at ${hhmm(Date.parse(w.grant.endTimeUtc))}; it was kept as long as allowed.`,
      });
    this.opts.onEvent?.({ kind: 'stopped', grant: w.grant, reason });
  }
}

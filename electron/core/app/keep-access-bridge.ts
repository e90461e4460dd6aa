/**
 * The app's keep-access: when a connect starts a client and the settings allow it (`keepAccessWhileConnected` on, and
 * no admin policy saying `allowKeepAccess: false`), core's KeepAccess keeps that grant alive while the client runs,
 * each extension a real request through `extend` (recorded in the history as `extend`, reminders moved).
 */
import type { Grant } from '../../../shared/domain/types';
import { durationCap } from '../settings/policy-rules';
import { extend, grantKey, KeepAccess, type GrantStore, type KeptGrant, type Reminders } from '../grants/index';
import type { LaunchResult } from '../launch/index';
import type { Clock, Notifier } from '../ports';
import type { AppSession } from './session';

/** What the bridge needs. */
export interface KeepAccessBridgeOptions {
  session: AppSession;
  store: () => Promise<GrantStore>;
  clock: Clock;
  notifier?: Notifier;
  reminders: () => Reminders | undefined;
  warn: (message: string) => void;
  /** The clock-jump check's period (tests shorten it; default 30 s). */
  checkEveryMs?: number;
}

/** The running bridge. */
export interface KeepAccessBridge {
  /** The connect handlers' hook: a client started for `grant`. */
  onLaunched(grant: Grant, launched: LaunchResult): void;
  /** The grants kept now. */
  kept(): KeptGrant[];
  /** Re-times the waits (the machine woke up). */
  recheck(): void;
  /** The settings changed: keep-access turned off (or forbidden) stops keeping at once. */
  settingsChanged(settings: Record<string, unknown>): void;
  dispose(): void;
}

const HOUR = 3_600_000;

/** True when the settings in force let keep-access run (the user turned it on; no policy forbids it). */
export function keepAccessAllowed(settings: Record<string, unknown>): boolean {
  // `allowKeepAccess` is the admin policy's key (absent: allowed); the user's switch is off by default.
  return settings.keepAccessWhileConnected === true && settings.allowKeepAccess !== false;
}

/** Starts the bridge (see the module comment). */
export function keepAccessBridge(opts: KeepAccessBridgeOptions): KeepAccessBridge {
  const keep = new KeepAccess({
    clock: opts.clock,
    ...(opts.checkEveryMs ? { checkEveryMs: opts.checkEveryMs } : {}),
    ...(opts.notifier ? { notifier: opts.notifier } : {}),
    extend: async (g, atMostMs) => {
      const { account, arm } = await opts.session.arm();
      const store = await opts.store();
      // The stored grant knows its policy, tenant and justification (the same justification is sent again).
      const stored = (await store.cached()).find((c) => grantKey(c) === grantKey(g));
      if (!stored?.policyId || !stored.tenantId) throw new Error('The grant is no longer in the local store.');
      const reminders = opts.reminders();
      const cap = durationCap(opts.session.settings());
      return extend(
        arm,
        { ...stored, policyId: stored.policyId, tenantId: stored.tenantId },
        {
          atMostMs,
          account: account.username,
          store,
          clock: opts.clock,
          // The admin's cap holds for keep-access's requests too.
          ...(cap ? { durationCap: cap } : {}),
          ...(reminders ? { reminders } : {}),
        },
      );
    },
  });
  return {
    onLaunched(grant, launched) {
      const exited = launched.exited;
      if (!exited) return;
      void (async () => {
        const { settings } = opts.session.settings();
        if (!keepAccessAllowed(settings as unknown as Record<string, unknown>)) return;
        const stored = (await (await opts.store()).cached()).find((c) => grantKey(c) === grantKey(grant));
        // One minute before the earliest reminder: a kept session never sees "access ends in 10 min" for it.
        const leadMs = (Math.max(...settings.reminderLeadMinutes, 0) + 1) * 60_000;
        keep.watch(stored ?? grant, exited, { capMs: settings.keepAccessCapHours * HOUR, leadMs });
      })().catch((err: unknown) => opts.warn(`Keep access: ${(err as Error).message}`));
    },
    kept: () => keep.kept,
    recheck: () => keep.recheck(),
    settingsChanged: (settings) => {
      if (!keepAccessAllowed(settings)) keep.dispose();
    },
    dispose: () => keep.dispose(),
  };
}

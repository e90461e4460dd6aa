/**
 * A Notifier on the Linux desktop's notification service (org.freedesktop.Notifications) through libnotify's
 * `notify-send`, run with an argv array through the ProcessRunner port. For the browser shell: a reminder reaches a
 * person whose browser window is hidden behind a full-screen RDP session.
 *
 * Why notify-send and not `gdbus call … Notify`: one process per notification that, with `--wait` and `--action`,
 * prints the action the person clicked and exits when the notification closes. gdbus would need a second, long-lived
 * `gdbus monitor` whose text output we would parse to match `ActionInvoked` signals to notification ids. notify-send
 * 0.7.10+ has `--action`; an older one (its `--help` does not list it) still shows the reminder, without the button.
 * Without notify-send, or when it fails (no D-Bus session, no notification daemon), nothing breaks: the page's own
 * notifications (the app service's `grant:expiring` / `grant:expired` events) are then the only ones.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Notifier, ProcessRunner } from '../ports';

/** What the notify-send Notifier needs. */
export interface NotifySendOptions {
  runner: ProcessRunner;
  /** Is a program on PATH. */
  lookup: (program: string) => boolean;
  /** Shown by the notification daemon as the sender (default `JIT Connect`). */
  appName?: string;
  /**
   * How long a notification with actions stays before the daemon closes it (default 10 min: a reminder with an
   * Extend button must wait for a person who is busy in an RDP window). Without actions: the daemon's default.
   */
  actionExpireMs?: number;
  /** Extra environment (a test's private D-Bus session address). */
  env?: Record<string, string>;
  /** Told once when notify-send fails (the log; the person still gets the page's notifications). */
  warn?: (message: string) => void;
}

const PROGRAM = 'notify-send';

/** The argv of one notification (exported for its tests: argv only, the title and body after `--`). */
export function notifySendArgv(
  note: Parameters<Notifier['notify']>[0],
  opts: { appName: string; actionExpireMs: number; withActions: boolean },
): string[] {
  const actions = opts.withActions ? (note.actions ?? []) : [];
  return [
    PROGRAM,
    `--app-name=${opts.appName}`,
    ...(actions.length
      ? [
          // --wait: notify-send stays until the notification closes and prints the clicked action's name.
          '--wait',
          `--expire-time=${opts.actionExpireMs}`,
          ...actions.map((a) => `--action=${a.id}=${a.label}`),
        ]
      : []),
    // `--`: a title that starts with "-" is text, not an option.
    '--',
    note.title,
    note.body,
  ];
}

/** The Notifier, or undefined when notify-send is not installed (the page's notifications are then the only ones). */
export function notifySendNotifier(opts: NotifySendOptions): Notifier | undefined {
  if (!opts.lookup(PROGRAM)) return undefined;
  const handlers: Array<(noteId: string, actionId: string) => void> = [];
  const appName = opts.appName ?? 'JIT Connect';
  const actionExpireMs = opts.actionExpireMs ?? 10 * 60_000;
  const env = opts.env ? { env: opts.env } : {};
  let warned = false;
  const fail = (why: string) => {
    if (warned) return;
    warned = true;
    opts.warn?.(`Desktop notifications are unavailable (${why}); reminders show in the app window only.`);
  };
  // Asked once, lazily: does this notify-send know --action (libnotify 0.7.10 and later)?
  let supportsActions: Promise<boolean> | undefined;
  const actionsSupported = () =>
    (supportsActions ??= opts.runner
      .run([PROGRAM, '--help'], { wait: true, capture: true, ...env })
      .then((r) => /--action\b/.test(r.stdout ?? ''))
      .catch(() => false));

  const show = async (note: Parameters<Notifier['notify']>[0]) => {
    const withActions = Boolean(note.actions?.length) && (await actionsSupported());
    const argv = notifySendArgv(note, { appName, actionExpireMs, withActions });
    const r = await opts.runner.run(argv, { wait: true, capture: withActions, ...env });
    if (r.exitCode !== 0) return fail(`notify-send exited with code ${r.exitCode}`);
    const chosen = (r.stdout ?? '').trim();
    if (withActions && note.actions!.some((a) => a.id === chosen)) handlers.forEach((h) => h(note.id, chosen));
  };

  return {
    notify(note) {
      show(note).catch((err: unknown) => fail((err as Error).message));
    },
    onAction(handler) {
      handlers.push(handler);
    },
  };
}

/**
 * Is there a D-Bus session bus to talk to: the address in the environment, or the user bus systemd makes at
 * `$XDG_RUNTIME_DIR/bus`. Without either, libdbus would try X11 autolaunch (`dbus-launch`), which starts a bus daemon
 * that outlives us: we rather not notify at all.
 */
export function sessionBusReachable(env: NodeJS.ProcessEnv, exists: (path: string) => boolean = existsSync): boolean {
  if (env.DBUS_SESSION_BUS_ADDRESS) return true;
  return Boolean(env.XDG_RUNTIME_DIR) && exists(join(env.XDG_RUNTIME_DIR!, 'bus'));
}

/**
 * The desktop's Notifier where there is one to drive from plain Node (Linux with a session bus), as a spreadable
 * option for the app service's dependencies.
 */
export function desktopNotifierOption(
  platform: NodeJS.Platform,
  opts: NotifySendOptions,
  env: NodeJS.ProcessEnv = process.env,
): { notifier?: Notifier } {
  const usable = platform === 'linux' && sessionBusReachable({ ...env, ...opts.env });
  const notifier = usable ? notifySendNotifier(opts) : undefined;
  return notifier ? { notifier } : {};
}

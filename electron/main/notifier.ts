/**
 * The Electron shell's Notifier. Electron's `Notification` shows action buttons on macOS and Windows only; on Linux
 * its notifications have no Extend button, so there the desktop's notification service is driven through notify-send
 * (core's adapter: `--action` brings the click back) when it and a session bus are present, and Electron's
 * `Notification` (without the button) otherwise.
 */
import { desktopNotifierOption, type NotifySendOptions } from '../core/notify/notify-send';
import type { Notifier } from '../core/ports';
import { electronNotifier, type NotificationCtor } from './adapters';

/** Picks the Notifier (see the module comment). */
export function shellNotifier(opts: {
  platform: NodeJS.Platform;
  NotificationClass: NotificationCtor;
  notifySend: NotifySendOptions;
  env?: NodeJS.ProcessEnv;
}): Notifier {
  if (opts.platform === 'linux') {
    const { notifier } = desktopNotifierOption('linux', opts.notifySend, opts.env ?? process.env);
    if (notifier) return notifier;
  }
  return electronNotifier(opts.NotificationClass);
}

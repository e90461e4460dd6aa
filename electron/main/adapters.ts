/**
 * Thin adapters from core's ports to Electron: the Notifier on Electron's `Notification` (with action buttons), the
 * Opener on `shell.openExternal` (https only).
 */
import type { Notification, NotificationConstructorOptions, Shell } from 'electron';
import type { Notifier, Opener } from '../core/ports';

/** The Notification class, or a fake with the same constructor and events. */
export type NotificationCtor = new (options: NotificationConstructorOptions) => Pick<Notification, 'on' | 'show'>;

/**
 * A Notifier on Electron notifications. Action buttons show where the OS supports them (macOS, Windows); a click on
 * one comes back as (note id, action id). Notifications are kept referenced until closed, or the garbage collector
 * could drop one and its click would be lost.
 */
export function electronNotifier(NotificationClass: NotificationCtor): Notifier {
  const handlers: Array<(noteId: string, actionId: string) => void> = [];
  const live = new Set<object>();
  return {
    notify(note) {
      const actions = note.actions ?? [];
      const n = new NotificationClass({
        title: note.title,
        body: note.body,
        actions: actions.map((a) => ({ type: 'button' as const, text: a.label })),
      });
      live.add(n);
      n.on('action', (event) => {
        const action = actions[event.actionIndex];
        if (action) handlers.forEach((h) => h(note.id, action.id));
      });
      n.on('close', () => live.delete(n));
      n.show();
    },
    onAction(handler) {
      handlers.push(handler);
    },
  };
}

/** An Opener on shell.openExternal: https URLs only (sign-in pages), anything else is refused. */
export function electronOpener(shell: Pick<Shell, 'openExternal'>): Opener {
  return {
    async openUrl(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new Error('Refused to open a malformed URL.');
      }
      // Never file:, javascript:, smb: or a custom scheme: those can run programs on the user's machine.
      if (parsed.protocol !== 'https:') throw new Error(`Refused to open a ${parsed.protocol} URL (https only).`);
      await shell.openExternal(parsed.href);
    },
  };
}

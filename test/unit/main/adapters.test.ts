/** The Notifier on Electron's Notification (actions come back by id) and the Opener on shell.openExternal. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { electronNotifier, electronOpener, type NotificationCtor } from '../../../electron/main/adapters';

/** A fake Notification class: records instances and lets a test click an action or close it. */
function fakeNotificationClass() {
  const made: Array<{ options: Record<string, unknown>; shown: boolean; emit(e: string, arg: unknown): void }> = [];
  class FakeNotification {
    shown = false;
    private listeners = new Map<string, Array<(e: unknown) => void>>();
    constructor(readonly options: Record<string, unknown>) {
      made.push(this);
    }
    on(event: string, l: (e: unknown) => void) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), l]);
      return this;
    }
    show() {
      this.shown = true;
    }
    emit(event: string, arg: unknown) {
      (this.listeners.get(event) ?? []).forEach((l) => l(arg));
    }
  }
  return { Ctor: FakeNotification as unknown as NotificationCtor, made };
}

test('a reminder shows a notification with its buttons; a click reports the note and action ids', () => {
  const { Ctor, made } = fakeNotificationClass();
  const notifier = electronNotifier(Ctor);
  const clicks: Array<[string, string]> = [];
  notifier.onAction!((note, action) => clicks.push([note, action]));
  notifier.notify({
    id: 'grant-1',
    title: 'VM-FS01: 10 minutes left',
    body: 'RDP access ends at 13:00',
    actions: [
      { id: 'extend', label: 'Extend' },
      { id: 'dismiss', label: 'Dismiss' },
    ],
  });
  assert.equal(made.length, 1);
  assert.equal(made[0]!.shown, true);
  assert.deepEqual(made[0]!.options, {
    title: 'VM-FS01: 10 minutes left',
    body: 'RDP access ends at 13:00',
    actions: [
      { type: 'button', text: 'Extend' },
      { type: 'button', text: 'Dismiss' },
    ],
  });
  made[0]!.emit('action', { actionIndex: 0 });
  made[0]!.emit('action', { actionIndex: 7 });
  assert.deepEqual(clicks, [['grant-1', 'extend']]);
});

test('a notification without actions has none', () => {
  const { Ctor, made } = fakeNotificationClass();
  electronNotifier(Ctor).notify({ id: 'n', title: 't', body: 'b' });
  assert.deepEqual(made[0]!.options.actions, []);
});

test('the Opener hands https URLs to shell.openExternal and refuses every other scheme', async () => {
  const opened: string[] = [];
  const opener = electronOpener({ openExternal: async (url) => void opened.push(url) });
  await opener.openUrl('https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x');
  for (const url of ['http://login.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'ms-settings:', 'nope'])
    await assert.rejects(opener.openUrl(url), /Refused/, url);
  assert.deepEqual(opened, ['https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x']);
});

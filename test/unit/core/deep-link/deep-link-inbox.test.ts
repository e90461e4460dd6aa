import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDeepLinkInbox, MAX_QUEUED_LINKS } from '../../../../electron/core/deep-link/deep-link-inbox';
import type { EventSink } from '../../../../shared/ipc/contract';
import { EVENTS } from '../../../../shared/ipc/contract';

function recorder() {
  const sent: Array<[string, unknown]> = [];
  const sink: EventSink = (channel, payload) => void sent.push([channel, payload]);
  return { sent, sink };
}

test('a link that arrives before the UI listens waits, and goes out once, when it attaches', () => {
  const inbox = createDeepLinkInbox();
  inbox.open('jitconnect://connect?vm=VM-FS01&port=3389&duration=1h');
  assert.equal(inbox.pending, 1);
  const ui = recorder();
  inbox.attach(ui.sink);
  assert.deepEqual(ui.sent, [
    ['deepLink:opened', { link: { vm: 'VM-FS01', vmKind: 'name', port: 3389, duration: '1h' } }],
  ]);
  assert.equal(inbox.pending, 0);
  // A reload attaches again: the link is not shown twice.
  const again = recorder();
  inbox.attach(again.sink);
  assert.deepEqual(again.sent, []);
});

test('while attached, links go out at once; a refused link is sent as its error, valid for the contract', () => {
  const inbox = createDeepLinkInbox();
  const ui = recorder();
  const detach = inbox.attach(ui.sink);
  inbox.open('jitconnect://connect?vm=a&port=99999');
  const [channel, payload] = ui.sent[0]!;
  assert.equal(channel, 'deepLink:opened');
  assert.equal(EVENTS['deepLink:opened'].safeParse(payload).success, true);
  assert.match((payload as { error: { message: string } }).error.message, /port '99999'/);
  detach();
  inbox.open('jitconnect://connect?vm=a&port=22');
  assert.equal(ui.sent.length, 1, 'nothing goes to a detached UI');
  assert.equal(inbox.pending, 1);
});

test('a flood of links keeps only the newest few waiting', () => {
  const inbox = createDeepLinkInbox();
  for (let i = 1; i <= 50; i++) inbox.open(`jitconnect://connect?vm=vm${i}&port=22`);
  assert.equal(inbox.pending, MAX_QUEUED_LINKS);
  const ui = recorder();
  inbox.attach(ui.sink);
  assert.equal((ui.sent[0]![1] as { link: { vm: string } }).link.vm, `vm${50 - MAX_QUEUED_LINKS + 1}`);
});

/**
 * The preload's `window.jitConnect`: it reaches only the contract's channels, unwraps answers, hands the page the
 * payload of an event and never the IPC event, and imports nothing but `electron` and shared/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildApi, type BridgeIpc } from '../../../electron/preload/bridge';

const root = join(import.meta.dirname, '..', '..', '..');

/** A fake ipcRenderer: answers invokes from a table, records listeners. */
function fakeIpcRenderer(answers: Record<string, unknown> = {}) {
  const invoked: Array<[string, unknown[]]> = [];
  const listeners = new Map<string, Array<(e: unknown, ...a: unknown[]) => void>>();
  const ipc = {
    invoke: async (channel: string, ...args: unknown[]) => {
      invoked.push([channel, args]);
      return answers[channel] ?? { ok: true, value: null };
    },
    on(channel: string, l: (e: unknown, ...a: unknown[]) => void) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), l]);
      return ipc;
    },
    removeListener(channel: string, l: (e: unknown, ...a: unknown[]) => void) {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((x) => x !== l),
      );
      return ipc;
    },
  };
  const emit = (channel: string, payload: unknown) =>
    (listeners.get(channel) ?? []).forEach((l) => l({ sender: 'the ipcRenderer', ports: [] }, payload));
  return { ipc: ipc as unknown as BridgeIpc, invoked, listeners, emit };
}

test('call invokes the channel with its one argument and resolves with the value', async () => {
  const f = fakeIpcRenderer({ 'vms:list': { ok: true, value: { vms: [], problems: [], fromCache: false } } });
  const api = buildApi(f.ipc);
  assert.deepEqual(await api.call('vms:list', { refresh: true }), { vms: [], problems: [], fromCache: false });
  assert.deepEqual(f.invoked, [['vms:list', [{ refresh: true }]]]);
});

test('a failed call rejects with the AppError data as a plain object (contextBridge keeps its fields)', async () => {
  const error = { code: 'no-vpn-pool', message: 'Not on the VPN', fix: 'Connect the VPN' };
  const api = buildApi(fakeIpcRenderer({ 'connect:preview': { ok: false, error } }).ipc);
  await assert.rejects(api.call('connect:preview', { vmId: '/subscriptions/x' }), (e) => {
    assert.deepEqual(e, error);
    assert.ok(!(e instanceof Error));
    return true;
  });
});

test('a channel outside the contract is refused without touching IPC', async () => {
  const f = fakeIpcRenderer();
  const api = buildApi(f.ipc);
  await assert.rejects(api.call('fs:read' as never, {} as never), (e: { code: string }) => e.code === 'invalid-input');
  assert.throws(() => api.on('ELECTRON_BROWSER_REQUIRE' as never, () => undefined));
  assert.deepEqual(f.invoked, []);
  assert.equal(f.listeners.size, 0);
});

test('on hands the listener the payload only, and its unsubscribe removes exactly that listener', () => {
  const f = fakeIpcRenderer();
  const api = buildApi(f.ipc);
  const heard: unknown[][] = [];
  const off = api.on('grant:expired', (...args: unknown[]) => heard.push(args));
  const payload = { grant: { vmName: 'VM-FS01' }, text: 'ended' };
  f.emit('grant:expired', payload);
  assert.deepEqual(heard, [[payload]]);
  off();
  f.emit('grant:expired', payload);
  assert.equal(heard.length, 1);
  assert.equal(f.listeners.get('grant:expired')?.length, 0);
});

test('the preload imports only electron and shared/ (no logic, no Node)', () => {
  const dir = join(root, 'electron', 'preload');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const src = readFileSync(join(dir, file), 'utf8');
    for (const [, spec] of src.matchAll(/from\s+'([^']+)'/g)) {
      assert.ok(
        spec === 'electron' || spec!.startsWith('./') || spec!.startsWith('../../shared/'),
        `${file} imports ${spec}`,
      );
    }
  }
});

/**
 * The IPC handlers: every call's sender frame is checked, its arguments parsed before core sees them, and the answer
 * is `{ ok, value }` or AppError data (never a stack). Events reach the window only on the contract's channels.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REQUEST_CHANNELS, type Handlers, type RequestChannel } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/errors/app-error';
import { registerHandlers, windowEventSink, toErrorData } from '../../../electron/main/ipc';
import { fakeIpcMain } from './fakes';

const APP = 'app://jit-connect/index.html';
const VM =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/VM-FS01';

/** Handlers that record every call and answer a fixed value. */
function recordingHandlers() {
  const calls: Array<[string, unknown]> = [];
  const handlers = Object.fromEntries(
    REQUEST_CHANNELS.map((c) => [
      c,
      async (args: unknown) => {
        calls.push([c, args]);
        return { answeredBy: c };
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

test('checklist: a call from a frame that is not the app is refused before core sees it', async () => {
  const { handlers, calls } = recordingHandlers();
  const f = fakeIpcMain();
  registerHandlers(f.ipc, handlers);
  for (const url of [
    'https://evil.example/',
    'file:///tmp/x.html',
    'app://jit-connect.evil/',
    'about:blank',
    'devtools://devtools/',
    '',
    null,
  ]) {
    const a = (await f.invoke('vms:list', url, {})) as { ok: boolean; error?: { code: string } };
    assert.equal(a.ok, false, String(url));
    assert.equal(a.error?.code, 'invalid-input');
  }
  // A subframe carrying the app's own URL is still not the app's window.
  const sub = f.handlers.get('vms:list')!({ senderFrame: { url: APP, parent: { url: APP } } }, {});
  assert.equal(((await sub) as { ok: boolean }).ok, false);
  assert.deepEqual(calls, []);
});

test('a valid call from the app reaches its handler with the parsed arguments', async () => {
  const { handlers, calls } = recordingHandlers();
  const f = fakeIpcMain();
  registerHandlers(f.ipc, handlers);
  assert.deepEqual(await f.invoke('vms:list', APP, { refresh: true }), {
    ok: true,
    value: { answeredBy: 'vms:list' },
  });
  assert.deepEqual(await f.invoke('grants:extend', APP, { vmId: VM, port: 3389 }), {
    ok: true,
    value: { answeredBy: 'grants:extend' },
  });
  assert.deepEqual(calls, [
    ['vms:list', { refresh: true }],
    ['grants:extend', { vmId: VM, port: 3389 }],
  ]);
});

/** A small deterministic generator (the fuzz is the same on every run). */
function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** A random value of any shape: the payloads a hostile page could send. */
function randomValue(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 11);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return r() < 0.5;
    case 3:
      return Math.floor(r() * 200000) - 100000;
    case 4:
      return 'x'.repeat(Math.floor(r() * 3000));
    case 5:
      return ['/subscriptions/', '../../etc/passwd', 'cmd.exe /c calc', '__proto__', ''][Math.floor(r() * 5)];
    case 6:
      return depth > 2 ? [] : Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default: {
      if (depth > 2) return {};
      const keys = ['refresh', 'vmId', 'port', 'targets', 'launch', 'patch', 'method', 'connectId', 'all', 'x'];
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 4); i > 0; i--) o[keys[Math.floor(r() * keys.length)]!] = randomValue(r, depth + 1);
      return o;
    }
  }
}

test('checklist: a malformed payload never reaches a handler (1,000 random payloads a channel)', async () => {
  const { handlers, calls } = recordingHandlers();
  const f = fakeIpcMain();
  registerHandlers(f.ipc, handlers);
  const r = rng(10);
  const { REQUESTS } = await import('../../../shared/ipc/contract');
  let refused = 0;
  for (const channel of REQUEST_CHANNELS) {
    for (let i = 0; i < 1000; i++) {
      const payload = randomValue(r);
      const valid = REQUESTS[channel].args.safeParse(payload).success;
      const before = calls.length;
      const a = (await f.invoke(channel, APP, payload)) as { ok: boolean; error?: { code: string; message: string } };
      if (valid) {
        assert.equal(a.ok, true);
        continue;
      }
      refused++;
      assert.equal(calls.length, before, `${channel} got ${JSON.stringify(payload)?.slice(0, 80)}`);
      assert.equal(a.ok, false);
      assert.equal(a.error?.code, 'invalid-input');
    }
  }
  assert.ok(refused > REQUEST_CHANNELS.length * 900, `only ${refused} refused`);
});

test('an AppError comes back as its data; anything else as a generic internal error without a stack', async () => {
  const f = fakeIpcMain();
  const { handlers } = recordingHandlers();
  handlers['vms:list'] = async () => {
    throw new AppError({ code: 'missing-permission', message: 'No read', fix: 'Ask for Reader', azureCode: 'X' });
  };
  handlers['grants:list'] = async () => {
    throw new Error('token eyJ... at /home/u/.config/x.json');
  };
  registerHandlers(f.ipc, handlers);
  assert.deepEqual(await f.invoke('vms:list', APP, {}), {
    ok: false,
    error: { code: 'missing-permission', message: 'No read', fix: 'Ask for Reader', azureCode: 'X' },
  });
  const a = (await f.invoke('grants:list', APP, {})) as { ok: false; error: Record<string, unknown> };
  assert.deepEqual(a.error, { code: 'internal', message: 'Something went wrong inside JIT Connect.' });
  assert.deepEqual(toErrorData({ code: 'throttled', message: 'slow', stack: 'x', extra: 1 }), {
    code: 'throttled',
    message: 'slow',
  });
});

test('dispose removes every handler', () => {
  const f = fakeIpcMain();
  const reg = registerHandlers(f.ipc, recordingHandlers().handlers);
  assert.equal(f.handlers.size, REQUEST_CHANNELS.length);
  reg.dispose();
  assert.equal(f.handlers.size, 0);
});

test('events reach the window only on contract channels and only when they match the schema', () => {
  const sent: Array<[string, unknown]> = [];
  const dropped: string[] = [];
  let destroyed = false;
  const target = { send: (c: string, p: unknown) => sent.push([c, p]), isDestroyed: () => destroyed };
  const sink = windowEventSink(
    () => target as never,
    (why) => dropped.push(why),
  );
  sink('session:changed', { account: { username: 'a@b', tenantId: 't' } });
  sink('evil:channel' as never, {} as never);
  sink('session:changed', { account: { username: 'a@b', tenantId: 't' }, token: 'secret' } as never);
  destroyed = true;
  sink('session:changed', {});
  assert.deepEqual(sent, [['session:changed', { account: { username: 'a@b', tenantId: 't' } }]]);
  assert.equal(dropped.length, 2);
});

test('every request channel is registered once', () => {
  const f = fakeIpcMain();
  registerHandlers(f.ipc, recordingHandlers().handlers);
  assert.deepEqual([...f.handlers.keys()].sort(), [...REQUEST_CHANNELS].sort() as RequestChannel[]);
});

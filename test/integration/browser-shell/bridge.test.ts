import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import {
  createBrowserBridge,
  SECRET_PROTOCOL_PREFIX,
  WS_PROTOCOL,
  type WebSocketCtor,
} from '../../../renderer/src/bridge/browser-bridge';
import * as shellSecurity from '../../../electron/browser-shell/security';
import { MAX_PAYLOAD_BYTES } from '../../../electron/browser-shell/server';
import { REQUEST_CHANNELS, REQUESTS, type RequestArgs, type RequestChannel } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/errors/app-error';
import { denied, ownHeaders, startTestShell, VM_ID } from '../../fixtures/browser-shell';
import { until } from '../../fixtures/wait';

let failNext: unknown;
const shell = await startTestShell({
  'grants:extend': async () => {
    throw denied;
  },
  'vms:list': async () => {
    if (failNext) throw failNext;
    return { vms: [], problems: [], fromCache: true };
  },
  // A handler that returns a field the contract does not allow (a token): the shell must not pass it on.
  'session:signIn': async () => ({ username: 'u', tenantId: 't', accessToken: 'eyJ.secret' }) as never,
});
after(() => shell.close());

/** The `ws` client standing in for the browser's WebSocket (a browser sends Origin by itself). */
const NodeWebSocket = class extends WebSocket {
  constructor(url: string, protocols: string[]) {
    super(url, protocols, { headers: ownHeaders(shell.port) });
  }
} as unknown as WebSocketCtor;

const disconnected = () =>
  until('disconnect', () => (shell.logs.at(-1) === 'browser shell: client disconnected' ? true : undefined));

test('the bridge and the shell agree on the subprotocol names', () => {
  assert.equal(WS_PROTOCOL, shellSecurity.WS_PROTOCOL);
  assert.equal(SECRET_PROTOCOL_PREFIX, shellSecurity.SECRET_PROTOCOL_PREFIX);
});

test('calls resolve with the result; AppErrors arrive as AppErrors; other failures say nothing internal', async () => {
  const api = createBrowserBridge({ pageUrl: shell.url, WebSocket: NodeWebSocket });
  assert.deepEqual(await api.call('session:get', {}), { signInRemembered: false });
  assert.deepEqual(await api.call('vms:list', { refresh: true }), { vms: [], problems: [], fromCache: true });
  const err = await api.call('grants:extend', { vmId: VM_ID, port: 3389 }).catch((e: unknown) => e);
  assert.ok(err instanceof AppError);
  assert.deepEqual(err.toData(), {
    code: 'missing-permission',
    message: 'No JIT write permission.',
    fix: 'Activate PIM.',
  });
  failNext = new Error('ENOENT /home/alice/.config/jit-connect/tokens.json');
  const internal = (await api.call('vms:list', {}).catch((e: unknown) => e)) as AppError;
  failNext = undefined;
  assert.equal(internal.code, 'internal');
  assert.doesNotMatch(internal.message, /ENOENT|alice|tokens/);
  const leak = (await api.call('session:signIn', { method: 'browser' }).catch((e: unknown) => e)) as AppError;
  assert.equal(leak.code, 'internal', 'a result with a field the contract does not allow is not passed on');
  const bad = (await api
    .call('connect:preview', { vmId: '/etc/passwd' } as never)
    .catch((e: unknown) => e)) as AppError;
  assert.equal(bad.code, 'invalid-input');
  api.close();
  await disconnected();
});

test('events reach the listeners of their channel until they unsubscribe', async () => {
  const api = createBrowserBridge({ pageUrl: shell.url, WebSocket: NodeWebSocket });
  const seen: unknown[] = [];
  const off = api.on('deviceCode:issued', (p) => seen.push(p));
  api.on('session:changed', () => seen.push('wrong channel'));
  await api.call('session:get', {}); // the connection is open once a call is answered
  const code = { userCode: 'ABCD-EFGH', verificationUri: 'https://microsoft.com/devicelogin', message: 'Go' };
  shell.emit('deviceCode:issued', code);
  await until('the event', () => (seen.length ? true : undefined));
  off();
  shell.emit('deviceCode:issued', code);
  await api.call('session:get', {});
  assert.deepEqual(seen, [code]);
  api.close();
  await disconnected();
});

test('a wrong secret fails calls with a network error; a lost connection fails calls in flight, the next reconnects', async () => {
  const wrong = createBrowserBridge({ pageUrl: shell.url.replace(/#.*/, '#deadbeef'), WebSocket: NodeWebSocket });
  const refused = (await wrong.call('session:get', {}).catch((e: unknown) => e)) as AppError;
  assert.equal(refused.code, 'network');

  // The shell hangs up on an oversized frame: that call fails, and the next one opens a new connection.
  const api1 = createBrowserBridge({ pageUrl: shell.url, WebSocket: NodeWebSocket });
  const huge = { patch: { a: 'x'.repeat(MAX_PAYLOAD_BYTES) } };
  assert.equal(((await api1.call('settings:set', huge).catch((e: unknown) => e)) as AppError).code, 'network');
  await disconnected();
  assert.deepEqual(await api1.call('session:get', {}), { signInRemembered: false });
  api1.close();
  await disconnected();

  let release: (() => void) | undefined;
  const shell2 = await startTestShell({
    'vms:list': () => new Promise((resolve) => (release = () => resolve({ vms: [], problems: [], fromCache: false }))),
  });
  const Ctor2 = class extends WebSocket {
    constructor(url: string, protocols: string[]) {
      super(url, protocols, { headers: ownHeaders(shell2.port) });
    }
  } as unknown as WebSocketCtor;
  const api = createBrowserBridge({ pageUrl: shell2.url, WebSocket: Ctor2 });
  const inFlight = api.call('vms:list', {});
  await until('the call to arrive', () => (release ? true : undefined));
  await shell2.close();
  assert.equal(((await inFlight.catch((e: unknown) => e)) as AppError).code, 'network');
  release?.();
  api.close();
});

test('every contract channel is carried end to end by the bridge and the shell; others are refused by the bridge', async () => {
  const plain = await startTestShell();
  const Ctor = class extends WebSocket {
    constructor(url: string, protocols: string[]) {
      super(url, protocols, { headers: ownHeaders(plain.port) });
    }
  } as unknown as WebSocketCtor;
  const api = createBrowserBridge({ pageUrl: plain.url, WebSocket: Ctor });
  const args: { [C in RequestChannel]: RequestArgs<C> } = {
    'session:get': {},
    'session:useDemo': {},
    'session:signIn': { method: 'device-code' },
    'session:accounts': {},
    'session:switchAccount': { id: 'o1.t1' },
    'session:signOut': {},
    'tenants:list': {},
    'vms:list': {},
    'connect:preview': { vmId: VM_ID },
    'connect:start': { targets: [{ vmId: VM_ID }], launch: false },
    'connect:cancel': { connectId: 'c1' },
    'grants:list': {},
    'grants:extend': { vmId: VM_ID, port: 3389 },
    'grants:history': {},
    'settings:get': {},
    'settings:set': { patch: { reminderLeadMinutes: 5 } },
    'jit:enable': { vmId: VM_ID },
  };
  assert.deepEqual(Object.keys(args).sort(), [...REQUEST_CHANNELS].sort());
  for (const channel of REQUEST_CHANNELS) {
    const value = await api.call(channel, args[channel] as never);
    assert.ok(REQUESTS[channel].result.safeParse(value).success, channel);
  }
  assert.deepEqual(
    plain.calls.map((c) => c.channel),
    REQUEST_CHANNELS,
  );
  await assert.rejects(api.call('fs:read' as never, {} as never), /unknown channel/);
  assert.throws(() => api.on('fs:changed' as never, () => {}), /unknown event/);
  api.close();
  await plain.close();
});

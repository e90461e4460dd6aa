import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import type WebSocket from 'ws';
import { REQUEST_CHANNELS, REQUESTS, parseArgs, type RequestChannel } from '../../../shared/ipc/contract';
import { MAX_PAYLOAD_BYTES } from '../../../electron/browser-shell/server';
import { ask, openWs, startTestShell, VM_ID } from '../../fixtures/browser-shell';
import { until } from '../../fixtures/wait';

const shell = await startTestShell();
after(() => shell.close());

let seed = 10;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const int = (n: number) => Math.floor(rnd() * n);
const pickOf = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

/** A random JSON value: scalars of every type, odd numbers, long strings, nested arrays and objects. */
function value(depth = 0): unknown {
  const scalars = [
    null,
    true,
    false,
    0,
    -1,
    1,
    3389,
    65536,
    1.5,
    -0,
    1e308,
    '',
    'x',
    VM_ID,
    '/etc/passwd',
    '__proto__',
  ];
  switch (int(depth > 2 ? 3 : 6)) {
    case 0:
      return pickOf(scalars);
    case 1:
      return 'é\u0000\ud800'.repeat(int(4)) + 'a'.repeat(pickOf([0, 10, 1000, 40_000]));
    case 2:
      return rnd() * 2 ** int(60) * (rnd() < 0.5 ? -1 : 1);
    case 3:
      return Array.from({ length: int(5) }, () => value(depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = int(5); i > 0; i--)
        o[pickOf(['a', 'vmId', 'port', 'targets', 'launch', '__proto__', 'constructor'])] = value(depth + 1);
      return o;
    }
  }
}

/** A random argument object for a channel: its own keys (some), extras, random values. */
function argsFor(channel: RequestChannel): unknown {
  if (rnd() < 0.15) return value();
  const keys = Object.keys((REQUESTS[channel].args as unknown as { shape?: object }).shape ?? {});
  const o: Record<string, unknown> = {};
  for (const k of [...keys, 'extra', 'token'].filter(() => rnd() < 0.5)) o[k] = value(1);
  return o;
}

/** One random message aimed at `channel`: a good envelope with bad args, a bad envelope, or not JSON at all. */
function message(channel: RequestChannel, id: number): string {
  const r = rnd();
  if (r < 0.7) return JSON.stringify({ id, channel, args: argsFor(channel) });
  if (r < 0.8) {
    const other = pickOf([
      '',
      'nope',
      '__proto__',
      'constructor',
      'toString',
      `${channel} `,
      channel.toUpperCase(),
      'session',
    ]);
    return JSON.stringify({ id, channel: other, args: {} });
  }
  if (r < 0.9)
    return JSON.stringify(
      pickOf([{ channel, args: {} }, { id: {}, channel }, { id: 'x'.repeat(65), channel }, [id, channel], id, null]),
    );
  const good = JSON.stringify({ id, channel, args: {} });
  return pickOf([
    good.slice(0, int(good.length)),
    `${good}}`,
    '{',
    '\u0000',
    'undefined',
    "{'id':1}",
    good.replace(':', '='),
  ]);
}

/** Sends every message at once and collects one answer per message. */
async function blast(ws: WebSocket, messages: string[]): Promise<Record<string, unknown>[]> {
  const answers: Record<string, unknown>[] = [];
  const onMessage = (d: Buffer) => answers.push(JSON.parse(d.toString()) as Record<string, unknown>);
  ws.on('message', onMessage);
  for (const m of messages) ws.send(m);
  await until(`${messages.length} answers`, () => (answers.length >= messages.length ? true : undefined), 30_000);
  ws.off('message', onMessage);
  return answers;
}

test('1,000 malformed payloads a channel: each answered with an error (or handled when valid), never a crash', async () => {
  const { ws } = await openWs(shell.port, { secret: shell.secret });
  assert.ok(ws);
  let expectedCalls = 0;
  for (const channel of REQUEST_CHANNELS) {
    const messages = Array.from({ length: 1000 }, (_, i) => message(channel, i + 1));
    for (const m of messages) {
      try {
        const msg = JSON.parse(m) as { id?: unknown; channel?: unknown; args?: unknown };
        if (typeof msg.id === 'number' && msg.channel === channel) {
          parseArgs(channel, msg.args ?? {});
          expectedCalls++;
        }
      } catch {
        // not valid: must not reach the handler
      }
    }
    const answers = await blast(ws, messages);
    assert.equal(answers.length, 1000, channel);
    for (const a of answers) {
      assert.equal(typeof a.ok, 'boolean');
      if (a.ok === false) {
        assert.deepEqual(Object.keys(a.error as object).sort(), ['code', 'message'], JSON.stringify(a));
        assert.equal((a.error as { code: string }).code, 'invalid-input');
      }
    }
  }
  // The fuzz exercised both sides: some valid calls (about 1,200 of 15,000 with this seed), mostly refusals.
  assert.ok(expectedCalls > 100 && expectedCalls < 3000, String(expectedCalls));
  // Exactly the payloads the contract accepts reached a handler, each with parsed arguments.
  assert.equal(shell.calls.length, expectedCalls);
  for (const c of shell.calls) assert.deepEqual(parseArgs(c.channel, c.args), c.args);
  // Still serving, on the same connection.
  assert.deepEqual(await ask(ws, JSON.stringify({ id: 42, channel: 'connect:preview', args: { vmId: VM_ID } })), {
    id: 42,
    ok: true,
    value: { ports: [], port: 3389, maxDuration: 'PT3H', justificationTemplate: '' },
  });
  ws.close();
});

test('binary frames are answered with an error; an oversized frame closes the socket and the shell keeps serving', async () => {
  // The previous test's client may still be leaving: one client at a time.
  const first = { ws: await until('the slot', async () => (await openWs(shell.port, { secret: shell.secret })).ws) };
  const bin = await ask(first.ws, Buffer.from(JSON.stringify({ id: 1, channel: 'session:get', args: {} })), true);
  assert.equal(bin.ok, false);
  const closed = new Promise<number>((resolve) => first.ws!.on('close', (code: number) => resolve(code)));
  first.ws.send(
    JSON.stringify({ id: 2, channel: 'settings:set', args: { patch: { a: 'x'.repeat(MAX_PAYLOAD_BYTES) } } }),
  );
  assert.equal(await closed, 1009);
  const again = await until('a new connection', async () => (await openWs(shell.port, { secret: shell.secret })).ws);
  assert.deepEqual(await ask(again, JSON.stringify({ id: 3, channel: 'session:get', args: {} })), {
    id: 3,
    ok: true,
    value: { signInRemembered: false },
  });
  again.close();
});

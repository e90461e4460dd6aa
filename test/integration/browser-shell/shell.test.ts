import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { ask, openWs, ownHeaders, rawGet, startTestShell, VM_ID } from '../../fixtures/browser-shell';
import { until } from '../../fixtures/wait';

const shell = await startTestShell();
after(() => shell.close());
const { port, secret } = shell;

test('the URL carries a 256-bit secret in its fragment only, and the shell listens on 127.0.0.1', () => {
  const url = new URL(shell.url);
  assert.equal(url.origin, `http://127.0.0.1:${port}`);
  assert.equal(url.search, '');
  assert.match(secret, /^[0-9a-f]{64}$/);
});

test('the right secret, origin and host connect and a call is answered', async () => {
  const { ws } = await openWs(port, { secret });
  assert.ok(ws);
  assert.equal(ws.protocol, 'jit-connect.v1', 'the server selects the protocol, never echoes the secret');
  assert.deepEqual(await ask(ws, JSON.stringify({ id: 1, channel: 'session:get', args: {} })), {
    id: 1,
    ok: true,
    value: { signInRemembered: false },
  });
  ws.close();
  await until('disconnect', () => (shell.logs.includes('browser shell: client disconnected') ? true : undefined));
});

test('a missing or wrong secret is refused at the handshake', async () => {
  assert.equal((await openWs(port, {})).status, 401);
  assert.equal((await openWs(port, { secret: '0'.repeat(64) })).status, 401);
  assert.equal((await openWs(port, { secret: secret.slice(0, 63) })).status, 401);
  // The secret in a query string is not how it is presented, and is refused too.
  assert.equal((await openWs(port, { path: `/ws?secret=${secret}` })).status, 401);
});

test('a foreign or missing Origin is refused, even with the secret', async () => {
  for (const origin of ['http://evil.example', `http://localhost:${port}`, 'null', `https://127.0.0.1:${port}`]) {
    const r = await openWs(port, { secret, headers: { Host: `127.0.0.1:${port}`, Origin: origin } });
    assert.equal(r.status, 403, origin);
  }
  assert.equal((await openWs(port, { secret, headers: { Host: `127.0.0.1:${port}` } })).status, 403);
});

test('a rebinding Host is refused, for the WebSocket and for plain HTTP', async () => {
  for (const host of ['evil.example', `evil.example:${port}`, `localhost:${port}`, '127.0.0.1']) {
    const r = await openWs(port, { secret, headers: { Host: host, Origin: `http://127.0.0.1:${port}` } });
    assert.equal(r.status, 403, host);
    const h = await rawGet(port, '/', { Host: host });
    assert.equal(h.status, 403, host);
    assert.doesNotMatch(h.body, /JIT Connect/);
  }
  assert.equal((await rawGet(port, '/', { Host: `127.0.0.1:${port}`, Origin: 'http://evil.example' })).status, 403);
});

test('one client at a time: a second is refused while the first is connected, accepted after', async () => {
  const first = await openWs(port, { secret });
  assert.ok(first.ws);
  assert.equal((await openWs(port, { secret })).status, 409);
  first.ws.close();
  const second = await until('the slot to free', async () => {
    const r = await openWs(port, { secret });
    return r.ws;
  });
  second.close();
  await until('disconnect', () => (shell.logs.at(-1) === 'browser shell: client disconnected' ? true : undefined));
});

test('events reach only the authenticated client, and only well-formed contract events', async () => {
  shell.emit('session:changed', {}); // nobody connected: dropped quietly
  const { ws } = await openWs(port, { secret });
  assert.ok(ws);
  const got: unknown[] = [];
  ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString())));
  shell.emit('session:changed', { account: { username: 'a@b', tenantId: 't' } });
  shell.emit('session:changed', { account: { username: 'a@b', tenantId: 't', token: 'x' } } as never);
  shell.emit('no:such' as never, {} as never);
  await ask(ws, JSON.stringify({ id: 'after', channel: 'grants:list', args: {} }));
  assert.deepEqual(got.slice(0, 1), [
    { event: 'session:changed', payload: { account: { username: 'a@b', tenantId: 't' } } },
  ]);
  assert.equal(got.filter((m) => 'event' in (m as object)).length, 1);
  ws.close();
  await until('disconnect', () => (shell.logs.at(-1) === 'browser shell: client disconnected' ? true : undefined));
});

test('static files: served with the production CSP and headers; traversal, dotfiles and symlinks out refused', async () => {
  const index = await rawGet(port, '/');
  assert.equal(index.status, 200);
  assert.match(index.body, /JIT Connect/);
  assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
  const csp = String(index.headers['content-security-policy']);
  for (const d of [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src ws://127.0.0.1:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ])
    assert.ok(csp.split('; ').includes(d), d);
  // Inline styles only (Fluent UI's run-time CSS); never inline or evaluated scripts.
  assert.doesNotMatch(csp, /script-src[^;]*unsafe|default-src[^;]*unsafe/);
  assert.equal(index.headers['x-content-type-options'], 'nosniff');
  assert.equal(index.headers['referrer-policy'], 'no-referrer');
  assert.equal(index.headers['cache-control'], 'no-store');
  const js = await rawGet(port, '/assets/app.js');
  assert.equal(js.status, 200);
  assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');

  symlinkSync(shell.outside, join(shell.dir, 'link.txt'));
  for (const path of [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%252e%252e/secret.txt',
    '/.env',
    '/%2eenv',
    '/index.html%00.js',
    '/%ff',
    '/link.txt',
    '/assets',
    '//etc/passwd',
  ]) {
    const r = await rawGet(port, path);
    assert.ok(r.status >= 400 && r.status < 500, `${path}: ${r.status}`);
    assert.doesNotMatch(r.body, /TOP SECRET|SECRET=1|root:/, path);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', `error answers carry the headers too: ${path}`);
  }
});

test('only GET and HEAD; the secret is never written to the log', async () => {
  const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'x' });
  assert.equal(res.status, 405);
  const { ws } = await openWs(port, { secret, headers: ownHeaders(port) });
  assert.ok(ws);
  await ask(ws, JSON.stringify({ id: 2, channel: 'connect:preview', args: { vmId: VM_ID } }));
  ws.close();
  await until('disconnect', () => (shell.logs.at(-1) === 'browser shell: client disconnected' ? true : undefined));
  assert.ok(shell.logs.length > 0);
  assert.ok(shell.logs.every((l) => !l.includes(secret)));
});

test('only loopback: nothing listens on the machine’s other addresses', async () => {
  const others = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && a.family === 'IPv4')
    .map((a) => a!.address);
  for (const address of ['::1', ...others]) {
    await assert.rejects(
      rawGet(port, '/', { Host: `127.0.0.1:${port}` }, address),
      /ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/,
      address,
    );
  }
});

test('a client that said goodbye but has not hung up (a reloading page) does not block the next one', async () => {
  // A raw client: a valid handshake, then a close frame, with the TCP connection left open (the shell would wait
  // up to 30 s for it to close; a reloaded page must not be refused meanwhile).
  const sock = connect(port, '127.0.0.1');
  await new Promise((resolve) => sock.once('connect', resolve));
  sock.write(
    [
      'GET /ws HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      `Origin: http://127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Version: 13',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      `Sec-WebSocket-Protocol: jit-connect.v1, jit-secret.${secret}`,
      '',
      '',
    ].join('\r\n'),
  );
  const head = await new Promise<string>((resolve) => sock.once('data', (d: Buffer) => resolve(d.toString())));
  assert.match(head, /^HTTP\/1\.1 101/);
  // A masked close frame (code 1000).
  const mask = randomBytes(4);
  const payload = Buffer.from([0x03, 0xe8]).map((b, i) => b ^ mask[i % 4]!);
  sock.write(Buffer.concat([Buffer.from([0x88, 0x82]), mask, payload]));
  const next = await until('the next client', async () => (await openWs(port, { secret })).ws);
  assert.deepEqual(await ask(next, JSON.stringify({ id: 9, channel: 'session:get', args: {} })), {
    id: 9,
    ok: true,
    value: { signInRemembered: false },
  });
  next.close();
  sock.destroy();
  await until('disconnect', () => (shell.logs.at(-1) === 'browser shell: client disconnected' ? true : undefined));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  contentSecurityPolicy,
  hostAllowed,
  newSecret,
  originAllowed,
  presentedSecret,
  secretMatches,
  securityHeaders,
} from '../../../electron/browser-shell/security';
import { safeRelativePath } from '../../../electron/browser-shell/static-files';

test('secrets are 256 random bits, different every launch, and compared exactly', () => {
  const a = newSecret();
  const b = newSecret();
  assert.match(a, /^[0-9a-f]{64}$/);
  assert.notEqual(a, b);
  assert.ok(secretMatches(a, a));
  for (const wrong of [b, a.toUpperCase(), a.slice(1), `${a}0`, '', undefined]) assert.ok(!secretMatches(wrong, a));
});

test('the secret is read from the offered subprotocols only', () => {
  assert.equal(presentedSecret({ 'sec-websocket-protocol': 'jit-connect.v1, jit-secret.abc' }), 'abc');
  assert.equal(presentedSecret({ 'sec-websocket-protocol': 'jit-connect.v1' }), undefined);
  assert.equal(presentedSecret({}), undefined);
});

test('Host and Origin must be exactly the shell’s own', () => {
  assert.ok(hostAllowed({ host: '127.0.0.1:4000' }, 4000));
  for (const host of ['127.0.0.1:4001', 'localhost:4000', 'evil.example', '127.0.0.1', undefined])
    assert.ok(!hostAllowed({ host }, 4000), String(host));
  assert.ok(originAllowed({ origin: 'http://127.0.0.1:4000' }, 4000));
  for (const origin of ['http://127.0.0.1:4001', 'http://localhost:4000', 'null', 'http://127.0.0.1:4000/', undefined])
    assert.ok(!originAllowed({ origin }, 4000), String(origin));
});

test('the CSP allows only the shell’s own scripts and WebSocket; the headers forbid sniffing, referrers and caching', () => {
  assert.equal(
    contentSecurityPolicy(4000),
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src ws://127.0.0.1:4000; object-src 'none'; base-uri 'none'; " +
      "frame-ancestors 'none'; form-action 'none'",
  );
  const h = securityHeaders(4000);
  assert.equal(h['X-Content-Type-Options'], 'nosniff');
  assert.equal(h['Referrer-Policy'], 'no-referrer');
  assert.equal(h['Cache-Control'], 'no-store');
});

test('request paths: the root is index.html; traversal, encoded tricks, NUL, backslashes and dotfiles refused', () => {
  assert.equal(safeRelativePath('/'), 'index.html');
  assert.equal(safeRelativePath('/?x=1'), 'index.html');
  assert.equal(safeRelativePath('/assets/app.js?v=2#h'), 'assets/app.js');
  assert.equal(safeRelativePath('/assets//app.js'), 'assets/app.js');
  assert.equal(safeRelativePath('/a%20b.txt'), 'a b.txt');
  for (const bad of [
    undefined,
    '',
    'index.html',
    'http://evil.example/',
    '/../x',
    '/a/../../x',
    '/%2e%2e/x',
    '/%2E%2E%2Fx',
    '/a%2f..%2f..%2fx',
    '/..%5cx',
    '/a\\b',
    '/x%00.js',
    '/%ff',
    '/.git/config',
    '/.env',
    '/./x',
  ])
    assert.equal(safeRelativePath(bad), undefined, String(bad));
});

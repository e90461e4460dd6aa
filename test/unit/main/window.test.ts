/**
 * Electron's security checklist, one test per applicable item, on plain-object fakes: isolation, sandbox, no Node in
 * the page, web security, CSP, permissions, navigation, new windows, webviews and external links.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guardContents, hardenSession, windowOptions } from '../../../electron/main/window';
import { APP_ENTRY, APP_ORIGIN, CONTENT_SECURITY_POLICY } from '../../../electron/main/security';
import { fakeContents, fakeSession } from './fakes';

const prefs = windowOptions('/app/preload.cjs').webPreferences!;

test('checklist: context isolation is on and the preload is the bundled one', () => {
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.preload, '/app/preload.cjs');
});

test('checklist: the renderer is sandboxed', () => {
  assert.equal(prefs.sandbox, true);
});

test('checklist: no Node integration in the page, its workers or its subframes', () => {
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
});

test('checklist: web security stays on, no insecure content, no experimental features, no <webview>', () => {
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.experimentalFeatures, false);
  assert.equal(prefs.webviewTag, false);
  // Electron's remote module is gone since Electron 14; no option may bring a substitute back.
  assert.ok(!('enableRemoteModule' in prefs));
  // No Blink features switched on beyond Chromium's defaults.
  assert.ok(!('enableBlinkFeatures' in prefs));
});

test('checklist: every response carries the strict CSP, replacing any CSP it brought', () => {
  const { session, seen } = fakeSession();
  hardenSession(session);
  let out: Record<string, string | string[]> | undefined;
  seen.headers!(
    { responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'x-a': ['1'] } },
    (r) => (out = r.responseHeaders),
  );
  const csp = Object.entries(out!).filter(([k]) => k.toLowerCase() === 'content-security-policy');
  assert.deepEqual(csp, [['Content-Security-Policy', [CONTENT_SECURITY_POLICY]]]);
  assert.deepEqual(out!['x-a'], ['1']);
  assert.deepEqual(out!['X-Content-Type-Options'], ['nosniff']);
  // The policy itself: scripts only from the app, no eval, no inline script, nothing framed, no network.
  for (const d of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'"])
    assert.ok(CONTENT_SECURITY_POLICY.includes(d), d);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  assert.match(CONTENT_SECURITY_POLICY, /connect-src 'none'/);
});

test('checklist: a response without headers still gets the CSP', () => {
  const { session, seen } = fakeSession();
  hardenSession(session);
  let out: Record<string, string | string[]> | undefined;
  seen.headers!({}, (r) => (out = r.responseHeaders));
  assert.deepEqual(out!['Content-Security-Policy'], [CONTENT_SECURITY_POLICY]);
});

test('checklist: every permission request and check is denied', () => {
  const { session, seen } = fakeSession();
  hardenSession(session);
  for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'unknown']) {
    let granted: boolean | undefined;
    seen.request!({}, permission, (g) => (granted = g), { requestingUrl: APP_ENTRY });
    assert.equal(granted, false, permission);
    assert.equal(seen.check!({}, permission, APP_ORIGIN, {}), false, permission);
  }
});

test('checklist: navigation away from the app is prevented; within the app it is not', () => {
  const { contents, fire } = fakeContents();
  const opened: string[] = [];
  guardContents(contents, async (url) => void opened.push(url));
  assert.equal(fire('will-navigate', `${APP_ORIGIN}/index.html#/grants`), false);
  for (const url of [
    'https://evil.example/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://jit-connect.evil/',
    'app://other/',
    'javascript:alert(1)',
    'not a url',
  ]) {
    assert.equal(fire('will-navigate', url), true, url);
    assert.equal(fire('will-redirect', url), true, url);
  }
  assert.deepEqual(opened, []);
});

test('checklist: an allow-listed link the page navigates to opens in the OS browser, not in the window', () => {
  const { contents, fire } = fakeContents();
  const opened: string[] = [];
  guardContents(contents, async (url) => void opened.push(url));
  const portal = 'https://portal.azure.com/#view/Microsoft_Azure_ActivityLog';
  assert.equal(fire('will-navigate', portal), true);
  assert.deepEqual(opened, [portal]);
});

test('checklist: window.open never creates a window; only allow-listed https links go to the OS browser', () => {
  const { contents, windowOpen } = fakeContents();
  const opened: string[] = [];
  const refused: string[] = [];
  guardContents(
    contents,
    async (url) => void opened.push(url),
    (url) => refused.push(url),
  );
  for (const url of ['https://portal.azure.us/x', 'https://portal.azure.cn/x', 'https://evil.example/', 'file:///'])
    assert.deepEqual(windowOpen(url), { action: 'deny' });
  assert.deepEqual(opened, ['https://portal.azure.us/x', 'https://portal.azure.cn/x']);
  assert.deepEqual(refused, ['https://evil.example/', 'file:///']);
});

test('checklist: a <webview> is never attached', () => {
  const { contents, fire } = fakeContents();
  guardContents(contents, async () => undefined);
  assert.equal(fire('will-attach-webview', 'https://portal.azure.com/'), true);
});

test('a failing openExternal is reported, not thrown into the window', async () => {
  const { contents, windowOpen } = fakeContents();
  const refused: string[] = [];
  guardContents(
    contents,
    async () => {
      throw new Error('no browser');
    },
    (url) => refused.push(url),
  );
  windowOpen('https://portal.azure.com/');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(refused, ['https://portal.azure.com/']);
});

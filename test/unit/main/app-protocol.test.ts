/** The renderer served on app://jit-connect from one folder: its files with the CSP, nothing outside it. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appProtocolHandler, fileFor } from '../../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security';

let dir: string;
let root: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'jit-app-proto-'));
  root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>JIT Connect</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  symlinkSync(join(dir, 'secret.txt'), join(root, 'link.txt'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string) => appProtocolHandler(root)(new Request(url));

test('the entry and its assets are served with their type and the CSP', async () => {
  const index = await get('app://jit-connect/index.html');
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(index.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
  assert.match(await index.text(), /JIT Connect/);
  const root_ = await get('app://jit-connect/');
  assert.equal(root_.status, 200);
  const js = await get('app://jit-connect/assets/app.js');
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
});

test('nothing outside the folder: no .., no encoded tricks, no symlink out, no other host', async () => {
  for (const url of [
    'app://jit-connect/../secret.txt',
    'app://jit-connect/%2e%2e/secret.txt',
    'app://jit-connect/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://jit-connect/..%5csecret.txt',
    'app://jit-connect/%00index.html',
    'app://jit-connect/%E0%A4%A',
    'app://jit-connect/link.txt',
    'app://jit-connect/missing.js',
    'app://other/index.html',
  ])
    assert.equal((await get(url)).status, 404, url);
  assert.equal(fileFor(root, 'https://jit-connect/index.html'), undefined);
});

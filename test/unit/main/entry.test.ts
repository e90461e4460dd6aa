/**
 * The entry is the one file that touches Electron's objects (it cannot run here): every other shell file imports
 * only Electron's types, so it loads in plain Node and is tested with fakes; and the entry applies every guard.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
const source = (dir: string, file: string) => readFileSync(join(root, dir, file), 'utf8');

test("only main.ts and preload.ts import values from 'electron'; the rest import its types", () => {
  for (const dir of ['electron/main', 'electron/preload']) {
    for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith('.ts'))) {
      const valueImport = /^import\s+(?!type\b)[^;]*from\s+'electron(\/\w+)?';/m.test(source(dir, file));
      assert.equal(valueImport, file === 'main.ts' || file === 'preload.ts', `${dir}/${file}`);
    }
  }
});

test('the entry sandboxes every renderer, hardens the session, guards every webContents and wires IPC', () => {
  const main = source('electron/main', 'main.ts');
  for (const call of [
    'app.enableSandbox()',
    'hardenSession(session.defaultSession)',
    "app.on('web-contents-created'",
    'guardContents(contents',
    'new BrowserWindow(windowOptions(PRELOAD))',
    'protocol.registerSchemesAsPrivileged',
    'protocol.handle(APP_SCHEME, appProtocolHandler(RENDERER_DIR))',
    'wireCore(',
    'startBackground({',
    'forwardDeepLinks(',
    'app.requestSingleInstanceLock()',
  ])
    assert.ok(main.includes(call), call);
  // The window loads the app's own origin, never a file:// or remote URL.
  assert.match(main, /loadURL\(APP_ENTRY\)/);
  assert.doesNotMatch(main, /loadFile\(|file:\/\//);
});

test('both shells compose core in one place (composeApp) and parse the same flags (parseShellArgs)', () => {
  for (const [dir, file] of [
    ['electron/main', 'wiring.ts'],
    ['electron/browser-shell', 'main.ts'],
  ] as const) {
    const text = source(dir, file);
    assert.match(text, /composeApp\(parseShellArgs\(|composeApp\(args,/, `${dir}/${file} composes through composeApp`);
    assert.match(text, /parseShellArgs\(/, `${dir}/${file} parses with parseShellArgs`);
  }
  for (const dir of ['electron/main', 'electron/browser-shell'])
    for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith('.ts')))
      assert.doesNotMatch(source(dir, file), /createAppService\(/, `${dir}/${file} builds no app service of its own`);
});

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../fixtures/browser';
import { startTestShell } from '../../fixtures/browser-shell';
import { until } from '../../fixtures/wait';

// The shipped path in a real browser: the bridge bundled as the renderer would be, served by the shell under its
// CSP, connecting with the secret from the fragment and the Origin Chromium sets itself.
const shell = await startTestShell();
let browser: Browser | undefined;
after(async () => {
  await browser?.close();
  await shell.close();
});

/** Page-side predicate (a string: this file is typechecked without the DOM). */
/**
 * Waits until `#id`'s text is non-empty (or equals `text`). Read through the protocol (textContent), not
 * waitForFunction: a string predicate runs through eval in the page, which this CSP rightly refuses.
 */
async function filled(page: Page, id: string, text?: string): Promise<void> {
  await until(`#${id} filled`, async () => {
    const got = await page.textContent(`#${id}`);
    return got && (text === undefined || got === text) ? true : undefined;
  });
}

const PAGE = `
import { createBrowserBridge } from './browser-bridge';
const api = createBrowserBridge();
api.on('deviceCode:issued', (p) => { document.getElementById('event').textContent = p.userCode; });
api.call('session:get', {}).then(
  (v) => { document.getElementById('out').textContent = JSON.stringify(v); },
  (e) => { document.getElementById('out').textContent = 'error ' + e.code; },
);
`;

test('Chromium loads the page under the CSP, the bridge connects with the fragment’s secret, calls and events work', async () => {
  await build({
    stdin: { contents: PAGE, resolveDir: join(import.meta.dirname, '../../../renderer/src/bridge'), loader: 'ts' },
    bundle: true,
    format: 'esm',
    outfile: join(shell.dir, 'assets', 'app.js'),
    logLevel: 'silent',
  });
  writeFileSync(
    join(shell.dir, 'index.html'),
    '<!doctype html><title>JIT Connect</title><p id="out"></p><p id="event"></p>' +
      '<script type="module" src="/assets/app.js"></script>' +
      // An inline script is what an injected payload would look like: the CSP must stop it.
      '<script>document.title = "inline ran"</script>',
  );
  browser = await launchBrowser();
  const page = await browser.newPage();
  const cspErrors: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  await page.goto(shell.url);
  await filled(page, 'out');
  assert.equal(await page.textContent('#out'), JSON.stringify({ signInRemembered: false }));
  assert.equal(await page.title(), 'JIT Connect', 'the inline script was blocked');
  assert.ok(
    cspErrors.some((e) => /inline/i.test(e)),
    'Chromium reported the blocked inline script',
  );
  shell.emit('deviceCode:issued', {
    userCode: 'WXYZ-1234',
    verificationUri: 'https://microsoft.com/devicelogin',
    message: 'm',
  });
  await filled(page, 'event', 'WXYZ-1234');

  // A second tab with the same URL is refused while the first is connected.
  const second = await browser.newPage();
  await second.goto(shell.url);
  await filled(second, 'out');
  assert.equal(await second.textContent('#out'), 'error network');
  await second.close();

  // A reload (the old socket goes, a new one comes) is served again.
  await page.reload();
  await filled(page, 'out');
  assert.equal(await page.textContent('#out'), JSON.stringify({ signInRemembered: false }));
});

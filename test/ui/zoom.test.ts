/**
 * 200 % zoom (WCAG 1.4.4 / 1.4.10): a 1280×800 screen at 200 % is a 640×400 CSS-pixel viewport at device scale 2.
 * The sign-in screen and the VM list stay usable there: the page never scrolls sideways, the filter and the connect
 * path (double-click → the progress panel) are reachable, the grants panel too (stacked under the list), axe-core
 * finds no serious or critical violation. Screenshots light and dark.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { screenshots, seriousViolations, startUi, type UiRig } from './ui-harness';

const WIDTH = 640;

/** How far the page (not a list inside it) can scroll sideways, in CSS px: 0 when it reflows. */
async function horizontalOverflow(page: Page): Promise<number> {
  // A string: this project's Node tsconfig has no DOM types (it runs in the page).
  return (await page.evaluate(
    '(() => { const e = document.scrollingElement; return e.scrollWidth - e.clientWidth; })()',
  )) as number;
}

/** Scrolls `el` into view and checks it lies within the viewport's width (usable without sideways scrolling). */
async function reachable(el: Locator, what: string): Promise<void> {
  await el.scrollIntoViewIfNeeded();
  const box = await el.boundingBox();
  assert.ok(box, `${what} is rendered`);
  assert.ok(box.x >= 0 && box.x + box.width <= WIDTH + 0.5, `${what} fits the width: ${JSON.stringify(box)}`);
  assert.ok(await el.isVisible(), `${what} is visible`);
}

/** Checks nothing inside `el` spills out of it (text wrapping out of a fixed-height row, a squeezed panel cut off). */
async function fitsItsBox(el: Locator, what: string): Promise<void> {
  const spill = await el.evaluate((node) => {
    // A cast: this project's Node tsconfig has no DOM types (it runs in the page).
    const e = node as unknown as Record<'scrollHeight' | 'clientHeight' | 'scrollWidth' | 'clientWidth', number>;
    return { down: e.scrollHeight - e.clientHeight, right: e.scrollWidth - e.clientWidth };
  });
  assert.deepEqual(spill, { down: 0, right: 0 }, `${what}: its content spills out`);
}

describe('UI at 200 % zoom (640×400 CSS px, device scale 2)', () => {
  let ui: UiRig;
  before(async () => {
    ui = await startUi({ sim: { propagationMs: 0 }, page: { width: WIDTH, height: 400, deviceScaleFactor: 2 } });
  });
  after(async () => {
    await ui?.close();
  });

  test('the sign-in screen: every choice reachable, no sideways scrolling, axe clean', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Sign in to Azure' }).waitFor();
    for (const name of ['Sign in to Azure', 'Sign in with a device code', 'Explore the demo'])
      await reachable(page.getByRole('button', { name }), name);
    assert.equal(await horizontalOverflow(page), 0);
    await screenshots(page, 'zoom-01-sign-in');
    assert.deepEqual(await seriousViolations(page), []);
  });

  test('the VM list: the filter, a row and the grants panel reachable; no sideways scrolling', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Sign in with a device code' }).click();
    await page.getByRole('option', { name: /VM-FS01/ }).waitFor({ timeout: 30_000 });
    const filter = page.getByRole('textbox', { name: 'Filter virtual machines' });
    await reachable(filter, 'the filter');
    await reachable(page.getByRole('option', { name: /VM-FS01/ }), 'the VM-FS01 row');
    for (const row of await page.getByRole('option').all()) await fitsItsBox(row, await row.innerText());
    assert.equal(await horizontalOverflow(page), 0);
    await page.getByRole('listbox', { name: 'Virtual machines' }).scrollIntoViewIfNeeded();
    await screenshots(page, 'zoom-02-vm-list');
    assert.deepEqual(await seriousViolations(page), []);
  });

  test('connect at 200 %: double-click, the progress panel reachable, then the grant with Extend', async () => {
    const { page } = ui;
    await page.getByRole('option', { name: /VM-FS01/ }).dblclick();
    const panel = page.getByLabel('Connecting to VM-FS01');
    await panel.getByText('Access granted').waitFor({ timeout: 30_000 });
    await reachable(panel, 'the progress panel');
    await fitsItsBox(panel, 'the progress panel');
    assert.equal(await horizontalOverflow(page), 0);
    await screenshots(page, 'zoom-03-progress');
    const grant = page.getByTestId('grant').filter({ hasText: 'VM-FS01:3389' });
    await grant.waitFor({ timeout: 30_000 });
    await reachable(grant, 'the grant');
    await fitsItsBox(grant, 'the grant');
    await reachable(grant.getByRole('button', { name: 'Extend', exact: true }), 'Extend');
    assert.equal(await horizontalOverflow(page), 0);
    await screenshots(page, 'zoom-04-grants');
    assert.deepEqual(await seriousViolations(page), []);
  });
});

/**
 * The demo from the first screen: "Explore the demo" signs in to the in-process simulator by itself; a double-click
 * stops at "reachable" and shows the command it would have run (nothing is launched).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { until } from '../fixtures/wait';
import { screenshots, seriousViolations, startUi, type UiRig } from './ui-harness';

describe('UI: the demo', () => {
  let ui: UiRig;
  before(async () => {
    ui = await startUi({ demo: true });
  });
  after(async () => {
    await ui?.close();
  });

  test('Explore the demo: signed in without a browser, the VMs listed', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Explore the demo' }).click();
    await page.getByRole('option', { name: /VM-FS01/ }).waitFor({ timeout: 30_000 });
  });

  test('a demo connect stops at reachable and shows the command it would run', async () => {
    const { page } = ui;
    await page.getByRole('option', { name: /VM-FS01/ }).dblclick();
    const panel = page.getByLabel('Connecting to VM-FS01');
    await panel.getByText(/would run: xfreerdp /).waitFor({ timeout: 30_000 });
    assert.equal(await panel.locator('[data-step="reachable"]').getAttribute('data-done'), 'true');
    assert.equal(ui.app.ran.length, 0, 'nothing launched');
    await until('grant listed', async () => ((await page.getByTestId('grant').count()) > 0 ? true : undefined));
    await screenshots(page, '05-demo-connect');
    assert.deepEqual(await seriousViolations(page), []);
  });
});

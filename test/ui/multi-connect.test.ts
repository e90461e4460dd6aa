/**
 * Several VMs in one request: Ctrl+click and Shift+click pick them, "Connect 2 VMs" opens the dialog, one
 * connect:start carries both, the panel shows each VM's steps and outcome under one Cancel. A Cancel while the rule is
 * awaited shows "Cancelled" and launches nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sameId } from '../../shared/azure/resource-id';
import { control } from '../fixtures/sim';
import { until } from '../fixtures/wait';
import { screenshots, seriousViolations, startUi, type UiRig } from './ui-harness';
import { jitRequests, settled, signIn } from './ui-steps';

describe('UI: several VMs in one request', () => {
  let ui: UiRig;
  before(async () => {
    ui = await startUi();
    await signIn(ui.page);
  });
  after(async () => {
    await ui?.close();
  });

  test('Ctrl+click picks two VMs; Cancel while waiting for the rule: "Cancelled", nothing launched', async () => {
    const { page } = ui;
    // The rule never appears on its own (the simulated clock does not move that far): the run waits until cancelled.
    await control(ui.sim, '/settings', { propagationMs: 3_600_000 });
    await page.getByRole('option', { name: /VM-FS01/ }).click();
    await page.getByRole('option', { name: /vm-sql01/ }).click({ modifiers: ['ControlOrMeta'] });
    assert.equal(await page.locator('[role="option"][aria-selected="true"]').count(), 2);
    await page.getByRole('button', { name: 'Connect 2 VMs' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect to 2 VMs' });
    await dialog.waitFor();
    assert.equal(await dialog.getByTestId('request-target').count(), 2);
    await settled(page);
    await screenshots(page, '14-request-two-vms');
    assert.deepEqual(await seriousViolations(page), []);
    await dialog.getByRole('button', { name: 'Connect 2 VMs' }).click();
    await dialog.waitFor({ state: 'detached' });
    const panel = page.getByLabel('Connecting to 2 VMs');
    await until(
      'both waiting',
      async () =>
        (await panel.locator('[data-step="waiting-for-rule"][data-done="true"]').count()) === 2 ? true : undefined,
      30_000,
    );
    await screenshots(page, '15-multi-run');
    assert.deepEqual(await seriousViolations(page), []);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.locator('strong', { hasText: 'Cancelled' }).waitFor();
    assert.equal((await panel.getByTestId('outcome').allInnerTexts()).join('|'), 'Cancelled|Cancelled');
    assert.deepEqual(ui.app.ran, []);
    await screenshots(page, '16-multi-cancelled');
    await panel.getByRole('button', { name: 'Close' }).click();
    await control(ui.sim, '/settings', { propagationMs: 200 });
  });

  test('Shift+click a range; one connect:start, one request for the policy, both grants, both clients', async () => {
    const { page } = ui;
    const filter = page.getByRole('textbox', { name: 'Filter virtual machines' });
    await filter.fill('rg-servers');
    await page.getByRole('option', { name: /vm-dc01/ }).click();
    await page.getByRole('option', { name: /VM-FS01/ }).click({ modifiers: ['Shift'] });
    assert.equal(await page.locator('[role="option"][aria-selected="true"]').count(), 2);
    const requestsBefore = jitRequests(ui.sim).length;
    const eventsBefore = ui.events.length;
    // Enter with several selected opens the dialog (one request for all), not a connect per VM.
    await page.getByRole('listbox', { name: 'Virtual machines' }).press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Connect to 2 VMs' });
    await dialog.getByRole('button', { name: 'Connect 2 VMs' }).click();
    const panel = page.getByLabel('Connecting to 2 VMs');
    await panel.getByRole('button', { name: 'Close' }).waitFor({ timeout: 30_000 });
    const outcomes = await panel.getByTestId('outcome').allInnerTexts();
    assert.deepEqual(
      outcomes.map((o) => o.replace(/\d.*$/, '')),
      ['Granted until ', 'Granted until '],
      await panel.innerText(),
    );
    const runs = new Set(
      ui.events
        .slice(eventsBefore)
        .filter((e) => e.channel === 'connect:progressed')
        .map((e) => e.payload.connectId),
    );
    assert.equal(runs.size, 1);
    // Both VMs are in rg-servers' policy: one initiate names both.
    const sent = jitRequests(ui.sim).slice(requestsBefore);
    assert.equal(sent.length, 1);
    const vms = (await ui.app.call('vms:list', {})).vms;
    for (const name of ['vm-dc01', 'VM-FS01']) {
      const id = vms.find((v) => v.name === name)!.id;
      assert.ok(
        sent[0]!.virtualMachines.some((v) => sameId(v.id, id)),
        name,
      );
      await page
        .getByTestId('grant')
        .filter({ hasText: `${name}:3389` })
        .waitFor();
    }
    assert.equal(ui.app.ran.length, 2);
    for (const t of await panel.getByTestId('target').all())
      assert.equal(await t.locator('[data-done="true"]').count(), 5);
    await screenshots(page, '17-multi-granted');
    assert.deepEqual(await seriousViolations(page), []);
    await filter.fill('');
  });
});

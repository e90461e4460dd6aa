/**
 * The main path in a real browser: the first screen, sign in by device code, find VM-FS01 with the filter,
 * double-click it, watch the five steps, Enter on a filtered row, see the grant counting down and extend it, an error
 * with its fix, a 403 subscription as a banner, sign out. Screenshots of every screen in
 * light and dark, and axe-core on each: no serious or critical violation.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { control, simFetch } from '../fixtures/sim';
import { until } from '../fixtures/wait';
import { screenshots, seriousViolations, startUi, type UiRig } from './ui-harness';
import { signOut } from './ui-steps';

describe('UI: sign in, connect, extend', () => {
  let ui: UiRig;
  before(async () => {
    ui = await startUi();
  });
  after(async () => {
    await ui?.close();
  });

  test('the first screen offers sign-in and the demo; device-code sign-in reaches the VM list', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Sign in to Azure' }).waitFor();
    assert.ok(await page.getByRole('button', { name: 'Explore the demo' }).isVisible());
    await screenshots(page, '01-sign-in');
    assert.deepEqual(await seriousViolations(page), []);
    await page.getByRole('button', { name: 'Sign in with a device code' }).click();
    await page.getByRole('listbox', { name: 'Virtual machines' }).waitFor({ timeout: 30_000 });
    assert.equal(ui.events.filter((e) => e.channel === 'deviceCode:issued').length, 1);
  });

  test('the VM list: the filter finds VM-FS01; keyboard moves the selection', async () => {
    const { page } = ui;
    await page.getByRole('option', { name: /VM-FS01/ }).waitFor();
    await screenshots(page, '02-vm-list');
    assert.deepEqual(await seriousViolations(page), []);
    const filter = page.getByRole('textbox', { name: 'Filter virtual machines' });
    await filter.fill('fs01');
    await until('filtered', async () => ((await page.getByRole('option').count()) === 1 ? true : undefined));
    assert.match(await page.getByRole('option').first().innerText(), /VM-FS01/);
    assert.equal(await page.getByRole('option').first().getAttribute('aria-selected'), 'true');
    await filter.fill('');
    await until('unfiltered', async () => ((await page.getByRole('option').count()) > 1 ? true : undefined));
    await filter.press('ArrowDown');
    assert.equal(await page.getByRole('option').nth(1).getAttribute('aria-selected'), 'true');
  });

  test('double-click VM-FS01: the five steps with their times, the client launched', async () => {
    const { page } = ui;
    await page.getByRole('option', { name: /VM-FS01/ }).dblclick();
    const panel = page.getByLabel('Connecting to VM-FS01');
    await panel.waitFor();
    await until(
      'launching',
      async () => ((await panel.locator('[data-step="launching"][data-done="true"]').count()) === 1 ? true : undefined),
      30_000,
    );
    for (const step of ['requested', 'waiting-for-rule', 'rule-live', 'reachable', 'launching'])
      assert.match(await panel.locator(`[data-step="${step}"]`).innerText(), /\d+\.\d s/, step);
    await panel.getByText('Access granted').waitFor();
    assert.equal(ui.app.ran.length, 1);
    assert.equal(ui.app.ran[0]![0], 'xfreerdp');
    await screenshots(page, '03-progress');
    assert.deepEqual(await seriousViolations(page), []);
  });

  test('keyboard only: filter, Enter connects the selected VM', async () => {
    const { page } = ui;
    const filter = page.getByRole('textbox', { name: 'Filter virtual machines' });
    await filter.fill('web01');
    await until('one row', async () => ((await page.getByRole('option').count()) === 1 ? true : undefined));
    await filter.press('Enter');
    const panel = page.getByLabel('Connecting to vm-web01');
    await panel.getByRole('button', { name: 'Close' }).waitFor({ timeout: 30_000 });
    assert.match(await panel.innerText(), /Access granted/);
    await until('ssh started', () => ui.app.ran.find((argv) => argv.join(' ').includes('ssh')));
    await filter.fill('');
  });

  test('the grants panel: the grant with a ticking countdown; Extend renews it', async () => {
    const { page } = ui;
    const grant = page.getByTestId('grant').filter({ hasText: 'VM-FS01:3389' });
    await grant.waitFor();
    const countdown = grant.getByTestId('countdown');
    const first = await countdown.innerText();
    assert.match(first, /^\d+:\d{2}(:\d{2})? left$/);
    await until('ticks', async () => ((await countdown.innerText()) !== first ? true : undefined));
    // Half an hour of simulated time passes, then Extend: a new window from now, the countdown full again.
    await control(ui.sim, '/clock/advance', { seconds: 1800 });
    const full = toSeconds(first);
    await grant.getByRole('button', { name: 'Extend', exact: true }).click();
    const ext = await until('extend recorded', async () =>
      (await ui.app.call('grants:history', {})).find((h) => h.kind === 'extend' && h.vmName === 'VM-FS01'),
    );
    assert.equal(ext.outcome, 'granted', await grant.innerText());
    await grant.getByRole('button', { name: 'Extend', exact: true }).waitFor();
    await until('countdown renewed', async () =>
      Math.abs(toSeconds(await countdown.innerText()) - full) < 60 ? true : undefined,
    );
    await screenshots(page, '04-grants');
    assert.deepEqual(await seriousViolations(page), []);
  });

  test('a VM without JIT: a dialog with the error and its fix, nothing requested', async () => {
    const { page } = ui;
    const before = ui.events.filter((e) => e.channel === 'connect:progressed').length;
    await page.getByRole('option', { name: /vm-build01/ }).dblclick();
    const dialog = page.getByRole('dialog', { name: 'Connect to vm-build01' });
    await dialog.waitFor();
    const text = await dialog.innerText();
    assert.match(text, /just-in-time|JIT/i);
    await screenshots(page, '06-error-dialog');
    assert.deepEqual(await seriousViolations(page), []);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(ui.events.filter((e) => e.channel === 'connect:progressed').length, before);
  });

  test('a subscription that answers 403: its problem in a quiet banner, the other VMs still listed', async () => {
    const { page } = ui;
    const fin = (await ui.app.call('vms:list', {})).vms.find((v) => v.name === 'vm-fin01')!;
    await control(ui.sim, '/faults', { pathIncludes: `/subscriptions/${fin.subscriptionId}/`, status: 403 });
    try {
      await page.getByRole('button', { name: 'Refresh' }).click();
      const banner = page.getByText(/could not be read/);
      await banner.waitFor();
      assert.match(await banner.innerText(), /Contoso Finance/);
      await page.getByRole('option', { name: /VM-FS01/ }).waitFor();
      await screenshots(page, '07-problems-banner');
      assert.deepEqual(await seriousViolations(page), []);
    } finally {
      await control(ui.sim, '/faults', undefined, 'DELETE');
    }
  });

  test('Sign out returns to the first screen', async () => {
    await signOut(ui.page);
    await ui.page.getByRole('button', { name: 'Sign in to Azure' }).waitFor();
  });

  test('device code waiting for a person: the code shown large with a copy button; entered, signed in', async () => {
    const { page } = ui;
    await control(ui.sim, '/settings', { deviceCode: 'hold' });
    await page.getByRole('button', { name: 'Sign in with a device code' }).click();
    const code = page.getByTestId('user-code');
    await code.waitFor();
    const issued = ui.events.filter((e) => e.channel === 'deviceCode:issued').at(-1)!;
    assert.equal(await code.innerText(), issued.payload.userCode);
    assert.ok(await page.getByRole('button', { name: 'Copy the code' }).isVisible());
    await screenshots(page, '08-device-code');
    assert.deepEqual(await seriousViolations(page), []);
    // The person enters the code on the sign-in page: the app signs in and shows the VMs.
    await simFetch(ui.sim, String(issued.payload.verificationUri), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ otc: String(issued.payload.userCode), decision: 'approve' }).toString(),
    });
    await page.getByRole('listbox', { name: 'Virtual machines' }).waitFor({ timeout: 30_000 });
  });
});

function toSeconds(text: string): number {
  return text
    .replace(' left', '')
    .split(':')
    .map(Number)
    .reduce((acc, n) => acc * 60 + n, 0);
}

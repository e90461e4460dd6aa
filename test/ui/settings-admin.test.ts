/**
 * The top bar and the admin screens in a real browser: the tenant switcher narrowing the list to Fabrikam (the demo's
 * guest tenant), settings saved and still there after a reload, core's validation error beside its field, a key the
 * admin policy manages shown read-only, and Enable JIT — refused for helpdesk with the missing action and the PIM
 * hint, done as the admin. Screenshots light and dark; axe-core on each screen.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { control } from '../fixtures/sim';
import { until } from '../fixtures/wait';
import { screenshots, seriousViolations, startUi, type UiRig } from './ui-harness';
import { signOut } from './ui-steps';

describe('UI: tenants, settings, enable JIT', () => {
  let ui: UiRig;
  before(async () => {
    ui = await startUi();
    await ui.page.getByRole('button', { name: 'Sign in with a device code' }).click();
    await ui.page.getByRole('option', { name: /VM-FS01/ }).waitFor({ timeout: 30_000 });
  });
  after(async () => {
    await ui?.close();
  });

  const rows = () => ui.page.getByRole('option').count();

  test('the tenant switcher: Fabrikam shows its VM only; All tenants brings the rest back (keyboard)', async () => {
    const { page } = ui;
    const all = await rows();
    const switcher = page.getByRole('button', { name: 'Tenant: All tenants' });
    await switcher.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Tenants' });
    await menu.waitFor();
    assert.deepEqual(await menu.getByRole('menuitemradio').allInnerTexts(), [
      'All tenants',
      'Contoso (home)',
      'Fabrikam (guest)',
    ]);
    // The open menu covers only itself: the list beside it is still what a click there would hit.
    const box = (await page.getByRole('option', { name: /vm-web01/ }).boundingBox())!;
    const hit = await page.evaluate(
      `document.elementFromPoint(${box.x + box.width - 20}, ${box.y + box.height / 2})?.closest('[role=option]') !== null`,
    );
    assert.equal(hit, true, 'the page under an open menu stays visible');
    await screenshots(page, '23-tenants');
    assert.deepEqual(await seriousViolations(page), []);
    await menu.getByRole('menuitemradio', { name: 'Fabrikam (guest)' }).click();
    await until('Fabrikam only', async () => ((await rows()) === 1 ? true : undefined));
    assert.match(await page.getByRole('option').first().innerText(), /vm-fab-jump01/);
    await page.getByRole('button', { name: 'Tenant: Fabrikam' }).click();
    await page.getByRole('menuitemradio', { name: 'All tenants' }).click();
    await until('every tenant again', async () => ((await rows()) === all ? true : undefined));
  });

  test('settings: saved, still there after a reload; a bad duration named beside its field with the fix', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Settings' }).click();
    let dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('textbox', { name: 'Justification template' }).fill('Ticket {ticket} for {vm}');
    await dialog.getByRole('textbox', { name: /Remind me before/ }).fill('15, 5');
    await dialog.getByRole('checkbox', { name: 'Full screen' }).check();
    await dialog.getByRole('checkbox', { name: /^Keep access while connected/ }).check();
    await dialog.getByRole('textbox', { name: /Keep access for at most/ }).fill('4');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Settings saved.').waitFor();
    await screenshots(page, '24-settings');
    assert.deepEqual(await seriousViolations(page), []);
    const s = (await ui.app.call('settings:get', {})).settings;
    assert.equal(s.justificationTemplate, 'Ticket {ticket} for {vm}');
    assert.deepEqual(s.reminderLeadMinutes, [15, 5]);
    assert.equal((s.rdp as { fullScreen: boolean }).fullScreen, true);
    assert.equal(s.keepAccessWhileConnected, true);
    assert.equal(s.keepAccessCapHours, 4);
    assert.equal(s.startAtLogin, false, 'untouched');

    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    dialog = page.getByRole('dialog', { name: 'Settings' });
    const template = dialog.getByRole('textbox', { name: 'Justification template' });
    await until('loaded', async () =>
      (await template.inputValue()) === 'Ticket {ticket} for {vm}' ? true : undefined,
    );
    assert.equal(await dialog.getByRole('textbox', { name: /Remind me before/ }).inputValue(), '15, 5');
    assert.equal(await dialog.getByRole('checkbox', { name: 'Full screen' }).isChecked(), true);

    const duration = dialog.getByRole('textbox', { name: 'Default duration' });
    await duration.fill('forever');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // The message sits in the field's own Field (Fluent ties it to the input with aria-describedby).
    const field = dialog.locator('.fui-Field').filter({ has: page.getByRole('textbox', { name: 'Default duration' }) });
    await until('the error beside the field', async () =>
      /not a duration: use ISO-8601.*\. Correct or remove "defaultDuration"/s.test(await field.innerText())
        ? true
        : undefined,
    );
    assert.equal(await duration.getAttribute('aria-invalid'), 'true');
    assert.doesNotMatch(await dialog.innerText(), /settings\.json|\/tmp\//, 'no file path reaches the UI');
    await screenshots(page, '25-settings-error');
    assert.deepEqual(await seriousViolations(page), []);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('a key the admin policy sets: read-only, "Managed by your organisation"', async () => {
    const { page } = ui;
    writeFileSync(
      ui.app.policyFile,
      JSON.stringify({ sourceMode: 'vpn-only', allowedSourceModes: ['vpn-only'], allowKeepAccess: false }),
    );
    try {
      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByText('Managed by your organisation', { exact: true }).first().waitFor();
      const source = dialog.getByRole('combobox', { name: 'Source of requests' });
      await source.waitFor();
      assert.equal(await source.isDisabled(), true);
      assert.match(
        await dialog
          .locator('.fui-Field')
          .filter({ has: page.getByRole('combobox', { name: 'Source of requests' }) })
          .innerText(),
        /Managed by your organisation/,
      );
      assert.equal(await source.innerText(), 'VPN only');
      assert.equal(await dialog.getByRole('textbox', { name: 'Justification template' }).isDisabled(), false);
      // The admin forbids keep-access: off and read-only, whatever the user had chosen.
      const keep = dialog.getByRole('checkbox', { name: /^Keep access while connected.*Managed by your organisation/ });
      assert.equal(await keep.isDisabled(), true);
      assert.equal(await keep.isChecked(), false);
      await screenshots(page, '26-settings-managed');
      assert.deepEqual(await seriousViolations(page), []);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'detached' });
    } finally {
      rmSync(ui.app.policyFile, { force: true });
    }
  });

  test('Enable JIT as helpdesk: refused, naming the missing action and PIM', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: /Not behind JIT/ }).click();
    await page.getByRole('button', { name: 'Enable JIT on vm-build01…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enable JIT on vm-build01' });
    assert.equal(await dialog.getByRole('textbox', { name: 'Ports' }).inputValue(), '22');
    await dialog.getByRole('button', { name: 'Enable JIT' }).click();
    const error = dialog.getByText(/jitNetworkAccessPolicies\/write/);
    await error.waitFor();
    assert.match(await error.innerText(), /PIM/);
    await screenshots(page, '27-enable-jit-refused');
    assert.deepEqual(await seriousViolations(page), []);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('Enable JIT as the admin: the policy written, the VM then behind JIT', async () => {
    const { page } = ui;
    await signOut(page);
    await control(ui.sim, '/settings', { signInAs: 'admin' });
    await page.getByRole('button', { name: 'Sign in with a device code' }).click();
    await page.getByRole('option', { name: /vm-build01/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /Not behind JIT/ }).click();
    await page.getByRole('button', { name: 'Enable JIT on vm-build01…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enable JIT on vm-build01' });
    await dialog.getByRole('textbox', { name: 'Longest request' }).fill('PT2H');
    await dialog.getByRole('textbox', { name: 'Allowed source' }).fill('10.13.1.0/24');
    await dialog.getByRole('button', { name: 'Enable JIT' }).click();
    await dialog.getByText(/JIT is enabled/).waitFor({ timeout: 30_000 });
    await screenshots(page, '28-enable-jit-done');
    assert.deepEqual(await seriousViolations(page), []);
    await dialog.getByRole('button', { name: 'Close' }).click();
    const vm = await until('behind JIT', async () =>
      (await ui.app.call('vms:list', { refresh: true })).vms.find(
        (v) => v.name === 'vm-build01' && v.jit.state === 'configured',
      ),
    );
    assert.deepEqual(
      vm.jit.ports.map((p) => [p.number, p.maxDuration, p.allowedSources]),
      [[22, 'PT2H', ['10.13.1.0/24']]],
    );
    await page.getByRole('button', { name: /Not behind JIT/ }).waitFor({ state: 'detached', timeout: 30_000 });
  });
});

/**
 * Accounts in the top bar: sign in as helpdesk, add the admin without signing out, switch between them (the top
 * bar, `session:get` and the VM list follow), sign the admin out and helpdesk remains. The open menu in light and
 * dark, axe-checked.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { control } from '../fixtures/sim';
import { until } from '../fixtures/wait';
import { screenshots, seriousViolations, startUi, type UiRig } from './ui-harness';
import { settled, signIn, signOut } from './ui-steps';

describe('UI: several accounts', () => {
  let ui: UiRig;
  before(async () => {
    ui = await startUi();
    await signIn(ui.page);
  });
  after(async () => {
    await ui?.close();
  });

  const menuButton = (user: string) => ui.page.getByRole('button', { name: `Signed in as ${user}: account menu` });
  const signedInAs = async () => (await ui.app.call('session:get', {})).account?.username;
  const vm = (name: string) => ui.page.getByRole('option', { name: new RegExp(name) });

  test('add the admin: the sign-in screen without signing out, Cancel goes back', async () => {
    const { page } = ui;
    // Helpdesk is a guest in Fabrikam (its jump host listed); the admin is not.
    await vm('vm-fab-jump01').waitFor({ timeout: 30_000 });
    await menuButton('helpdesk@contoso.com').click();
    await page.getByRole('menuitem', { name: 'Add another account…' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await menuButton('helpdesk@contoso.com').waitFor();
    assert.equal(await signedInAs(), 'helpdesk@contoso.com');

    await control(ui.sim, '/settings', { signInAs: 'admin' });
    await menuButton('helpdesk@contoso.com').click();
    await page.getByRole('menuitem', { name: 'Add another account…' }).click();
    await page.getByRole('button', { name: 'Sign in with a device code' }).click();
    await menuButton('admin@contoso.com').waitFor({ timeout: 30_000 });
    await vm('VM-FS01').waitFor({ timeout: 30_000 });
    await until('the guest VM gone', async () => ((await vm('vm-fab-jump01').count()) === 0 ? true : undefined));
    assert.equal(await signedInAs(), 'admin@contoso.com');
    await control(ui.sim, '/settings', { signInAs: 'helpdesk' });
  });

  test('the menu: both accounts, the active one checked; keyboard switches to helpdesk and the list reloads', async () => {
    const { page } = ui;
    await menuButton('admin@contoso.com').focus();
    await page.keyboard.press('Enter');
    // Fluent names the menu by its trigger.
    const menu = page.getByRole('menu', { name: /account menu$/ });
    await menu.getByRole('menuitemradio', { name: 'Use helpdesk@contoso.com' }).waitFor();
    assert.equal(
      await menu.getByRole('menuitemradio', { name: 'admin@contoso.com (in use)' }).getAttribute('aria-checked'),
      'true',
    );
    assert.equal(
      await menu.getByRole('menuitemradio', { name: 'Use helpdesk@contoso.com' }).getAttribute('aria-checked'),
      'false',
    );
    await settled(page);
    await screenshots(page, '40-account-menu');
    assert.deepEqual(await seriousViolations(page), []);

    await menu.getByRole('menuitemradio', { name: 'Use helpdesk@contoso.com' }).focus();
    await page.keyboard.press('Enter');
    await menuButton('helpdesk@contoso.com').waitFor({ timeout: 30_000 });
    assert.equal(await signedInAs(), 'helpdesk@contoso.com');
    await vm('vm-fab-jump01').waitFor({ timeout: 30_000 });

    await menuButton('helpdesk@contoso.com').click();
    await menu.getByRole('menuitemradio', { name: 'Use admin@contoso.com' }).click();
    await menuButton('admin@contoso.com').waitFor({ timeout: 30_000 });
    await until('the guest VM gone', async () => ((await vm('vm-fab-jump01').count()) === 0 ? true : undefined));
    assert.equal(await signedInAs(), 'admin@contoso.com');
  });

  test('sign out the admin: helpdesk remains, active', async () => {
    await signOut(ui.page);
    await menuButton('helpdesk@contoso.com').waitFor({ timeout: 30_000 });
    assert.equal(await signedInAs(), 'helpdesk@contoso.com');
    assert.deepEqual(
      (await ui.app.call('session:accounts', {})).map((a) => [a.username, a.active]),
      [['helpdesk@contoso.com', true]],
    );
    await vm('vm-fab-jump01').waitFor({ timeout: 30_000 });
  });
});

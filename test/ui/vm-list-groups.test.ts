/**
 * The VM list's grouping and favourites: group by subscription from the menu, fold a group from the keyboard, star a
 * VM into the Favourites group; both survive a reload of the page (they live in core's settings). And the `jitonly`
 * user (Microsoft's API-only JIT role: no VM or NSG read) still gets a list and connects.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { control } from '../fixtures/sim';
import { until } from '../fixtures/wait';
import { screenshots, seriousViolations, startUi, type UiRig } from './ui-harness';
import { signIn } from './ui-steps';

describe('UI: grouping and favourites', () => {
  let ui: UiRig;
  before(async () => {
    ui = await startUi();
    await signIn(ui.page);
  });
  after(async () => {
    await ui?.close();
  });
  const groups = () => ui.page.locator('[role="listbox"] [role="group"]');

  test('group by subscription; Space on a header folds it; a star puts VM-FS01 in Favourites', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: /^Group by/ }).click();
    await page.getByRole('menuitemradio', { name: 'By subscription' }).click();
    await until('headers', async () => ((await groups().count()) >= 4 ? true : undefined));
    const labels = await Promise.all((await groups().all()).map((g) => g.getAttribute('aria-label')));
    assert.ok(
      labels.some((l) => /^Contoso Production, \d+ VMs, expanded$/.test(l ?? '')),
      labels.join(' | '),
    );
    // Keyboard: Home puts the first header active, Space folds it, its VMs leave the list.
    const list = page.getByRole('listbox', { name: 'Virtual machines' });
    const before = await page.getByRole('option').count();
    await list.press('Home');
    await list.press(' ');
    const first = groups().first();
    assert.match((await first.getAttribute('aria-label')) ?? '', /collapsed$/);
    await until('folded', async () => ((await page.getByRole('option').count()) < before ? true : undefined));
    await list.press('ArrowRight');
    assert.match((await first.getAttribute('aria-label')) ?? '', /expanded$/);
    // The star (a mouse target; the toolbar's Favourite button is the keyboard's).
    await page
      .getByRole('option', { name: /VM-FS01/ })
      .getByTestId('star')
      .click();
    await until('favourites group', async () =>
      (await groups().first().getAttribute('aria-label'))?.startsWith('Favourites, 1 VM') ? true : undefined,
    );
    await screenshots(page, '18-vm-list-grouped');
    assert.deepEqual(await seriousViolations(page), []);
  });

  test('the toolbar star from the keyboard; grouping and favourites survive a reload (kept in settings)', async () => {
    const { page } = ui;
    const filter = page.getByRole('textbox', { name: 'Filter virtual machines' });
    await filter.fill('web01');
    await until('one row', async () => ((await page.getByRole('option').count()) === 1 ? true : undefined));
    await page.getByRole('button', { name: '☆ Favourite' }).click();
    await until('saved', () => {
      const saved = JSON.parse(readFileSync(join(ui.app.configDir, 'settings.json'), 'utf8')) as {
        favourites?: string[];
        vmGroupBy?: string;
      };
      return saved.favourites?.length === 2 && saved.vmGroupBy === 'subscription' ? true : undefined;
    });
    await page.reload();
    await page.getByRole('listbox', { name: 'Virtual machines' }).waitFor({ timeout: 30_000 });
    await until('favourites first', async () =>
      (await groups().first().getAttribute('aria-label'))?.startsWith('Favourites, 2 VMs') ? true : undefined,
    );
    assert.ok(await page.getByRole('button', { name: 'Group by: By subscription' }).isVisible());
    const favs = await Promise.all(
      (await page.getByRole('option').all()).slice(0, 2).map((o) => o.locator('.vm-name').innerText()),
    );
    assert.deepEqual(favs, ['VM-FS01', 'vm-web01']);
    // Unstarring by the other spelling of the id still works (ids compare case-insensitively).
    await page
      .getByRole('option', { name: /vm-web01/ })
      .first()
      .getByTestId('star')
      .click();
    await until('one favourite', async () =>
      (await groups().first().getAttribute('aria-label'))?.startsWith('Favourites, 1 VM') ? true : undefined,
    );
  });
});

describe('UI: the jitonly user (API-only JIT role)', () => {
  let ui: UiRig;
  before(async () => {
    ui = await startUi();
    await control(ui.sim, '/settings', { signInAs: 'jitonly' });
    await signIn(ui.page);
  });
  after(async () => {
    await ui?.close();
  });

  test('the list shows the VMs of the policies it can read; no address: said with its fix; the firewall path connects', async () => {
    const { page } = ui;
    await page.getByRole('option', { name: /vm-fs01/i }).waitFor();
    assert.ok((await page.getByRole('option').count()) > 1);
    await screenshots(page, '19-jitonly-list');
    assert.deepEqual(await seriousViolations(page), []);
    // This role cannot read the NIC: the app cannot know vm-fs01's address, and says so with what to do.
    await page.getByRole('option', { name: /vm-fs01/i }).dblclick();
    const dialog = page.getByRole('dialog', { name: /^Connect to vm-fs01$/i });
    await dialog.getByText(/no way to reach vm-fs01/).waitFor();
    assert.match(await dialog.innerText(), /privateSourceRanges/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    // vm-legacy01's policy names its firewall: the public path works without reading the VM.
    await page.getByRole('option', { name: /vm-legacy01/ }).dblclick();
    const panel = page.getByLabel('Connecting to vm-legacy01');
    await panel.getByRole('button', { name: 'Close' }).waitFor({ timeout: 30_000 });
    assert.match(await panel.innerText(), /Access granted/);
    assert.equal(ui.app.ran.length, 1);
  });
});

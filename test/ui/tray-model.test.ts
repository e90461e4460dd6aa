/**
 * The tray's model in the grants panel, in a real browser: the idle state with no grant; with one, the live state,
 * the tooltip and the grant's label exactly as trayModel computes them (on Azure's clock, after the simulator's clock
 * jumps); its menu by keyboard, Open bringing the grant's card into focus, Extend giving a new grant and Connect again
 * launching the client. Screenshots light and dark (30-tray-model-*); axe-core on each screen.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { control } from '../fixtures/sim';
import { until } from '../fixtures/wait';
import { trayModel } from '../../shared/tray/tray-model';
import { trayGrantsFromList } from '../../shared/tray/tray-grants';
import { screenshots, seriousViolations, startUi, type UiRig } from './ui-harness';
import { settled, signIn } from './ui-steps';

describe('UI: the tray model in the grants panel', () => {
  let ui: UiRig;
  before(async () => {
    ui = await startUi();
    await signIn(ui.page);
  });
  after(async () => {
    await ui?.close();
  });

  const tray = () => ui.page.getByTestId('tray-model');
  const fs01Item = () => tray().getByTestId('tray-item').filter({ hasText: 'VM-FS01 (RDP 3389)' });
  const fs01 = async () =>
    (await ui.app.call('grants:list', {})).grants.find((g) => g.vmName === 'VM-FS01' && g.port === 3389);

  /** The panel's tooltip and labels, once they are what trayModel gives for grants:list at the page's time. */
  async function shownAsTrayModel() {
    const answeredAt = Date.now();
    const { grants } = await ui.app.call('grants:list', {});
    const mapped = trayGrantsFromList(grants, answeredAt);
    let last = '';
    try {
      return await until('the tray model in the panel', async () => {
        const pageNow = (await ui.page.evaluate('Date.now()')) as number;
        const want = trayModel(mapped, pageNow);
        const tooltip = await tray().getByTestId('tray-tooltip').innerText();
        const labels = await tray().getByTestId('tray-item').allInnerTexts();
        const wantLabels = want.items.filter((i) => i.type === 'submenu').map((i) => i.label);
        last = JSON.stringify({ tooltip, labels, want: [want.tooltip, wantLabels] });
        // Right at a minute's turn the page may be a tick behind: polled until both agree.
        return tooltip === want.tooltip && JSON.stringify(labels) === JSON.stringify(wantLabels) ? want : undefined;
      });
    } catch (err) {
      throw new Error(`${(err as Error).message}: ${last}`);
    }
  }

  test('no grant: the idle state, "No live grants"', async () => {
    const { page } = ui;
    await tray().waitFor({ timeout: 30_000 });
    assert.equal(await tray().getAttribute('data-icon'), 'idle');
    assert.equal(await tray().getByTestId('tray-icon-state').innerText(), 'Idle');
    assert.equal(await tray().getByTestId('tray-tooltip').innerText(), 'JIT Connect');
    await tray().getByText('No live grants').waitFor();
    await screenshots(page, '30-tray-model-idle');
    assert.deepEqual(await seriousViolations(page), []);
  });

  test("a live grant: the live state, the tray's tooltip and label for it", async () => {
    const { page } = ui;
    await page.getByRole('option', { name: /VM-FS01/ }).dblclick();
    await page.getByLabel('Connecting to VM-FS01').getByText('Access granted').waitFor({ timeout: 30_000 });
    await fs01Item().waitFor();
    const want = await shownAsTrayModel();
    assert.equal(want.icon, 'live');
    assert.equal(await tray().getAttribute('data-icon'), 'live');
    assert.equal(await tray().getByTestId('tray-icon-state').innerText(), 'Live');
    assert.match(want.tooltip, /^JIT Connect — VM-FS01 \(RDP 3389\): (\d+ h \d{2}|\d+) min left$/);
    await page.getByLabel('Connecting to VM-FS01').getByRole('button', { name: 'Close' }).click();
    // The mouse off the panel: the tray item moved up under it when the progress closed (a hover is no state).
    await page.mouse.move(0, 0);
    await screenshots(page, '30-tray-model-live');
    assert.deepEqual(await seriousViolations(page), []);
  });

  test("Azure's clock jumps 30 minutes: the label counts on Azure's clock; Extend from the menu renews it", async () => {
    const { page } = ui;
    const before = (await fs01())!;
    await control(ui.sim, '/clock/advance', { seconds: 30 * 60 });
    await page.getByRole('button', { name: 'Reload access' }).click();
    // Polled: the panel's answer arrives a moment after the click.
    const jumped = await shownAsTrayModel();
    const minutesLeft = jumped.live[0]!.remainingMs / 60_000;
    assert.ok(
      Math.abs(minutesLeft - (before.remainingSeconds / 60 - 30)) < 1,
      `${minutesLeft} min left, 30 fewer than ${before.remainingSeconds / 60}`,
    );
    // By keyboard: the grant's item opens its menu with the tray's actions.
    await fs01Item().focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    assert.deepEqual(await menu.getByRole('menuitem').allInnerTexts(), ['Connect again', 'Extend', 'Open']);
    await settled(page);
    await page.mouse.move(0, 0);
    await screenshots(page, '30-tray-model-menu');
    assert.deepEqual(await seriousViolations(page), []);
    await menu.getByRole('menuitem', { name: 'Extend' }).click();
    const renewed = await until('a new grant', async () => {
      const g = await fs01();
      return g && Date.parse(g.endTimeUtc) > Date.parse(before.endTimeUtc) ? g : undefined;
    });
    assert.ok(renewed.remainingSeconds > before.remainingSeconds - 60, `renewed for ${renewed.remainingSeconds}s`);
    const shown = await shownAsTrayModel();
    assert.ok(shown.live[0]!.remainingMs > jumped.live[0]!.remainingMs + 25 * 60_000, 'the label shows the new end');
  });

  test("Open brings the grant's card into focus; Connect again launches the client", async () => {
    const { page } = ui;
    await fs01Item().click();
    await page.getByRole('menuitem', { name: 'Open' }).click();
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await settled(page);
    // Once the menu has closed: its focus restore must not take the focus back to the item.
    const focused = 'document.activeElement && document.activeElement.getAttribute("aria-label")';
    assert.equal(await page.evaluate(focused), 'VM-FS01:3389');
    const ran = ui.app.ran.length;
    await fs01Item().click();
    await page.getByRole('menuitem', { name: 'Connect again' }).click();
    await page.getByLabel('Connecting to VM-FS01').getByText('Access granted').waitFor({ timeout: 30_000 });
    assert.equal(ui.app.ran.length, ran + 1, 'the client launched again');
  });
});

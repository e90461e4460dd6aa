/**
 * The grants panel over time, in a real browser: a reminder in the window when the simulator's clock nears the end
 * (its Extend gives a new grant), a grant another user's request replaced ("replaced by …", Connect again), and the
 * history with each row's link to the Azure activity log. Screenshots light and dark; axe-core on each screen.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { control, mintArmToken, simFetch } from '../fixtures/sim';
import { until } from '../fixtures/wait';
import { screenshots, seriousViolations, startUi, type UiRig } from './ui-harness';

describe('UI: reminders, replaced grants, history', () => {
  let ui: UiRig;
  before(async () => {
    ui = await startUi();
    await ui.page.getByRole('button', { name: 'Sign in with a device code' }).click();
    await ui.page.getByRole('option', { name: /VM-FS01/ }).waitFor({ timeout: 30_000 });
  });
  after(async () => {
    await ui?.close();
  });

  const fs01Grant = () => ui.page.getByTestId('grant').filter({ hasText: 'VM-FS01:3389' });

  test('another user requests the same VM and port: "replaced by" them, with Connect again', async () => {
    const { page } = ui;
    await page.getByRole('option', { name: /VM-FS01/ }).dblclick();
    await page.getByLabel('Connecting to VM-FS01').getByText('Access granted').waitFor({ timeout: 30_000 });
    await fs01Grant().waitFor();
    const fs01 = (await ui.app.call('vms:list', {})).vms.find((v) => v.name === 'VM-FS01')!;
    const end = new Date(Date.now() + ui.sim.ctx.clock.offset + 3600_000).toISOString();
    const r = await simFetch(ui.sim, `${fs01.jit.policyId}/initiate?api-version=2020-01-01`, {
      method: 'POST',
      token: mintArmToken(ui.sim, 'colleague'),
      body: {
        virtualMachines: [
          { id: fs01.id, ports: [{ number: 3389, endTimeUtc: end, allowedSourceAddressPrefix: '198.51.100.9' }] },
        ],
        justification: 'colleague needs it',
      },
    });
    assert.equal(r.status, 202, r.text);
    await page.getByRole('button', { name: 'Reload access' }).click();
    const replaced = page.getByTestId('replaced').filter({ hasText: 'VM-FS01:3389' });
    await replaced.waitFor({ timeout: 30_000 });
    assert.match(await replaced.innerText(), /replaced by colleague@contoso\.com/);
    await fs01Grant().waitFor({ state: 'detached' });
    await screenshots(page, '21-replaced');
    assert.deepEqual(await seriousViolations(page), []);
    // Connect again takes the port back with a new request of this user's.
    const ran = ui.app.ran.length;
    await page.getByLabel('Connecting to VM-FS01').getByRole('button', { name: 'Close' }).click();
    await replaced.getByRole('button', { name: 'Connect again to VM-FS01:3389' }).click();
    await page.getByLabel('Connecting to VM-FS01').getByText('Access granted').waitFor({ timeout: 30_000 });
    await fs01Grant().waitFor();
    await replaced.waitFor({ state: 'detached' });
    assert.equal(ui.app.ran.length, ran + 1, 'the client launched again');
  });

  test('the clock jumps near the end: a reminder with Extend; Extend gives a new grant', async () => {
    const { page } = ui;
    await fs01Grant().waitFor();
    const g = (await ui.app.call('grants:list', {})).grants.find((x) => x.vmName === 'VM-FS01' && x.port === 3389)!;
    // Nine minutes before the end: past the default ten-minute lead time.
    await control(ui.sim, '/clock/advance', { seconds: Math.floor(g.remainingSeconds - 9 * 60) });
    const reminder = page.getByTestId('reminder-expiring').filter({ hasText: 'VM-FS01:3389' });
    await reminder.waitFor({ timeout: 30_000 });
    assert.match(await reminder.innerText(), /ends soon/);
    await screenshots(page, '20-reminder');
    assert.deepEqual(await seriousViolations(page), []);
    await reminder.getByRole('button', { name: 'Extend' }).click();
    await reminder.waitFor({ state: 'detached' });
    const renewed = await until('a new grant', async () => {
      const now = (await ui.app.call('grants:list', {})).grants.find((x) => x.vmName === 'VM-FS01' && x.port === 3389);
      return now && Date.parse(now.endTimeUtc) > Date.parse(g.endTimeUtc) ? now : undefined;
    });
    assert.ok(renewed.remainingSeconds > 30 * 60, `renewed for ${renewed.remainingSeconds}s`);
    // The panel shows the renewed countdown, not the one that was about to end.
    await until('countdown renewed', async () => {
      const text = await fs01Grant().getByTestId('countdown').innerText();
      return /^\d+:\d{2}:\d{2} left$/.test(text) ? true : undefined;
    });
  });

  test('History: each request, extend and outcome with its source, justification and activity-log link', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'History' }).click();
    const dialog = page.getByRole('dialog', { name: 'History' });
    const rows = dialog.getByTestId('history-row');
    await rows.first().waitFor();
    const history = await ui.app.call('grants:history', {});
    assert.equal(await rows.count(), history.length);
    const ext = rows.filter({ hasText: 'Extend' }).first();
    assert.match(await ext.innerText(), /VM-FS01:3389/);
    const link = ext.getByRole('link', { name: /Activity log for VM-FS01:3389/ });
    const href = (await link.getAttribute('href'))!;
    assert.equal(new URL(href).origin, new URL(history.find((h) => h.kind === 'extend')!.activityLog).origin);
    assert.ok(history.some((h) => h.activityLog === href));
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.ok(await rows.filter({ hasText: 'replaced' }).count(), 'the replaced outcome is a row');
    await screenshots(page, '22-history');
    assert.deepEqual(await seriousViolations(page), []);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});

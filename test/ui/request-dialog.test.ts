/**
 * The request dialog: it opens by itself when the template needs a ticket, shows the policy's ports and the source in
 * words, refuses a duration over the maximum (naming it) before any request, and sends the justification; "Connect
 * with options…" from the keyboard (Shift+Enter); errors with their fix (the VPN is down; a missing RBAC action with
 * the PIM hint). Screenshots light and dark, axe-core clean.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { control } from '../fixtures/sim';
import { until } from '../fixtures/wait';
import { screenshots, seriousViolations, startUi, type UiRig } from './ui-harness';
import { jitRequests, settled, signIn } from './ui-steps';

describe('UI: the request dialog', () => {
  let ui: UiRig;
  before(async () => {
    ui = await startUi();
    await signIn(ui.page);
  });
  after(async () => {
    await ui?.close();
  });
  const progressed = () => ui.events.filter((e) => e.channel === 'connect:progressed').length;

  test('a ticket template: the dialog opens on double-click with ports, source, duration and justification', async () => {
    const { page } = ui;
    await ui.app.call('settings:set', { patch: { justificationTemplate: 'Ticket {ticket} for {vm} by {user}' } });
    await page.getByRole('option', { name: /VM-FS01/ }).dblclick();
    const dialog = page.getByRole('dialog', { name: 'Connect to VM-FS01' });
    await dialog.waitFor();
    for (const port of ['3389', '5985', '5986'])
      assert.ok(await dialog.getByRole('radio', { name: new RegExp(`^${port} `) }).isVisible(), port);
    assert.equal(await dialog.getByRole('radio', { name: /^3389 / }).isChecked(), true);
    assert.match(
      await dialog.getByTestId('source').innerText(),
      /VPN pool 10\.13\.1\.0\/24 — you are on the VPN at 10\.13\.1\.7/,
    );
    await dialog.getByRole('textbox', { name: 'Ticket' }).fill('INC-4711');
    const justification = dialog.getByRole('textbox', { name: 'Justification' });
    assert.equal(await justification.inputValue(), 'Ticket INC-4711 for VM-FS01 by helpdesk@contoso.com');
    await screenshots(page, '10-request-dialog');
    assert.deepEqual(await seriousViolations(page), []);
  });

  test('a duration over the maximum is refused naming the maximum, before any request', async () => {
    const { page } = ui;
    const dialog = page.getByRole('dialog', { name: 'Connect to VM-FS01' });
    const before = jitRequests(ui.sim).length;
    // 5986 allows one hour: choosing it previews the port again and lowers the maximum.
    await dialog.getByRole('radio', { name: /^5986 / }).check();
    await dialog.getByRole('textbox', { name: 'Duration' }).fill('2h');
    await dialog.getByText(/2 h is over the maximum of 1 h \(PT1H\) for VM-FS01:5986/).waitFor();
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    assert.ok(await dialog.isVisible(), 'the dialog stays open');
    await screenshots(page, '11-request-over-max');
    assert.equal(jitRequests(ui.sim).length, before);
    assert.equal(progressed(), 0);
  });

  test('port 3389 for 2 h: one request with that port, end time and the justification as shown', async () => {
    const { page } = ui;
    const dialog = page.getByRole('dialog', { name: 'Connect to VM-FS01' });
    await dialog.getByRole('radio', { name: /^3389 / }).check();
    await until('no error', async () =>
      (await dialog.getByText(/over the maximum/).count()) === 0 ? true : undefined,
    );
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const panel = page.getByLabel('Connecting to VM-FS01');
    await panel.getByText('Access granted').waitFor({ timeout: 30_000 });
    const req = jitRequests(ui.sim).at(-1)!;
    assert.equal(req.justification, 'Ticket INC-4711 for VM-FS01 by helpdesk@contoso.com');
    const port = req.virtualMachines[0]!.ports[0]!;
    assert.equal(port.number, 3389);
    const minutes = (Date.parse(port.endTimeUtc) - Date.parse(req.startTimeUtc)) / 60_000;
    assert.ok(Math.abs(minutes - 120) < 2, `${minutes} min`);
    await panel.getByRole('button', { name: 'Close' }).click();
    await ui.app.call('settings:set', { patch: { justificationTemplate: '' } });
  });

  test('Shift+Enter opens the dialog from the keyboard; Escape closes it with nothing sent', async () => {
    const { page } = ui;
    const filter = page.getByRole('textbox', { name: 'Filter virtual machines' });
    await filter.fill('web01');
    await until('one row', async () => ((await page.getByRole('option').count()) === 1 ? true : undefined));
    await filter.press('Shift+Enter');
    const dialog = page.getByRole('dialog', { name: 'Connect to vm-web01' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Port 22 \(TCP\), up to 8 h/);
    assert.match(await dialog.getByTestId('source').innerText(), /^Source: VPN pool .* · dial 10\.10\.1\.5$/);
    const before = jitRequests(ui.sim).length;
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await filter.fill('');
    assert.equal(jitRequests(ui.sim).length, before);
  });

  test('off the VPN: the dialog says to connect the VPN, and offers no Connect', async () => {
    const { page } = ui;
    // The app believes the profile's network (its NetworkInterfaces port): this machine leaves the VPN.
    const net = ui.sim.profile.simulatedNetwork!;
    const saved = net.interfaces;
    net.interfaces = [{ name: 'eth0', address: '192.168.1.20' }];
    try {
      await page.getByRole('option', { name: /vm-dc01/ }).dblclick();
      const dialog = page.getByRole('dialog', { name: 'Connect to vm-dc01' });
      await dialog.waitFor();
      assert.match(await dialog.innerText(), /Connect the VPN/);
      assert.equal(await dialog.getByRole('button', { name: 'Connect', exact: true }).isDisabled(), true);
      await settled(page);
      await screenshots(page, '12-request-vpn-down');
      assert.deepEqual(await seriousViolations(page), []);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
    } finally {
      net.interfaces = saved;
    }
  });

  test('a request Azure refuses (403): the missing action named, with the PIM hint', async () => {
    const { page } = ui;
    await control(ui.sim, '/faults', { method: 'POST', pathIncludes: '/initiate', status: 403 });
    await page.getByRole('option', { name: /vm-sql01/ }).dblclick();
    const panel = page.getByLabel('Connecting to vm-sql01');
    await panel.getByRole('button', { name: 'Close' }).waitFor({ timeout: 30_000 });
    const text = await panel.innerText();
    assert.match(text, /jitNetworkAccessPolicies\/initiate\/action/);
    assert.match(text, /PIM/);
    await screenshots(page, '13-progress-missing-permission');
    assert.deepEqual(await seriousViolations(page), []);
    await panel.getByRole('button', { name: 'Close' }).click();
  });

  test('several ports, none remembered and no default among them: the dialog asks which; the choice connects', async () => {
    const { page } = ui;
    await ui.app.call('settings:set', { patch: { defaultPorts: { Windows: 4000, Linux: 22 } } });
    try {
      // vm-legacy01 (3389, 5986) has never been connected in this run: nothing to remember.
      await page.getByRole('option', { name: /vm-legacy01/ }).dblclick();
      const dialog = page.getByRole('dialog', { name: 'Connect to vm-legacy01' });
      await dialog.getByText('Choose a port.').waitFor();
      assert.equal(await dialog.getByRole('button', { name: 'Connect', exact: true }).isDisabled(), true);
      await dialog.getByRole('radio', { name: /^3389 / }).check();
      await dialog.getByTestId('source').waitFor();
      assert.match(await dialog.getByTestId('source').innerText(), /^Source: VPN pool 10\.13\.1\.0\/24/);
      await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
      const panel = page.getByLabel('Connecting to vm-legacy01');
      await panel.getByRole('button', { name: 'Close' }).waitFor({ timeout: 30_000 });
      assert.match(await panel.innerText(), /Access granted/);
      await panel.getByRole('button', { name: 'Close' }).click();
    } finally {
      await ui.app.call('settings:set', { patch: { defaultPorts: { Windows: 3389, Linux: 22 } } });
    }
  });
});

/**
 * Deep links in a real browser (the browser shell with `--link`): the link waits for sign-in, then a confirmation
 * shows the VM from the VM list, the port, the source, the duration and the justification; Cancel requests nothing,
 * Request connects with the link's fields. An unknown VM and a refused link are explained, never requested.
 * Screenshots light and dark, and axe-core: no serious or critical violation.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { until } from '../fixtures/wait';
import { screenshots, seriousViolations, startUi, type UiRig } from './ui-harness';

const FIRST = 'jitconnect://connect?vm=vm-web01&port=22';

/** Waits until the dialog's opening motion (Web Animations, not CSS transitions) has ended: no half-faded shots. */
async function settled(page: UiRig['page']): Promise<void> {
  // A string: this project's Node tsconfig has no DOM types (it runs in the page).
  await page.evaluate(
    'Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))).then(() => undefined)',
  );
}

describe('UI: deep links', () => {
  let ui: UiRig;
  /** Every JIT request the simulated Azure has received. */
  const requests = () => ui.sim.ctx.estate.snapshot().jitPolicies.flatMap((p) => p.properties.requests);
  const starts = () => ui.events.filter((e) => e.channel === 'connect:progressed').length;
  before(async () => {
    ui = await startUi({ link: FIRST });
  });
  after(async () => {
    await ui?.close();
  });

  test('a link given at launch waits for sign-in, then asks; Cancel requests nothing', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Sign in to Azure' }).waitFor();
    assert.equal(await page.getByRole('alertdialog').count(), 0, 'no dialog before sign-in');
    const sentBefore = requests().length;
    await page.getByRole('button', { name: 'Sign in with a device code' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Request access from a link?' });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Request' }).and(page.locator(':enabled')).waitFor();
    const text = await dialog.innerText();
    assert.match(text, /VM\s+vm-web01 \(/);
    assert.match(text, /Port\s+22/);
    assert.match(text, /Source\s+\S+/);
    assert.match(text, /Justification\s+none given/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(requests().length, sentBefore, 'Cancel sent nothing to Azure');
    assert.equal(starts(), 0);
  });

  test('a link arriving while the app runs: Request connects with its port, duration and justification', async () => {
    const { page } = ui;
    ui.openLink('jitconnect://connect?vm=VM-FS01&port=3389&duration=1h&justification=INC-42+disk+full');
    const dialog = page.getByRole('alertdialog', { name: 'Request access from a link?' });
    await dialog.waitFor();
    const request = dialog.getByRole('button', { name: 'Request' });
    await request.and(page.locator(':enabled')).waitFor();
    const text = await dialog.innerText();
    assert.match(text, /VM\s+VM-FS01 \(rg-servers, Contoso Production\)/);
    assert.match(text, /Port\s+3389/);
    assert.match(text, /Duration\s+1 h/);
    assert.match(text, /Justification\s+INC-42 disk full/);
    await settled(page);
    await screenshots(page, 'deep-link-confirm');
    assert.deepEqual(await seriousViolations(page), []);
    assert.equal(starts(), 0, 'nothing before Request');
    await request.click();
    const panel = page.getByLabel('Connecting to VM-FS01');
    await panel.getByText('Access granted').waitFor({ timeout: 30_000 });
    const sent = await until('the request in Azure', async () =>
      requests().find((q) => q.justification === 'INC-42 disk full'),
    );
    const port = sent.virtualMachines[0]!.ports[0]!;
    assert.equal(port.number, 3389);
    const hours = (Date.parse(port.endTimeUtc) - Date.parse(sent.startTimeUtc)) / 3_600_000;
    assert.ok(Math.abs(hours - 1) < 0.05, `an hour: ${hours}`);
  });

  test('an unknown VM and a refused link are explained, never requested', async () => {
    const { page } = ui;
    const sentBefore = requests().length;
    ui.openLink('jitconnect://connect?vm=vm-nowhere&port=3389');
    const dialog = page.getByRole('alertdialog', { name: 'Request access from a link?' });
    await dialog.getByText(/not in your VM list: vm-nowhere/).waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Request' }).isDisabled(), true);
    await settled(page);
    await screenshots(page, 'deep-link-unknown-vm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    ui.openLink('jitconnect://connect?vm=VM-FS01&port=3389&source=*');
    const refused = page.getByRole('alertdialog', { name: 'This link was refused' });
    await refused.getByText(/unknown parameter 'source'/).waitFor();
    assert.equal(await refused.getByRole('button', { name: 'Request' }).count(), 0);
    await settled(page);
    await screenshots(page, 'deep-link-refused');
    assert.deepEqual(await seriousViolations(page), []);
    await refused.getByRole('button', { name: 'Close' }).click();
    await refused.waitFor({ state: 'detached' });
    assert.equal(requests().length, sentBefore);
  });
});

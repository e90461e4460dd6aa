/** Steps the request, multi-connect and grouping UI tests share: sign in, what the simulator recorded. */
import type { Page } from 'playwright-core';
import type { Simulator } from '../../electron/azure-sim/index';
import type { JitRequest } from '../../electron/azure-sim/model/resources';

/** Signs in by device code (the simulator approves it) and waits for the VM list. */
export async function signIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with a device code' }).click();
  await page.getByRole('listbox', { name: 'Virtual machines' }).waitFor({ timeout: 30_000 });
}

/** Every JIT request of every policy, oldest first. */
export function jitRequests(sim: Simulator): JitRequest[] {
  return [...sim.ctx.estate.jitPolicies.values()]
    .flatMap((p) => p.properties.requests ?? [])
    .sort((a, b) => a.startTimeUtc.localeCompare(b.startTimeUtc));
}

/** Waits until the page's animations (a dialog fading in) have ended, so a screenshot shows the settled screen. */
export async function settled(page: Page): Promise<void> {
  // A string: the Node tsconfig has no DOM types (it runs in the page).
  await page.evaluate(
    'Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))).then(() => undefined)',
  );
}

/** Signs the active account out through the account menu in the top bar. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /account menu$/ }).click();
  await page.getByRole('menuitem', { name: /^Sign out / }).click();
}

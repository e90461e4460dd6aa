/**
 * The UI bench's double-click → client launched: the demo estate with no JIT propagation, data-plane lag or initiate
 * delay (what is left is the app's own work: preview, request, rule check, reachability, launch), a fake
 * ProcessRunner stamping when it is called. The scale seed is not used here: its VMs have no path from this machine
 * (no public IP, no VPN), so they would stop at a source dialog.
 */
import { performance } from 'node:perf_hooks';
import { control } from '../fixtures/sim';
import { until } from '../fixtures/wait';
import { startUi } from '../ui/ui-harness';

/** Sets a capture listener stamping each dblclick with the page's wall-clock time (timeOrigin + event.timeStamp). */
const STAMP_DBLCLICK =
  "document.addEventListener('dblclick', (e) => { window.__dbl = performance.timeOrigin + e.timeStamp; }, true)";

/** `runs` double-clicks on VM-FS01, each on a fresh demo estate; ms from the dblclick to the runner being called. */
export async function measureLaunch(runs: number): Promise<number[]> {
  const launched: number[] = [];
  const ui = await startUi({
    sim: { propagationMs: 0, dataplaneLagMs: 0, initiateDelayMs: 0 },
    deps: {
      runner: {
        run: async () => {
          launched.push(performance.timeOrigin + performance.now());
          return { pid: 4242 };
        },
      },
    },
  });
  try {
    const { page } = ui;
    await page.getByRole('button', { name: 'Sign in with a device code' }).click({ timeout: 30_000 });
    await page.getByRole('option', { name: /VM-FS01/ }).waitFor({ timeout: 60_000 });
    await page.evaluate(STAMP_DBLCLICK);
    const out: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      // A fresh estate each time: no live grant to reuse, so every run requests JIT anew.
      await control(ui.sim, '/reset', { seed: 'demo' });
      const before = launched.length;
      await page.getByRole('option', { name: /VM-FS01/ }).dblclick();
      await until('the client launched', () => (launched.length > before ? true : undefined), 30_000);
      const clicked = (await page.evaluate('window.__dbl')) as number;
      // The first run is a warm-up (the SDK chunks load, the JIT compiles), not counted.
      if (i > 0) out.push(launched[before]! - clicked);
      const panel = page.getByLabel('Connecting to VM-FS01');
      await panel.getByRole('button', { name: 'Close' }).click({ timeout: 30_000 });
      await panel.waitFor({ state: 'detached' });
    }
    return out;
  } finally {
    await ui.close();
  }
}

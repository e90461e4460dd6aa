/**
 * The UI bench's warm start, run by ui.bench.ts inside a private D-Bus session with an unlocked gnome-keyring (the
 * sign-in is remembered there, as on a desktop). The browser shell's bundle is started as `npm start -- --no-open`
 * starts it, against a simulator in its own process; once to sign in and fill the inventory cache, then RUNS times
 * from cold: spawn → the `{"url"}` line → a fresh Chromium → the VM list's rows visible. Prints one JSON line.
 * Input (env BENCH_WARM): { bundle, staticDir, profileFile, runs }.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from 'playwright-core';
import { exited, firstLine } from '../fixtures/child';
import { tempDir } from '../fixtures/sim';
import { profilePage, shellProfileFlags } from './ui-profile';

const { bundle, staticDir, profileFile, runs } = JSON.parse(process.env.BENCH_WARM ?? '{}') as {
  bundle: string;
  staticDir: string;
  profileFile: string;
  runs: number;
};
const configDir = tempDir('jit-bench-warm-');

/** Chromium as the shell opens it (app mode aside): headless here, a fresh profile each time. */
function openChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    env: { ...process.env, HOME: tempDir('jit-bench-chromium-') },
  });
}

/** Starts the shell; resolves with the process and its URL once it printed it. */
async function startShell(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      ...shellProfileFlags(),
      bundle,
      '--no-open',
      '--cloud',
      profileFile,
      '--config-dir',
      configDir,
      '--static-dir',
      staticDir,
    ],
    // Its warnings (e.g. a keychain it cannot reach) go to the bench's stderr.
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const { url } = JSON.parse(await firstLine(child, 60_000, 'the browser shell')) as { url: string };
  return { child, url };
}

/** Stops the shell (it waits for its background inventory refresh to end first). */
async function stopShell(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await exited(child, 180_000, 'the browser shell after SIGTERM');
}

// The first run signs in by device code (the simulator approves it) and reads 10,000 VMs cold into the cache.
{
  const { child, url } = await startShell();
  const browser = await openChromium();
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  await page.goto(url);
  await page.getByRole('button', { name: 'Sign in with a device code' }).click({ timeout: 30_000 });
  await page.getByRole('option').first().waitFor({ timeout: 300_000 });
  await browser.close();
  await stopShell(child);
}

const samples: Array<{ urlMs: number; chromiumMs: number; rowsMs: number; fromCache: boolean }> = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const { child, url } = await startShell();
  const urlMs = performance.now() - t0;
  const browser = await openChromium();
  const chromiumMs = performance.now() - t0;
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
    if (process.env.BENCH_DEBUG) {
      const at = () => (performance.now() - t0).toFixed(0).padStart(6);
      console.error(`${at()} page created`);
      page.on('request', (r) => console.error(`${at()} request ${r.url().slice(-40)}`));
      page.on('requestfinished', (r) => console.error(`${at()} finished ${r.url().slice(-40)}`));
      page.on('domcontentloaded', () => console.error(`${at()} domcontentloaded`));
      page.on('websocket', (ws) => {
        console.error(`${at()} websocket`);
        ws.on('framesent', (f) => console.error(`${at()} → ${String(f.payload).slice(0, 80)}`));
        ws.on('framereceived', (f) =>
          console.error(`${at()} ← ${String(f.payload).length} B ${String(f.payload).slice(0, 60)}`),
        );
      });
    }
    const stopProfile = await profilePage(page, `page-${i}`);
    await page.goto(url);
    await page
      .getByRole('listbox', { name: 'Virtual machines' })
      .getByRole('option')
      .first()
      .waitFor()
      .catch(async (err: unknown) => {
        throw new Error(`no VM rows; the page shows: ${await page.locator('body').innerText()}`, { cause: err });
      });
    const rowsMs = performance.now() - t0;
    await stopProfile();
    const fromCache = (await page.getByText(/from the cache/).count()) > 0;
    samples.push({ urlMs, chromiumMs, rowsMs, fromCache });
  } finally {
    await browser.close();
    await stopShell(child);
  }
}
process.stdout.write(`${JSON.stringify(samples)}\n`);

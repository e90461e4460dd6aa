/**
 * The UI as a user gets it: the renderer built by Vite, served by the browser shell over the app service on the
 * simulator (a fake process runner: the client "starts" without a real xfreerdp), driven in Debian's Chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import type { Browser, Page } from 'playwright-core';
import type { Simulator, SimulatorOptions } from '../../electron/azure-sim/index';
import type { AppServiceDeps } from '../../electron/core/app/app-service';
import { startBrowserShell, type BrowserShell } from '../../electron/browser-shell/server';
import { handOverLinks } from '../../electron/browser-shell/deep-link';
import type { EventSink } from '../../shared/ipc/contract';
import { startTestSim, tempDir } from '../fixtures/sim';
import { launchBrowser, screenshotPath } from '../fixtures/browser';
import { appOn, type SeenEvent } from '../integration/core/app/app-harness';

const root = join(import.meta.dirname, '..', '..');

/** Builds the renderer into a fresh temp dir (the shipped build, not a dev server). */
export async function buildRenderer(): Promise<string> {
  const outDir = tempDir('jit-renderer-');
  await build({
    configFile: join(root, 'renderer', 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/** Everything a UI test needs, and a way to stop it all. */
export interface UiRig {
  sim: Simulator;
  /** The events the service sent to the page. */
  events: SeenEvent[];
  app: Awaited<ReturnType<typeof appOn>>;
  shell: BrowserShell;
  browser: Browser;
  page: Page;
  /** Hands a deep link to the page, as a second launch with a link would. */
  openLink(url: string): void;
  close(): Promise<void>;
}

/** How to start the rig: the demo offer, the simulator's options, ports to replace, the page's viewport. */
export interface UiOptions {
  demo?: boolean;
  /** A `jitconnect://` link handed over at launch, as the browser shell's `--link`. */
  link?: string;
  sim?: SimulatorOptions;
  deps?: Partial<AppServiceDeps>;
  page?: { width: number; height: number; deviceScaleFactor?: number };
}

/** Starts the simulator, the service, the shell and Chromium, and opens the app's page. */
export async function startUi(opts: UiOptions = {}): Promise<UiRig> {
  const staticDir = await buildRenderer();
  const sim = await startTestSim({ propagationMs: 200, ...opts.sim });
  let forward: EventSink | undefined;
  const events: SeenEvent[] = [];
  const app = await appOn(
    sim,
    {
      ...opts.deps,
      sink: (channel, payload) => {
        events.push({ channel, payload: payload as Record<string, unknown> });
        forward?.(channel, payload);
      },
    },
    { ...(opts.demo ? { demo: true } : {}) },
  );
  const links = handOverLinks(opts.link ? [opts.link] : []);
  const shell = await startBrowserShell({
    onClient: links.onClient,
    handlers: app.service.handlers,
    subscribe: (sink) => {
      forward = sink;
      return () => (forward = undefined);
    },
    staticDir,
  });
  const browser = await launchBrowser();
  const { width, height, deviceScaleFactor } = opts.page ?? { width: 1200, height: 760 };
  const page = await browser.newPage({
    viewport: { width, height },
    ...(deviceScaleFactor ? { deviceScaleFactor } : {}),
  });
  await page.goto(shell.url);
  return {
    sim,
    events,
    app,
    shell,
    browser,
    page,
    openLink: links.open,
    async close() {
      await browser.close();
      await shell.close();
      await app.service.dispose();
      sim.close();
    },
  };
}

/** Switches light/dark and waits for the colour transitions to end (a half-way colour fails contrast checks). */
async function switchScheme(page: Page, colorScheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme });
  // A string: this project's Node tsconfig has no DOM types (it runs in the page).
  // Two frames first, so the new styles are applied and their transitions have started.
  await page.evaluate(
    'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))).then(() => ' +
      'Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition || ' +
      // Fluent's own motion (a dialog fading in) runs as Web Animations; endless ones (a spinner) are not awaited.
      '(a.effect && a.effect.getComputedTiming().endTime < Infinity))' +
      '.map((a) => a.finished.catch(() => undefined)))).then(() => undefined)',
  );
}

/** A screenshot of the page, light and dark, named after the screen. */
export async function screenshots(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await switchScheme(page, colorScheme);
    await page.screenshot({ path: screenshotPath(`${screen}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const AXE = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is (light and dark). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated rather than added as a <script>: the CSP allows only the shell's own scripts (page.evaluate is CDP).
  await page.evaluate(AXE);
  const out: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await switchScheme(page, colorScheme);
    const found = await page.evaluate(async () => {
      type Run = (context: { exclude: string[][] }) => Promise<{ violations: AxeViolation[] }>;
      const axe = (globalThis as unknown as { axe: { run: Run } }).axe;
      // Fluent's focus manager (Tabster) adds aria-hidden focus sentinels that hand focus on at once: a documented
      // false positive of aria-hidden-focus (microsoft/tabster#288), excluded by their marker attribute only.
      const r = await axe.run({ exclude: [['[data-tabster-dummy]']] });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    });
    out.push(...found.map((f) => `${colorScheme}: ${f}`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return out;
}

interface AxeViolation {
  id: string;
  impact?: string;
  help: string;
  nodes: { target: string[] }[];
}

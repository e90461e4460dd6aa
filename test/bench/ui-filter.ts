/**
 * The UI bench's filter latency: the VM list over 10,000 VMs (the simulator seeded `scale:10000:20`, read by core's
 * inventory as the app does, signed in by device code), keystrokes typed into the filter and deleted again in
 * Chromium, each timed inside the page from the keydown to the frame that shows the filtered list.
 */
import type { Page } from 'playwright-core';
import { profilePage } from './ui-profile';
import { filterVms, type Vm } from '../../renderer/src/vm-list/vm-filter';
import { startUi } from '../ui/ui-harness';

/** What each keystroke cost, in ms, and how many VMs were listed. */
export interface FilterResult {
  vms: number;
  samples: number[];
  /** The renderer main thread's CPU time per keystroke (a traced second pass), in ms. */
  cpuMs: number;
}

/**
 * Why this measures what a user sees: t0 is the keydown's own timeStamp (when the browser received the input). After
 * the key, every animation frame checks whether the row count reads the expected number (so deferred rendering
 * would be waited for, not missed); in the frame where it does, a MessageChannel task is queued from the rAF
 * callback, and that task runs only after the frame's style, layout and paint — so t1 is "the new list painted",
 * without the extra frame of waiting that a second rAF would add. (Chromium's Event Timing entries were tried as a
 * cross-check: in headless Chromium they run to the compositor's presentation, a frame later, in 8 ms steps.)
 * A string: this project's Node tsconfig has no DOM types (it runs in the page).
 */
const PAGE_SCRIPT = `
(() => {
  const countNow = () => {
    for (const el of document.querySelectorAll('[aria-live]')) {
      const m = /(\\d[\\d,]*) of (\\d[\\d,]*) VMs/.exec(el.textContent || '');
      if (m) return Number(m[1].replace(/,/g, ''));
    }
    return -1;
  };
  window.__arm = (expected) => {
    window.__pending = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('count never reached ' + expected + ' (shows ' + countNow() + ')')), 10000);
      document.addEventListener('keydown', (e) => {
        const t0 = e.timeStamp;
        const frame = () => {
          if (countNow() !== expected) return requestAnimationFrame(frame);
          const ch = new MessageChannel();
          ch.port1.onmessage = () => { clearTimeout(timer); resolve(performance.now() - t0); };
          ch.port2.postMessage(0);
        };
        requestAnimationFrame(frame);
      }, { capture: true, once: true });
    });
  };
})();
`;

/** Queries typed one key at a time and deleted again (names, subscriptions, IPs, several words). */
const QUERIES = ['lnx-007-001', 'landing zone 013', '10.4.2.', 'win-019 rg-workload-003', 'westus2 lnx'];

/** Types and deletes QUERIES in the filter; every keystroke timed (see PAGE_SCRIPT). */
export async function measureFilter(log: (line: string) => void): Promise<FilterResult> {
  const ui = await startUi({ sim: { seed: 'scale:10000:20' } });
  try {
    const { page } = ui;
    await page.getByRole('button', { name: 'Sign in with a device code' }).click({ timeout: 30_000 });
    await page.getByRole('option').first().waitFor({ timeout: 300_000 });
    const { vms } = await ui.app.call('vms:list', {});
    log(`filter: ${vms.length} VMs listed`);
    await page.evaluate(PAGE_SCRIPT);
    const filter = page.getByRole('textbox', { name: 'Filter virtual machines' });
    await filter.focus();
    const samples: number[] = [];
    // One warm-up query first (the JIT compiles the filter path), not counted.
    await typeAndDelete(page, vms, ['win-0'], log, () => {});
    const stopProfile = await profilePage(page, 'filter', 100);
    await typeAndDelete(page, vms, QUERIES, log, (ms) => samples.push(ms));
    await stopProfile();
    // Again under Chromium's tracing, for the renderer main thread's CPU time per keystroke: unlike wall time, it
    // hardly moves with other processes' load on a shared machine (the tracing itself slows the page a little).
    await ui.browser.startTracing(page, {
      categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', '__metadata'],
    });
    let keys = 0;
    await typeAndDelete(page, vms, QUERIES, log, () => keys++);
    const cpuMs = mainThreadCpuMs(await ui.browser.stopTracing()) / keys;
    return { vms: vms.length, samples, cpuMs };
  } finally {
    await ui.close();
  }
}

/** Types each query one key at a time and deletes it again; `onSample` gets each keystroke's time. */
async function typeAndDelete(
  page: Page,
  vms: Vm[],
  queries: string[],
  log: (line: string) => void,
  onSample: (ms: number) => void,
): Promise<void> {
  const step = async (key: string, query: string) => {
    const expected = filterVms(vms, query).length;
    const ms = await keystroke(page, key, expected);
    if (process.env.BENCH_DEBUG) log(`  "${query}" ${expected} rows: ${ms.toFixed(1)} ms`);
    onSample(ms);
  };
  for (const query of queries) {
    for (let n = 1; n <= query.length; n++) await step(query[n - 1]!, query.slice(0, n));
    for (let n = query.length - 1; n >= 0; n--) await step('Backspace', query.slice(0, n));
  }
}

/** The thread CPU time of the renderer main thread's tasks in a Chromium trace, in ms. */
function mainThreadCpuMs(trace: Buffer): number {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  let us = 0;
  for (const e of events)
    if (e.ph === 'X' && e.name === 'RunTask' && e.tdur && main.has(`${e.pid}:${e.tid}`)) us += e.tdur;
  return us / 1000;
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  tdur?: number;
  args?: { name?: string };
}

/** One key into the focused filter; resolves with its keydown → painted time. */
async function keystroke(page: Page, key: string, expected: number): Promise<number> {
  await page.evaluate(`window.__arm(${expected})`);
  if (key === 'Backspace') await page.keyboard.press(key);
  else await page.keyboard.type(key);
  return (await page.evaluate('window.__pending')) as number;
}

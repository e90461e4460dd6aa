/**
 * BENCH_PROF=DIR for the UI bench: a V8 CPU profile of the page between two points, written as DIR/NAME.cpuprofile
 * (open it in Chromium's DevTools, Performance panel); nothing when BENCH_PROF is unset.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Starts profiling `page` (sampling every `intervalUs`); the returned function stops and writes the profile. */
export async function profilePage(page: Page, name: string, intervalUs = 200): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_PROF;
  if (!dir) return async () => {};
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  };
}

/** Node's flags that profile the shell into BENCH_PROF (empty when unset). */
export function shellProfileFlags(): string[] {
  const dir = process.env.BENCH_PROF;
  return dir ? ['--cpu-prof', '--cpu-prof-dir', dir] : [];
}

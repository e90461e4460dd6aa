/**
 * The browser shell's entry (`npm start` where the Electron binary is missing): core's app service — composed as the
 * Electron shell composes it — behind the shell, the built renderer served to Debian's Chromium in app mode (or, with
 * `--no-open`, one JSON line `{"url": …}` on stdout and nothing opened). With no cloud named the first screen offers
 * "Sign in to Azure" or "Explore the demo" (the simulator, started in this process on demand).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../azure-sim/demo';
import { composeApp } from '../core/app/compose';
import { parseShellArgs } from '../core/app/shell-args';
import { handOverLinks } from './deep-link';
import { nodeLookup, nodeRunner } from '../core/launch/index';
import { desktopNotifierOption } from '../core/notify/notify-send';
import { openInChromium } from './open-chromium';
import { startBrowserShell } from './server';

async function main(): Promise<void> {
  const args = parseShellArgs(process.argv.slice(2), { browser: true });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // The bundle sits in dist/ with the renderer built beside it (dist/renderer).
  const here = dirname(fileURLToPath(import.meta.url));
  const staticDir = args.staticDir ?? join(here, 'renderer');
  const app = await composeApp(args, {
    startDemo: (configDir) => startDemo(configDir),
    // Linux: reminders also reach the desktop (notify-send) while the browser window is hidden; else the page's only.
    ...desktopNotifierOption(process.platform, { runner: nodeRunner, lookup: (p) => nodeLookup(p), warn: log }),
    reporter: { warn: (m) => log(`warning: ${m}`) },
  });
  const shell = await startBrowserShell({
    handlers: app.handlers,
    subscribe: (sink) => app.subscribe(sink),
    staticDir,
    log,
    // A `jitconnect://` link given at launch goes to the page once it connects; the page asks before requesting.
    onClient: handOverLinks(args.links).onClient,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await shell.close();
    await app.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  if (args.noOpen) process.stdout.write(`${JSON.stringify({ url: shell.url })}\n`);
  else if (openInChromium(shell.url) === 'chromium')
    log('JIT Connect is open in Chromium (app mode). Ctrl+C stops it.');
  else log('Open the address printed above in a browser. Ctrl+C stops JIT Connect.');
  // While the window starts (a second or more), the remembered account and its cached VMs are read: the list shows
  // as soon as the page asks for it.
  void app.prefetch();
}

main().catch((err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});

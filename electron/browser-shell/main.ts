/**
 * The browser shell's entry (`npm start` where the Electron binary is missing): core's app service behind the shell,
 * the built renderer served to Debian's Chromium in app mode (or, with `--no-open`, one JSON line `{"url": …}` on
 * stdout and nothing opened). With no cloud named the first screen offers "Sign in to Azure" or "Explore the demo"
 * (the simulator, started in this process on demand).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDemo, type Demo } from '../azure-sim/demo';
import { createAppService } from '../core/app/app-service';
import { resolveCloud } from '../core/cloud/cloud';
import { defaultConfigDir, ensureConfigDir } from '../core/config/config-dir';
import { nodeTransport } from '../core/http/transport';
import { nodeLaunchFs, nodeLookup, nodeRunner } from '../core/launch/index';
import { desktopNotifierOption } from '../core/notify/notify-send';
import { systemOpener } from '../core/launch/open-url';
import { systemClock } from '../core/ports';
import { simulatedNetworkInterfaces, systemNetworkInterfaces } from '../core/source/network-interfaces';
import type { EventSink } from '../../shared/ipc/contract';
import { openInChromium } from './open-chromium';
import { startBrowserShell } from './server';

const USAGE =
  'usage: jit-connect-browser [--demo] [--cloud NAME|FILE] [--config-dir DIR] [--static-dir DIR] [--no-open]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      demo: { type: 'boolean' },
      cloud: { type: 'string' },
      'config-dir': { type: 'string' },
      'static-dir': { type: 'string' },
      'no-open': { type: 'boolean' },
    },
    strict: true,
  });
  if (values.demo && values.cloud) throw new Error(`--demo and --cloud exclude each other\n${USAGE}`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const configDir = ensureConfigDir(values['config-dir'] ?? defaultConfigDir());
  // The bundle sits in dist/ with the renderer built beside it (dist/renderer).
  const here = dirname(fileURLToPath(import.meta.url));
  const staticDir = values['static-dir'] ?? join(here, 'renderer');
  let demo: Demo | undefined;
  const demoCloud = async () => {
    demo ??= await startDemo(configDir);
    return demo.cloud;
  };
  let forward: EventSink | undefined;
  const service = createAppService({
    configDir,
    ...(values.cloud ? { cloud: resolveCloud(values.cloud) } : values.demo ? { cloud: demoCloud } : {}),
    startDemo: demoCloud,
    transportFor: (cloud) => nodeTransport(cloud),
    network: (cloud) =>
      cloud.profile.simulatedNetwork
        ? simulatedNetworkInterfaces(cloud.profile.simulatedNetwork)
        : systemNetworkInterfaces(),
    opener: systemOpener(),
    runner: nodeRunner,
    launchFs: nodeLaunchFs,
    lookup: (program) => nodeLookup(program),
    platform: process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux',
    clock: systemClock,
    // Linux: reminders also reach the desktop (notify-send) while the browser window is hidden; else the page's only.
    ...desktopNotifierOption(process.platform, { runner: nodeRunner, lookup: (p) => nodeLookup(p), warn: log }),
    sink: (channel, payload) => forward?.(channel, payload),
    reporter: { warn: (m) => log(`warning: ${m}`) },
  });
  const shell = await startBrowserShell({
    handlers: service.handlers,
    subscribe: (sink) => {
      forward = sink;
      return () => (forward = undefined);
    },
    staticDir,
    log,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await service.dispose();
    await shell.close();
    await demo?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  if (values['no-open']) process.stdout.write(`${JSON.stringify({ url: shell.url })}\n`);
  else if (openInChromium(shell.url) === 'chromium')
    log('JIT Connect is open in Chromium (app mode). Ctrl+C stops it.');
  else log('Open the address printed above in a browser. Ctrl+C stops JIT Connect.');
}

main().catch((err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});

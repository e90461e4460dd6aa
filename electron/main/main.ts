/**
 * The Electron shell's entry: the only file that touches the `electron` module's objects. One window (a second
 * launch focuses it), the renderer served on the app's own scheme, the guards of window.ts, and core — composed as
 * the browser shell composes it — wired to IPC.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Notification, app, ipcMain, net, protocol, session, shell } from 'electron';
import { startDemo } from '../azure-sim/demo';
import { ShellUsageError } from '../core/app/shell-args';
import { createDeepLinkInbox } from '../core/deep-link/deep-link-inbox';
import { appProtocolHandler } from './app-protocol';
import { forwardDeepLinks, registerProtocolClient } from './deep-link';
import { windowEventSink } from './ipc';
import { startUpdates, type UpdateSituation } from './updates';
import { APP_ENTRY, APP_SCHEME } from './security';
import { guardContents, hardenSession, windowOptions } from './window';
import { electronCore, wireCore, type CoreWiring } from './wiring';

/**
 * The shipped layout (the build's contract): this file bundled as ESM, the preload beside it as one CommonJS file
 * (sandboxed preloads cannot be ES modules), the built renderer in `../renderer`.
 */
const here = dirname(fileURLToPath(import.meta.url));
const PRELOAD = join(here, 'preload.cjs');
const RENDERER_DIR = join(here, '..', 'renderer');
/** The installers' product name (build/electron-builder.config.mjs): the NSIS uninstaller is named after it. */
const PRODUCT_NAME = 'JIT Connect';

// Every renderer sandboxed, whatever a webPreferences says (defence in depth for window.ts's options).
app.enableSandbox();
// Must run before `ready`: the scheme is standard (real origins, relative URLs) and secure (no mixed content).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);

let mainWindow: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions(PRELOAD));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = undefined;
  });
  void win.loadURL(APP_ENTRY);
  return win;
}

/**
 * Starts the shell with the core `makeCore` builds (its handlers, its events, and how to stop it on quit). Core is
 * built only once this is the single instance: a second launch must not start reminders or a demo of its own.
 */
export function startShell(
  makeCore: () => Promise<CoreWiring & { dispose(): Promise<void>; prefetch(): Promise<void> }>,
): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const ready = makeCore();
  // `jitconnect://` links: this launch's argv, later launches (through the lock) and macOS `open-url` — registered
  // before `ready`, as macOS may send the launching link early. Core's inbox checks each and holds it for the page.
  const links = createDeepLinkInbox();
  registerProtocolClient(app, process);
  forwardDeepLinks(
    app,
    process.argv,
    (url) => links.open(url),
    () => {
      if (mainWindow?.isMinimized()) mainWindow.restore();
      mainWindow?.focus();
    },
  );
  // Every webContents, the main window's included, gets the guards as it is created (before it can navigate).
  app.on('web-contents-created', (_e, contents) => guardContents(contents, (url) => shell.openExternal(url)));
  app.on('window-all-closed', () => app.quit());
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    // Cancel running connects, hand the reminders' owner lock back and stop the demo before the process ends.
    event.preventDefault();
    disposed = true;
    void ready
      .then((core) => core.dispose())
      .catch(() => undefined)
      .finally(() => app.quit());
  });
  void Promise.all([ready, app.whenReady()]).then(
    ([core]) => {
      hardenSession(session.defaultSession);
      protocol.handle(APP_SCHEME, appProtocolHandler(RENDERER_DIR));
      wireCore(ipcMain, core, () => mainWindow?.webContents);
      mainWindow = createWindow();
      // While the window loads, the remembered account and its cached VMs are read: the list shows when asked for.
      void core.prefetch();
      // Updates: only a packaged install made with a feed, not an MSI one, as the policy's channel allows.
      void core.handlers['settings:get']({}).then(({ settings }) =>
        startUpdates(
          () => import('electron-updater').then((m) => m.autoUpdater),
          {
            isPackaged: app.isPackaged,
            resourcesPath: process.resourcesPath,
            execPath: process.execPath,
            platform: process.platform,
            productName: PRODUCT_NAME,
            exists: existsSync,
            policyChannel: settings.updateChannel as UpdateSituation['policyChannel'],
          },
          log,
        ),
      );
      // Links go to the page once it has loaded (and its listeners are set); a reload does not show them again.
      const win = mainWindow;
      win.webContents.once('did-finish-load', () => links.attach(windowEventSink(() => win.webContents)));
    },
    (err: unknown) => fail(err),
  );
}

const log = (line: string) => process.stderr.write(`${line}\n`);
function fail(err: unknown): void {
  log(`error: ${err instanceof Error ? err.message : String(err)}`);
  app.exit(err instanceof ShellUsageError ? 2 : 1);
}
try {
  // Electron's argv: the binary, then (unpackaged) the app's path, then the flags and Chromium's own switches.
  startShell(() =>
    electronCore(
      process.argv.slice(1),
      { shell, Notification, fetch: (url, init) => net.fetch(url, init) },
      (configDir) => startDemo(configDir),
      { warn: (m) => log(`warning: ${m}`) },
    ),
  );
} catch (err) {
  fail(err);
}

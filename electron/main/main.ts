/**
 * The Electron shell's entry: the only file that touches the `electron` module's objects. One window (a second
 * launch focuses it), the renderer served on the app's own scheme, the guards of window.ts, and core — composed as
 * the browser shell composes it — wired to IPC.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  dialog,
  ipcMain,
  nativeImage,
  net,
  powerMonitor,
  protocol,
  session,
  shell,
} from 'electron';
import { startDemo } from '../azure-sim/demo';
import { ShellUsageError } from '../core/app/shell-args';
import type { ComposedApp } from '../core/app/compose';
import { createDeepLinkInbox, type DeepLinkInbox } from '../core/deep-link/deep-link-inbox';
import { loadSettings } from '../core/settings/settings';
import { appProtocolHandler } from './app-protocol';
import { forwardDeepLinks, registerProtocolClient } from './deep-link';
import { windowEventSink } from './ipc';
import { startUpdates, type UpdateSituation } from './updates';
import { APP_ENTRY, APP_SCHEME } from './security';
import { guardContents, hardenSession, windowOptions } from './window';
import { xdgAutostartFiles } from './background';
import { startBackground, trayRefreshingSink, withStartAtLogin, type Background } from './tray-wiring';
import { electronCore, wireCore } from './wiring';

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
/** Shows the main window, creating it if needed (set once core is ready). */
let showMain: (() => void) | undefined;

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
export function startShell(makeCore: () => Promise<ComposedApp>): void {
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
    // A later launch (with or without a link) brings the window forward, creating it when the app ran in the tray.
    () => showMain?.(),
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
    ([core]) => onReady(core, links),
    (err: unknown) => fail(err),
  );
}

/** Once core and Electron are ready: the session guarded, IPC wired, the tray, the window (unless started hidden). */
function onReady(core: ComposedApp, links: DeepLinkInbox): void {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, appProtocolHandler(RENDERER_DIR));
  const showWindow = () => {
    mainWindow ??= openWindow(links, background);
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  showMain = showWindow;
  const background: Background = startBackground({
    electron: { Tray, Menu, nativeImage, app, dialog, powerMonitor },
    service: core,
    configDir: core.configDir,
    showWindow,
    startAtLogin: loadSettings(core.configDir).startAtLogin,
    platform: process.platform,
    execPath: process.execPath,
    argv: process.argv,
    autostart: xdgAutostartFiles(),
    warn: (m) => log(`warning: ${m}`),
  });
  if (!background.hidden) mainWindow = openWindow(links, background);
  // The tray redraws when grants may have changed; a saved startAtLogin reaches the OS at once.
  wireCore(
    ipcMain,
    {
      handlers: withStartAtLogin(core.handlers, () => background),
      subscribe: (sink) => core.subscribe(trayRefreshingSink(sink, () => background.tray)),
    },
    () => mainWindow?.webContents,
  );

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
}

/** The main window: kept in the tray on close while grants are live; deep links go to its page once loaded. */
function openWindow(links: DeepLinkInbox, background: Background | undefined): BrowserWindow {
  const win = createWindow();
  background?.attachWindow(win);
  // A reload does not show a link again (the inbox sends each once).
  win.webContents.once('did-finish-load', () => links.attach(windowEventSink(() => win.webContents)));
  return win;
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

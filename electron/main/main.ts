/**
 * The Electron shell's entry: the only file that touches the `electron` module's objects. One window (a second
 * launch focuses it), the renderer served on the app's own scheme, the guards of window.ts, and core wired to IPC.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Notification, app, ipcMain, net, protocol, session, shell } from 'electron';
import { electronNotifier, electronOpener } from './adapters';
import { appProtocolHandler } from './app-protocol';
import { APP_ENTRY, APP_SCHEME } from './security';
import { guardContents, hardenSession, windowOptions } from './window';
import { electronTransportFor, unwiredCore, wireCore, type CoreWiring } from './wiring';

/**
 * The shipped layout (the build's contract): this file bundled as ESM, the preload beside it as one CommonJS file
 * (sandboxed preloads cannot be ES modules), the built renderer in `../renderer`.
 */
const here = dirname(fileURLToPath(import.meta.url));
const PRELOAD = join(here, 'preload.cjs');
const RENDERER_DIR = join(here, '..', 'renderer');

/** The adapters core's app service takes from this shell (handed over at the wiring point). */
export const electronPorts = {
  opener: () => electronOpener(shell),
  notifier: () => electronNotifier(Notification),
  transportFor: () => electronTransportFor((url, init) => net.fetch(url, init)),
};

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

/** Starts the shell with the given core (the wiring point: `unwiredCore()` until the app service lands). */
export function startShell(core: CoreWiring = unwiredCore()): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  // Every webContents, the main window's included, gets the guards as it is created (before it can navigate).
  app.on('web-contents-created', (_e, contents) => guardContents(contents, (url) => shell.openExternal(url)));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    protocol.handle(APP_SCHEME, appProtocolHandler(RENDERER_DIR));
    wireCore(ipcMain, core, () => mainWindow?.webContents);
    mainWindow = createWindow();
  });
}

startShell();

/**
 * WIRING POINT for the tray and life in the background: one call from main.ts once core's app service exists
 * (`startBackground`), which starts the tray on the grant store, maps its menu onto the app service's handlers, keeps
 * the app in the tray while grants are live, asks before quitting with live grants, re-arms the reminders when the
 * machine wakes, and applies start-at-login. `trayRefreshingSink` wraps the window's event sink so the tray is
 * redrawn when a connect finishes or a reminder fires.
 */
import type {
  App,
  BrowserWindow,
  Dialog,
  Menu,
  NativeImage,
  nativeImage as NativeImageModule,
  PowerMonitor,
} from 'electron';
import type { EventSink, Handlers } from '../../shared/ipc/contract';
import type { TrayCommand } from '../../shared/tray/tray-model';
import { GrantStore } from '../core/grants/index';
import type { Clock } from '../core/ports';
import { systemClock } from '../core/ports';
import {
  applyStartAtLogin,
  dialogQuitConfirm,
  guardQuit,
  keepInTray,
  rearmOnResume,
  startedHidden,
  type AutostartFiles,
} from './background';
import { startTray, type TrayController, type TrayLike } from './tray';
import { trayIcons } from './tray-icons';

/** The Electron objects used (main.ts passes the real ones; tests plain objects). */
export interface BackgroundElectron {
  Tray: new (image: NativeImage) => TrayLike;
  Menu: Pick<typeof Menu, 'buildFromTemplate'>;
  nativeImage: Pick<typeof NativeImageModule, 'createFromBitmap'>;
  app: Pick<App, 'on' | 'quit' | 'setLoginItemSettings' | 'getLoginItemSettings'>;
  dialog: Pick<Dialog, 'showMessageBox'>;
  powerMonitor: Pick<PowerMonitor, 'on'>;
}

/** What `startBackground` needs besides Electron. */
export interface BackgroundDeps {
  electron: BackgroundElectron;
  /** Core's app service (its handlers and `rearmReminders`). */
  service: { handlers: Handlers; rearmReminders(): Promise<void> };
  configDir: string;
  /** Shows the main window, creating it if needed, and focuses it. */
  showWindow: () => void;
  /** The `startAtLogin` setting at start. */
  startAtLogin: boolean;
  platform: NodeJS.Platform;
  execPath: string;
  argv: readonly string[];
  /** Linux: where the XDG autostart entry goes and how it is written. */
  autostart?: AutostartFiles;
  clock?: Clock;
  warn: (message: string) => void;
}

/** What main.ts keeps. */
export interface Background {
  tray: TrayController;
  /** True when this start came from the login item: create no window (the tray's Open shows it). */
  hidden: boolean;
  /** Call for each main window created: closing it hides it while grants are live. */
  attachWindow(win: Pick<BrowserWindow, 'on' | 'hide'>): void;
  /** The `startAtLogin` setting changed. */
  setStartAtLogin(enabled: boolean): void;
}

/** A tray click carried out on the app service (errors go to the log; the reminders still cover the grant). */
export function trayCommands(
  service: { handlers: Handlers },
  ui: { showWindow: () => void; quit: () => void; refresh: () => Promise<void>; warn: (m: string) => void },
): (command: TrayCommand) => void {
  return (command) => {
    const failed = (what: string) => (err: unknown) => ui.warn(`${what} failed: ${(err as Error).message}`);
    switch (command.action) {
      case 'connect-again':
        // The window shows the connect's progress.
        ui.showWindow();
        void service.handlers['connect:start']({
          targets: [{ vmId: command.vmId, port: command.port }],
          launch: true,
        }).catch(failed('Connect again'));
        return;
      case 'extend':
        void service.handlers['grants:extend']({ vmId: command.vmId, port: command.port })
          .then(() => ui.refresh())
          .catch(failed('Extend'));
        return;
      case 'open':
      case 'open-app':
        ui.showWindow();
        return;
      case 'quit':
        ui.quit();
    }
  };
}

/** Starts the tray and the background behaviour (see the module comment). */
export function startBackground(deps: BackgroundDeps): Background {
  const { electron: e } = deps;
  const clock = deps.clock ?? systemClock;
  const store = new GrantStore(deps.configDir);
  // The menu's clicks need the tray (to redraw after an extend): set once the tray exists.
  let onCommand: (command: TrayCommand) => void = () => undefined;
  const tray = startTray({
    createTray: (image) => new e.Tray(image),
    buildMenu: (template) => e.Menu.buildFromTemplate(template),
    icons: trayIcons(e.nativeImage),
    clock,
    grants: () => store.cached(),
    onCommand: (command) => onCommand(command),
    onClockJump: () => void deps.service.rearmReminders(),
    warn: deps.warn,
  });
  onCommand = trayCommands(deps.service, {
    showWindow: deps.showWindow,
    quit: () => e.app.quit(),
    refresh: () => tray.refresh(),
    warn: deps.warn,
  });
  const { quitting } = guardQuit(e.app, () => tray.liveCount(), dialogQuitConfirm(e.dialog));
  rearmOnResume(e.powerMonitor, async () => {
    await deps.service.rearmReminders();
    await tray.refresh();
  });
  const login = (enabled: boolean) =>
    applyStartAtLogin(enabled, {
      platform: deps.platform,
      app: e.app,
      execPath: deps.execPath,
      ...(deps.autostart ? { autostart: deps.autostart } : {}),
    });
  try {
    login(deps.startAtLogin);
  } catch (err) {
    deps.warn(`Start at login: ${(err as Error).message}`);
  }
  return {
    tray,
    hidden: startedHidden(deps.argv, deps.platform, e.app),
    attachWindow: (win) => keepInTray(win, () => tray.liveCount(), quitting),
    setStartAtLogin: login,
  };
}

/** The window's event sink, redrawing the tray when grants may have changed. */
export function trayRefreshingSink(sink: EventSink, tray: () => TrayController | undefined): EventSink {
  return (channel, payload) => {
    sink(channel, payload);
    if (channel === 'connect:finished' || channel === 'grant:expiring' || channel === 'grant:expired')
      void tray()?.refresh();
  };
}

/** The handlers, with a saved `startAtLogin` applied to the OS at once (main.ts registers these on IPC). */
export function withStartAtLogin(
  handlers: Handlers,
  background: () => Pick<Background, 'setStartAtLogin'> | undefined,
): Handlers {
  const set = handlers['settings:set'];
  return {
    ...handlers,
    'settings:set': async (args) => {
      const result = await set(args);
      const enabled = result.settings.startAtLogin;
      if (typeof enabled === 'boolean' && 'startAtLogin' in args.patch) background()?.setStartAtLogin(enabled);
      return result;
    },
  };
}

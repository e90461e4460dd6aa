/**
 * Living in the background: closing the window keeps the app in the tray while grants are live (the reminders and
 * keep-access need the process); quitting with live grants asks first; optional start at login, hidden; and the
 * machine waking from sleep re-arms the reminders. Each takes the few Electron methods it needs (plain objects in
 * tests); main.ts passes the real ones.
 */
import type { App, BrowserWindow, Dialog, PowerMonitor } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

/** The argument a start at login passes, so the app starts in the tray without a window. */
export const HIDDEN_ARG = '--hidden';

/** Closing the window hides it instead while `liveCount()` is above 0 (unless the app is quitting). */
export function keepInTray(
  win: Pick<BrowserWindow, 'on' | 'hide'>,
  liveCount: () => number,
  quitting: () => boolean,
): void {
  win.on('close', (event) => {
    if (quitting() || liveCount() === 0) return;
    event.preventDefault();
    win.hide();
  });
}

/** Asks whether to quit although `live` grants are live; true to quit. */
export type QuitConfirm = (live: number) => Promise<boolean>;

/** The question as a native dialog: Cancel is the default, so a stray Enter keeps the app (and its reminders). */
export function dialogQuitConfirm(dialog: Pick<Dialog, 'showMessageBox'>): QuitConfirm {
  return async (live) => {
    const { response } = await dialog.showMessageBox({
      type: 'question',
      buttons: ['Quit', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: live === 1 ? 'A grant is still live.' : `${live} grants are still live.`,
      detail:
        'If you quit, JIT Connect stops reminding you before access ends and stops keeping access. ' +
        'The grants stay open in Azure until they end.',
    });
    return response === 0;
  };
}

/**
 * Quitting (the tray's Quit, the app menu, Cmd+Q) with live grants asks `confirm` first; `quitting()` tells the
 * window's close handler to let go once the answer is yes. Returns that flag.
 */
export function guardQuit(
  app: Pick<App, 'on' | 'quit'>,
  liveCount: () => number,
  confirm: QuitConfirm,
): { quitting: () => boolean } {
  let allowed = false;
  let asking = false;
  app.on('before-quit', (event) => {
    if (allowed) return;
    const live = liveCount();
    if (live === 0) {
      allowed = true;
      return;
    }
    event.preventDefault();
    if (asking) return;
    asking = true;
    void confirm(live)
      .then((yes) => {
        if (!yes) return;
        allowed = true;
        app.quit();
      })
      .finally(() => (asking = false));
  });
  return { quitting: () => allowed };
}

/** How start-at-login is done on Linux: an XDG autostart entry (Electron's login items are macOS and Windows only). */
export interface AutostartFiles {
  /** `~/.config/autostart/jit-connect.desktop` (or `$XDG_CONFIG_HOME/autostart/…`). */
  path: string;
  write(path: string, text: string): void;
  remove(path: string): void;
}

/** The XDG autostart entry's place (`$XDG_CONFIG_HOME/autostart`, else `~/.config/autostart`) written with Node's fs. */
export function xdgAutostartFiles(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): AutostartFiles {
  const base = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config');
  return {
    path: join(base, 'autostart', 'jit-connect.desktop'),
    write(path, text) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text, { mode: 0o644 });
    },
    remove(path) {
      rmSync(path, { force: true });
    },
  };
}

/** The XDG autostart entry that starts `execPath` hidden (argv quoted as the Desktop Entry spec says). */
export function autostartEntry(execPath: string): string {
  const quoted = `"${execPath.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=JIT Connect',
    `Exec=${quoted} ${HIDDEN_ARG}`,
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=true',
    '',
  ].join('\n');
}

/**
 * Turns start at login on or off (the `startAtLogin` setting). macOS: a login item (the app starts hidden when
 * `wasOpenedAtLogin`); Windows: the Run key with `--hidden`; Linux: the XDG autostart entry with `--hidden`.
 */
export function applyStartAtLogin(
  enabled: boolean,
  env: {
    platform: NodeJS.Platform;
    app: Pick<App, 'setLoginItemSettings'>;
    execPath: string;
    autostart?: AutostartFiles;
  },
): void {
  if (env.platform === 'linux') {
    if (!env.autostart) return;
    if (enabled) env.autostart.write(env.autostart.path, autostartEntry(env.execPath));
    else env.autostart.remove(env.autostart.path);
    return;
  }
  env.app.setLoginItemSettings({
    openAtLogin: enabled,
    ...(env.platform === 'win32' ? { args: [HIDDEN_ARG] } : {}),
  });
}

/** True when this start came from the login item: no window, only the tray. */
export function startedHidden(
  argv: readonly string[],
  platform: NodeJS.Platform,
  app: Pick<App, 'getLoginItemSettings'>,
): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}

/** Waking from sleep (and unlocking the screen) re-arms the reminders: timers may have slept through a lead time. */
export function rearmOnResume(power: Pick<PowerMonitor, 'on'>, rearm: () => Promise<void> | void): void {
  const again = () => void Promise.resolve(rearm()).catch(() => undefined);
  power.on('resume', again);
  power.on('unlock-screen', again);
}

/**
 * The tray icon: the idle icon, or the live one while any grant is live; its tooltip and menu rendered from the pure
 * model in shared/tray (live grants with countdowns, each with Connect again / Extend / Open; Open JIT Connect; Quit).
 * The model is rebuilt every minute on the Clock, and at once when the grants change (`refresh`). Each tick also
 * compares the Clock's time with when the tick was due: a large difference is a clock jump (sleep, a changed system
 * clock), reported through `onClockJump` so the reminders are re-armed.
 */
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import {
  parseTrayItemId,
  trayModel,
  type TrayCommand,
  type TrayGrant,
  type TrayItem,
  type TrayModel,
} from '../../shared/tray/tray-model';
import type { Clock } from '../core/ports';

/** The few Tray methods used (a plain object in tests). */
export type TrayLike = Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'destroy'>;

/** What the tray needs from Electron and the app. */
export interface TrayDeps {
  /** `new Tray(image)`. */
  createTray: (image: NativeImage) => TrayLike;
  /** `Menu.buildFromTemplate`. */
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  /** The two icons (`nativeImage.createFromPath`): idle, and live while a grant is live. */
  icons: { idle: NativeImage; live: NativeImage };
  clock: Clock;
  /** The grants to show (the local grant store's cache: cheap, and works offline). */
  grants: () => Promise<TrayGrant[]>;
  /** A menu click, parsed (an id the model never made does nothing). */
  onCommand: (command: TrayCommand) => void;
  /** The clock jumped (see the module comment). */
  onClockJump?: () => void;
  /** How often the countdowns are refreshed (default a minute), and the lateness that means a jump (default 5 s). */
  refreshEveryMs?: number;
  jumpToleranceMs?: number;
  warn?: (message: string) => void;
}

/** The running tray. */
export interface TrayController {
  /** Reads the grants and renders again (a connect finished, an extend, a reminder). */
  refresh(): Promise<void>;
  /** The model shown now. */
  model(): TrayModel;
  /** How many grants are live now (closing the window keeps the app in the tray while this is above 0). */
  liveCount(): number;
  dispose(): void;
}

/** Electron menu items from the model's items; each click goes through the id parser. */
export function menuTemplate(items: TrayItem[], onCommand: (c: TrayCommand) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    if (item.type === 'submenu')
      return {
        id: item.id,
        label: item.label,
        enabled: item.enabled,
        submenu: menuTemplate(item.submenu ?? [], onCommand),
      };
    return {
      id: item.id,
      label: item.label,
      enabled: item.enabled,
      click: () => {
        const command = parseTrayItemId(item.id);
        if (command) onCommand(command);
      },
    };
  });
}

/** Creates the tray and starts its minute tick (see the module comment). */
export function startTray(deps: TrayDeps): TrayController {
  let current = trayModel([], deps.clock.now());
  let grants: TrayGrant[] = [];
  const tray = deps.createTray(deps.icons.idle);
  let shownIcon: TrayModel['icon'] = 'idle';
  let timer: unknown;
  let disposed = false;
  const every = deps.refreshEveryMs ?? 60_000;

  const render = () => {
    current = trayModel(grants, deps.clock.now());
    if (current.icon !== shownIcon) {
      tray.setImage(deps.icons[current.icon]);
      shownIcon = current.icon;
    }
    tray.setToolTip(current.tooltip);
    tray.setContextMenu(deps.buildMenu(menuTemplate(current.items, deps.onCommand)));
  };
  const refresh = async () => {
    try {
      grants = await deps.grants();
    } catch (err) {
      // A store being rewritten by another process: the last grants stay shown until the next tick.
      deps.warn?.(`Tray: ${(err as Error).message}`);
    }
    if (!disposed) render();
  };
  const tick = () => {
    const due = deps.clock.now() + every;
    timer = deps.clock.setTimeout(() => {
      if (disposed) return;
      if (Math.abs(deps.clock.now() - due) > (deps.jumpToleranceMs ?? 5000)) deps.onClockJump?.();
      // The next baseline is taken before the store is read: a jump during the read is seen at the next tick.
      tick();
      void refresh();
    }, every);
  };
  render();
  void refresh();
  tick();
  return {
    refresh,
    model: () => current,
    // Counted now, not at the last tick: a grant that ended a moment ago no longer keeps the app in the tray.
    liveCount: () => trayModel(grants, deps.clock.now()).live.length,
    dispose() {
      disposed = true;
      if (timer !== undefined) deps.clock.clearTimeout(timer);
      tray.destroy();
    },
  };
}

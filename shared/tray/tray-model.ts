/**
 * The tray menu as data: live grants and the time now in, the icon, tooltip and menu items out (labels, ids, enabled).
 * Pure, so the Electron tray renders it and the UI's grants panel could render the very same model; the ids carry the
 * action and the grant, so a click needs no lookup beyond {@link parseTrayItemId}.
 */

/** What the tray needs of a grant. */
export interface TrayGrant {
  vmId: string;
  vmName: string;
  port: number;
  endTimeUtc: string;
  /** Azure's clock minus the local one (grants from the store carry it): the countdown runs on Azure's clock. */
  azureOffsetMs?: number;
}

/** What a grant's item offers. */
export const GRANT_ACTIONS = [
  { action: 'connect-again', label: 'Connect again' },
  { action: 'extend', label: 'Extend' },
  { action: 'open', label: 'Open' },
] as const;

/** A per-grant action. */
export type GrantAction = (typeof GRANT_ACTIONS)[number]['action'];

/** What a click on a tray item asks for. */
export type TrayCommand =
  { action: GrantAction; vmId: string; port: number } | { action: 'open-app' } | { action: 'quit' };

/** One menu item; `submenu` holds a grant's actions. */
export interface TrayItem {
  id: string;
  label: string;
  enabled: boolean;
  type: 'normal' | 'separator' | 'submenu';
  submenu?: TrayItem[];
}

/** The tray's look and menu at one moment. */
export interface TrayModel {
  /** `live` while any grant is live: the icon changes so a glance says "a port is open". */
  icon: 'idle' | 'live';
  tooltip: string;
  items: TrayItem[];
  /** The live grants, soonest end first. */
  live: Array<TrayGrant & { remainingMs: number }>;
}

const MINUTE = 60_000;
const KNOWN_PORTS: Record<number, string> = { 3389: 'RDP', 22: 'SSH', 5985: 'WinRM', 5986: 'WinRM' };

/** "42 min left", "1 h 05 min left": whole minutes rounded up, so "1 min left" shows until the very end. */
export function countdown(remainingMs: number): string {
  const minutes = Math.max(1, Math.ceil(remainingMs / MINUTE));
  if (minutes < 60) return `${minutes} min left`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h} h ${String(m).padStart(2, '0')} min left`;
}

/** A grant in a few words: `VM-FS01 (RDP 3389)`. */
export function grantTitle(g: Pick<TrayGrant, 'vmName' | 'port'>): string {
  const kind = KNOWN_PORTS[g.port];
  return `${g.vmName} (${kind ? `${kind} ` : 'port '}${g.port})`;
}

/** The id of a grant's action item: the action, the port and the VM id (resource ids never hold `|`). */
export function trayItemId(action: GrantAction, g: Pick<TrayGrant, 'vmId' | 'port'>): string {
  return `${action}|${g.port}|${g.vmId}`;
}

/** What an item id asks for; undefined for an id the model never makes (a stale or forged click does nothing). */
export function parseTrayItemId(id: string): TrayCommand | undefined {
  if (id === 'open-app' || id === 'quit') return { action: id };
  const [action, port, ...rest] = id.split('|');
  const vmId = rest.join('|');
  const known = GRANT_ACTIONS.some((a) => a.action === action);
  const n = Number(port);
  if (!known || !vmId || !Number.isInteger(n) || n < 1 || n > 65535) return undefined;
  return { action: action as GrantAction, vmId, port: n };
}

/** The tray at `nowMs` (see the module comment): grants already ended are left out. */
export function trayModel(grants: readonly TrayGrant[], nowMs: number): TrayModel {
  const live = grants
    .map((g) => ({ ...g, remainingMs: Date.parse(g.endTimeUtc) - (nowMs + (g.azureOffsetMs ?? 0)) }))
    .filter((g) => Number.isFinite(g.remainingMs) && g.remainingMs > 0)
    .sort((a, b) => a.remainingMs - b.remainingMs || a.vmName.localeCompare(b.vmName) || a.port - b.port);

  const grantItems: TrayItem[] = live.map((g) => ({
    id: `grant|${g.port}|${g.vmId}`,
    label: `${grantTitle(g)} — ${countdown(g.remainingMs)}`,
    enabled: true,
    type: 'submenu',
    submenu: GRANT_ACTIONS.map((a) => ({ id: trayItemId(a.action, g), label: a.label, enabled: true, type: 'normal' })),
  }));
  const items: TrayItem[] = [
    ...(grantItems.length
      ? grantItems
      : [{ id: 'no-grants', label: 'No live grants', enabled: false, type: 'normal' as const }]),
    { id: 'separator', label: '', enabled: true, type: 'separator' },
    { id: 'open-app', label: 'Open JIT Connect', enabled: true, type: 'normal' },
    { id: 'quit', label: 'Quit', enabled: true, type: 'normal' },
  ];
  const first = live[0];
  const tooltip = !first
    ? 'JIT Connect'
    : live.length === 1
      ? `JIT Connect — ${grantTitle(first)}: ${countdown(first.remainingMs)}`
      : `JIT Connect — ${live.length} grants live; ${grantTitle(first)}: ${countdown(first.remainingMs)}`;
  return { icon: live.length ? 'live' : 'idle', tooltip, items, live };
}

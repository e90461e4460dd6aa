/**
 * Updates through electron-updater, wired but off unless the build named a feed: electron-builder writes
 * `resources/app-update.yml` only when `publish` is configured (JIT_CONNECT_UPDATE_URL at build time), so an install
 * without it never checks. MSI installs are never updated this way (electron-updater updates NSIS installs; IT
 * redeploys the MSI), and the admin policy's `updateChannel` turns them off (`none`) or picks `beta`. main.ts calls
 * `startUpdates(() => import('electron-updater').then((m) => m.autoUpdater), situation)` once the app is ready.
 */
import { dirname, join } from 'node:path';
import type { AppUpdater } from 'electron-updater';

/** The few updater members used (electron-updater's `autoUpdater`; a plain object in tests). */
export type Updater = Pick<AppUpdater, 'checkForUpdatesAndNotify'> & { channel: string | null };

/** What decides whether this install checks for updates. */
export interface UpdateSituation {
  /** Electron's `app.isPackaged`: a development run never updates itself. */
  isPackaged: boolean;
  /** `process.resourcesPath`, where app-update.yml is when a feed was configured. */
  resourcesPath: string;
  /** `process.execPath`: the installed executable. */
  execPath: string;
  platform: NodeJS.Platform;
  /** The product name (the NSIS uninstaller is `Uninstall <name>.exe` beside the executable). */
  productName: string;
  exists: (path: string) => boolean;
  /** The settings' `updateChannel` (policy-only): `stable` (the default), `beta`, or `none` (never update). */
  policyChannel?: 'stable' | 'beta' | 'none';
}

/** Whether to check, with the channel to use, or why not. */
export type UpdateDecision = { check: true; channel?: string } | { check: false; reason: string };

/** Decides, without touching the network, whether this install may update itself. */
export function updateDecision(s: UpdateSituation): UpdateDecision {
  if (!s.isPackaged) return { check: false, reason: 'a development run' };
  if (!s.exists(join(s.resourcesPath, 'app-update.yml')))
    return { check: false, reason: 'no update feed was configured when this build was made' };
  if (s.platform === 'win32' && !s.exists(join(dirname(s.execPath), `Uninstall ${s.productName}.exe`)))
    return { check: false, reason: 'an MSI install: new versions come from IT, as a new MSI' };
  if (s.policyChannel === 'none') return { check: false, reason: 'turned off by policy' };
  // electron-updater's own default channel is the stable one ("latest"); only beta is named.
  return s.policyChannel === 'beta' ? { check: true, channel: 'beta' } : { check: true };
}

/**
 * Checks for an update once when allowed (the updater downloads it and notifies, installing on quit); a failure
 * (offline, feed down) is logged, never fatal. `loadUpdater` is only called when a check happens, so a build
 * without a feed never even loads electron-updater.
 */
export async function startUpdates(
  loadUpdater: () => Promise<Updater>,
  situation: UpdateSituation,
  log: (line: string) => void = () => {},
): Promise<UpdateDecision> {
  const decision = updateDecision(situation);
  if (!decision.check) {
    log(`updates: off (${decision.reason})`);
    return decision;
  }
  try {
    const updater = await loadUpdater();
    if (decision.channel) updater.channel = decision.channel;
    await updater.checkForUpdatesAndNotify();
  } catch (err) {
    log(`updates: the check failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  return decision;
}

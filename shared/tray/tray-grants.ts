/**
 * The tray's grants from a `grants:list` answer, so a window can show the very tray model the desktop tray shows.
 * The answer's `remainingSeconds` was counted on Azure's clock when it was made; the offset it implies is what the
 * grant store's `azureOffsetMs` measures, so {@link trayModel} counts down exactly as the panel's own countdown does.
 */
import type { TrayGrant } from './tray-model';

/** What a `grants:list` grant gives the tray. */
export interface ListedGrant {
  vmId: string;
  vmName: string;
  port: number;
  endTimeUtc: string;
  remainingSeconds: number;
  /** Requested by this account: the tray lists the grants this app holds, not a colleague's. */
  mine: boolean;
}

/** The tray's grants from an answer that arrived at `answeredAtMs` (local clock); a colleague's are left out. */
export function trayGrantsFromList(grants: readonly ListedGrant[], answeredAtMs: number): TrayGrant[] {
  return grants
    .filter((g) => g.mine)
    .map((g) => ({
      vmId: g.vmId,
      vmName: g.vmName,
      port: g.port,
      endTimeUtc: g.endTimeUtc,
      // Azure's "now" when the answer was made, minus the local one: the end time stays Azure's own.
      azureOffsetMs: Date.parse(g.endTimeUtc) - g.remainingSeconds * 1000 - answeredAtMs,
    }));
}

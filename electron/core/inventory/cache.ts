/**
 * The last inventory per account and cloud, in the config dir: written atomically (write-file-atomic), versioned,
 * private (0600). It holds what `vms` shows — no token, no secret. A file that is corrupt, of another version or of
 * another account is ignored (the next read replaces it).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { InventorySnapshot } from './inventory';

/** The cache format's version; a file of any other version is ignored. */
export const INVENTORY_CACHE_VERSION = 1;

/** Whose inventory, where. */
export interface InventoryCacheKey {
  /** The config dir (DESIGN.md §5; `--config-dir`). */
  configDir: string;
  /** The signed-in account (e.g. MSAL's homeAccountId). */
  account: string;
  /** The cloud (its name and ARM endpoint, so two profiles never share a file). */
  cloud: string;
}

interface CacheFile {
  version: number;
  account: string;
  cloud: string;
  savedAt: string;
  snapshot: InventorySnapshot;
}

/** The file of one account and cloud: `<configDir>/inventory/<hash>.json` (the hash keeps names out of paths). */
export function inventoryCachePath(key: InventoryCacheKey): string {
  const hash = createHash('sha256').update(`${key.account}\n${key.cloud}`).digest('hex').slice(0, 32);
  return join(key.configDir, 'inventory', `${hash}.json`);
}

/** The cached inventory, or undefined when there is none or it cannot be used. */
export function readInventoryCache(
  key: InventoryCacheKey,
): { snapshot: InventorySnapshot; savedAt: string } | undefined {
  let doc: CacheFile;
  try {
    doc = JSON.parse(readFileSync(inventoryCachePath(key), 'utf8')) as CacheFile;
  } catch {
    return undefined;
  }
  const s = doc?.snapshot;
  if (
    doc?.version !== INVENTORY_CACHE_VERSION ||
    doc.account !== key.account ||
    doc.cloud !== key.cloud ||
    !Array.isArray(s?.vms) ||
    !Array.isArray(s.problems) ||
    !Array.isArray(s.subscriptions) ||
    !Array.isArray(s.tenants)
  )
    return undefined;
  return { snapshot: s, savedAt: doc.savedAt };
}

/** Saves the inventory atomically (a reader never sees half a file). */
export async function writeInventoryCache(key: InventoryCacheKey, snapshot: InventorySnapshot): Promise<void> {
  const file = inventoryCachePath(key);
  mkdirSync(join(key.configDir, 'inventory'), { recursive: true, mode: 0o700 });
  const doc: CacheFile = {
    version: INVENTORY_CACHE_VERSION,
    account: key.account,
    cloud: key.cloud,
    savedAt: new Date().toISOString(),
    snapshot,
  };
  await writeFileAtomic(file, JSON.stringify(doc), { mode: 0o600 });
}

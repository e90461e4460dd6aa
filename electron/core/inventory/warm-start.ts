/**
 * The inventory as a command asks for it: from the cache at once when there is one (then refreshed in the
 * background), or read fresh (`refresh: true`, or no cache yet) and saved.
 */
import { readInventoryCache, writeInventoryCache, type InventoryCacheKey } from './cache';
import { carryOverUnread } from './carry-over';
import { readInventory, type InventoryOptions, type InventorySnapshot } from './inventory';

/** Options: the inventory's, plus where its cache is. */
export interface LoadInventoryOptions extends InventoryOptions {
  cache: InventoryCacheKey;
  /** Read fresh even when a cache exists (`vms --refresh`). */
  refresh?: boolean;
  /** After a cached answer, refresh in the background (default true). */
  refreshInBackground?: boolean;
  /** After a cached answer, the background refresh starts when this resolves (default: at once); none if it rejects. */
  refreshAfter?: () => Promise<unknown>;
}

/** An inventory answer and where it came from. */
export interface InventoryAnswer {
  snapshot: InventorySnapshot;
  fromCache: boolean;
  /** When the cached answer was saved. */
  savedAt?: string;
  /**
   * The fresh inventory, once read and saved: the same snapshot for a fresh answer, the background refresh after a
   * cached one (undefined when `refreshInBackground` is false). Its rejection is the caller's to handle.
   */
  refreshed?: Promise<InventorySnapshot>;
}

/**
 * Reads fresh and saves the result in the cache, keeping the previous snapshot's VMs that could not be read this time
 * (`previous` is only asked for when the fresh read had problems: a clean refresh never parses the old cache).
 */
async function readAndSave(
  opts: LoadInventoryOptions,
  previous: () => InventorySnapshot | undefined,
): Promise<InventorySnapshot> {
  const fresh = await readInventory(opts);
  const before = fresh.problems.length ? previous() : undefined;
  const snapshot = before ? carryOverUnread(before, fresh) : fresh;
  await writeInventoryCache(opts.cache, snapshot);
  return snapshot;
}

/** The inventory: cached at once when possible (refreshing in the background), else read fresh and saved. */
export async function loadInventory(opts: LoadInventoryOptions): Promise<InventoryAnswer> {
  const cached = opts.refresh ? undefined : readInventoryCache(opts.cache);
  if (!cached) {
    const snapshot = await readAndSave(opts, () => readInventoryCache(opts.cache)?.snapshot);
    return { snapshot, fromCache: false, refreshed: Promise.resolve(snapshot) };
  }
  const answer: InventoryAnswer = { snapshot: cached.snapshot, fromCache: true, savedAt: cached.savedAt };
  if (opts.refreshInBackground !== false) {
    // A refreshAfter that rejects (the app closing first) means no refresh.
    const again = () => readAndSave(opts, () => cached.snapshot);
    const refreshed = opts.refreshAfter ? opts.refreshAfter().then(again) : again();
    // Not awaited here: keep an unobserved failure from crashing the process; the caller may still await it.
    refreshed.catch(() => {});
    answer.refreshed = refreshed;
  }
  return answer;
}

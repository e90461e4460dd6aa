/**
 * The local grant store in the config dir: `grants.json`, a cache of the grants Azure last showed (Azure is the truth;
 * this lets reminders and "last port" work offline and after a restart), and `grant-history.jsonl`, one line per
 * request with its justification, outcome and a link to the VM's activity log. The CLI and the app share both, so every
 * change happens under one cross-process lock (proper-lockfile) and the cache is replaced atomically (write-file-atomic):
 * a reader sees the old file or the new one, never half of either.
 */
import { appendFile, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { sameId } from '../../../shared/azure/resource-id';
import { AppError } from '../../../shared/errors/app-error';
import type { ResolvedCloud } from '../cloud/cloud';
import {
  grantKey,
  sameGrant,
  type FailureInfo,
  type GrantOutcome,
  type HistoryEntry,
  type RecordInfo,
  type StoredGrant,
} from './grant-types';
import { activityLogUrl, portalHost } from './portal-link';

export {
  grantKey,
  sameGrant,
  type FailureInfo,
  type GrantOutcome,
  type HistoryEntry,
  type RecordInfo,
  type StoredGrant,
} from './grant-types';

interface CacheFile {
  version: 1;
  grants: StoredGrant[];
  /** Reminder keys already shown (`<vm>|<port>|<end>|<lead or expired>`), so no process shows one twice. */
  reminded: string[];
}

/** A holder that stopped refreshing its lock this long ago crashed; recording takes milliseconds. */
const STALE_MS = 10_000;
const LOCK_WAIT_MS = 20_000;

/** The grant cache and request history of one config dir. */
export class GrantStore {
  readonly cacheFile: string;
  readonly historyFile: string;
  private readonly lockFile: string;
  private readonly portal: string;

  constructor(
    readonly configDir: string,
    opts: { cloud?: ResolvedCloud } = {},
  ) {
    this.cacheFile = join(configDir, 'grants.json');
    this.historyFile = join(configDir, 'grant-history.jsonl');
    this.lockFile = join(configDir, 'grants.lock');
    this.portal = portalHost(opts.cloud);
  }

  /** Records a granted request: a history line, and the grant in the cache (replacing that VM and port's). */
  async record(grant: StoredGrant, info: RecordInfo = {}): Promise<void> {
    const stored: StoredGrant = {
      ...grant,
      ...(info.tenantId ? { tenantId: info.tenantId } : {}),
      ...(info.policyId ? { policyId: info.policyId } : {}),
      ...(info.justification ? { justification: info.justification } : {}),
    };
    await this.locked(async () => {
      await this.append(
        this.entry(info.kind ?? 'request', stored, 'granted', {
          ...(info.justification ? { justification: info.justification } : {}),
          ...(info.requestId ? { requestId: info.requestId } : {}),
        }),
        stored.tenantId,
      );
      const cache = await this.readCache();
      cache.grants = cache.grants.filter((g) => grantKey(g) !== grantKey(stored));
      cache.grants.push(stored);
      await this.writeCache(cache);
    });
  }

  /** Records a request that failed, with the error's code and message. */
  async recordFailure(info: FailureInfo): Promise<void> {
    await this.locked(() =>
      this.append(
        {
          at: new Date().toISOString(),
          kind: info.kind ?? 'request',
          vmId: info.vmId,
          vmName: info.vmName,
          port: info.port,
          ...(info.source ? { source: info.source } : {}),
          ...(info.justification ? { justification: info.justification } : {}),
          outcome: 'failed',
          errorCode: info.error.code,
          message: info.error.message,
          ...(info.requestId ? { requestId: info.requestId } : {}),
          activityLog: '',
        },
        info.tenantId,
      ),
    );
  }

  /**
   * Records what became of a grant (replaced by someone's newer request, or expired) — once per grant and outcome —
   * and drops it from the cache.
   */
  async recordOutcome(
    grant: StoredGrant,
    outcome: 'replaced' | 'expired',
    detail: { replacedBy?: string } = {},
  ): Promise<boolean> {
    return this.locked(async () => {
      const known = (await this.history()).some(
        (h) =>
          h.kind === 'outcome' &&
          h.outcome === outcome &&
          h.endTimeUtc !== undefined &&
          sameGrant({ vmId: h.vmId, port: h.port, endTimeUtc: h.endTimeUtc }, grant),
      );
      if (!known) await this.append(this.entry('outcome', grant, outcome, detail), grant.tenantId);
      const cache = await this.readCache();
      const left = cache.grants.filter((g) => !sameGrant(g, grant));
      if (left.length !== cache.grants.length) await this.writeCache({ ...cache, grants: left });
      return !known;
    });
  }

  /**
   * Replaces the cached grants that `covers` accepts (default: all) with what Azure shows now; the others stay (their
   * policy could not be read this time).
   */
  async replaceCached(grants: StoredGrant[], covers: (g: StoredGrant) => boolean = () => true): Promise<void> {
    await this.locked(async () => {
      const cache = await this.readCache();
      // Keep what Azure does not say (the justification, the dial address chosen at connect).
      const merged = grants.map((g) => ({ ...cache.grants.find((c) => sameGrant(c, g)), ...g }));
      // An ended grant stays until the reminder owner has said it ended (it then forgets it).
      const now = Date.now();
      const kept = cache.grants.filter(
        (c) => (!covers(c) || Date.parse(c.endTimeUtc) <= now) && !merged.some((g) => grantKey(g) === grantKey(c)),
      );
      await this.writeCache({ ...cache, grants: [...kept, ...merged] });
    });
  }

  /** The cached grants (as last recorded or read from Azure). */
  async cached(): Promise<StoredGrant[]> {
    return (await this.readCache()).grants;
  }

  /** The port last granted for a VM (newest history line first), or undefined. */
  async lastPortFor(vmId: string): Promise<number | undefined> {
    const lines = await this.history();
    for (let i = lines.length - 1; i >= 0; i--) {
      const h = lines[i]!;
      if (h.outcome === 'granted' && sameId(h.vmId, vmId)) return h.port;
    }
    return undefined;
  }

  /** Every history line, oldest first (a line torn by a crash mid-write is skipped). */
  async history(): Promise<HistoryEntry[]> {
    let text: string;
    try {
      text = await readFile(this.historyFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const out: HistoryEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as HistoryEntry);
      } catch {
        /* torn line */
      }
    }
    return out;
  }

  /** The reminder keys already shown. */
  async reminded(): Promise<Set<string>> {
    return new Set((await this.readCache()).reminded);
  }

  /**
   * Marks reminder keys as shown and returns those not shown before (so two processes cannot both show one); keys of
   * grants no longer cached are pruned.
   */
  async markReminded(keys: string[]): Promise<string[]> {
    return this.locked(async () => {
      const cache = await this.readCache();
      const had = new Set(cache.reminded);
      const fresh = keys.filter((k) => !had.has(k));
      if (fresh.length === 0) return [];
      await this.writeCache({ ...cache, reminded: [...cache.reminded, ...fresh] });
      return fresh;
    });
  }

  /** A token that changes whenever the cache file is rewritten (another process recorded or extended a grant). */
  async cacheVersion(): Promise<string> {
    try {
      const st = await stat(this.cacheFile);
      return `${st.mtimeMs}|${st.size}|${st.ino}`;
    } catch {
      return 'none';
    }
  }

  /** Drops a grant from the cache (it ended and its expiry was shown). */
  async forget(grant: StoredGrant): Promise<void> {
    await this.locked(async () => {
      const cache = await this.readCache();
      const prefix = `${grantKey(grant)}|${Date.parse(grant.endTimeUtc)}|`;
      await this.writeCache({
        ...cache,
        grants: cache.grants.filter((g) => !sameGrant(g, grant)),
        reminded: cache.reminded.filter((k) => !k.startsWith(prefix)),
      });
    });
  }

  private entry(
    kind: HistoryEntry['kind'],
    g: StoredGrant,
    outcome: GrantOutcome,
    extra: Partial<HistoryEntry>,
  ): HistoryEntry {
    return {
      at: new Date().toISOString(),
      kind,
      vmId: g.vmId,
      vmName: g.vmName,
      port: g.port,
      source: g.source,
      outcome,
      startTimeUtc: g.startTimeUtc,
      endTimeUtc: g.endTimeUtc,
      ...(g.requestor ? { requestor: g.requestor } : {}),
      ...extra,
      activityLog: '',
    };
  }

  /** Appends one line (a single write: with O_APPEND it never interleaves with another writer's line). */
  private async append(entry: HistoryEntry, tenantId: string | undefined): Promise<void> {
    const line = { ...entry, activityLog: activityLogUrl(this.portal, entry.vmId, tenantId) };
    await appendFile(this.historyFile, `${JSON.stringify(line)}\n`, { mode: 0o600 });
  }

  private async readCache(): Promise<CacheFile> {
    try {
      const raw = JSON.parse(await readFile(this.cacheFile, 'utf8')) as Partial<CacheFile>;
      return {
        version: 1,
        grants: Array.isArray(raw.grants) ? raw.grants : [],
        reminded: Array.isArray(raw.reminded) ? raw.reminded : [],
      };
    } catch {
      // Missing or unreadable: it is only a cache, Azure has the truth.
      return { version: 1, grants: [], reminded: [] };
    }
  }

  private async writeCache(cache: CacheFile): Promise<void> {
    await writeFileAtomic(this.cacheFile, `${JSON.stringify(cache, null, 2)}\n`, { mode: 0o600 });
  }

  /** Runs `fn` holding the store's cross-process lock. */
  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    await mkdir(this.configDir, { recursive: true, mode: 0o700 });
    let release: () => Promise<void>;
    try {
      release = await lock(this.lockFile, {
        realpath: false, // only a name for the lock
        stale: STALE_MS,
        retries: { retries: LOCK_WAIT_MS / 20, minTimeout: 5, maxTimeout: 40, randomize: true },
      });
    } catch (err) {
      throw new AppError({
        code: 'internal',
        message: `The grant store in ${this.configDir} stayed locked: ${(err as Error).message}`,
        fix: 'Another JIT Connect process is writing it; try again.',
      });
    }
    try {
      return await fn();
    } finally {
      await release().catch(() => undefined);
    }
  }
}

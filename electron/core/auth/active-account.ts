/**
 * The active account of a config dir: which of the token cache's accounts the session uses, as its MSAL
 * `homeAccountId` in a small file (0600, replaced atomically; no token in it). Missing or unreadable: none chosen.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountInfo } from '@azure/msal-node';
import writeFileAtomic from 'write-file-atomic';

/** The pointer file's path in `configDir`. */
export function activeAccountPath(configDir: string): string {
  return join(configDir, 'active-account.json');
}

/** The active account's `homeAccountId`, or undefined when none was chosen (or the file is not ours). */
export async function readActiveAccount(configDir: string): Promise<string | undefined> {
  try {
    const data = JSON.parse(await readFile(activeAccountPath(configDir), 'utf8')) as { homeAccountId?: unknown };
    return typeof data.homeAccountId === 'string' ? data.homeAccountId : undefined;
  } catch {
    // No file yet, or a damaged one: the session falls back to the cache's first account.
    return undefined;
  }
}

/** Makes `homeAccountId` the active account; undefined removes the pointer. */
export async function writeActiveAccount(configDir: string, homeAccountId: string | undefined): Promise<void> {
  if (homeAccountId === undefined) return rm(activeAccountPath(configDir), { force: true });
  await writeFileAtomic(activeAccountPath(configDir), `${JSON.stringify({ homeAccountId })}\n`, { mode: 0o600 });
}

/**
 * The active account's pointer: in the config dir when `onDisk` (several accounts kept across restarts); else in
 * memory (one account has no choice to remember, and a memory-only cache leaves nothing on disk).
 */
export class ActivePointer {
  private id: string | undefined;

  constructor(
    private readonly configDir: string,
    private readonly onDisk: boolean,
  ) {}

  /** The active account's `homeAccountId`, if one was chosen. */
  async read(): Promise<string | undefined> {
    return this.onDisk ? readActiveAccount(this.configDir) : this.id;
  }

  /** Chooses `id` (undefined: none). */
  async write(id: string | undefined): Promise<void> {
    if (this.onDisk) await writeActiveAccount(this.configDir, id);
    else this.id = id;
  }
}

/** One entry per person: MSAL lists an account once per tenant it has tokens for (a guest tenant's too). */
export function onePerPerson(accounts: AccountInfo[]): AccountInfo[] {
  const byId = new Map<string, AccountInfo>();
  // The first entry is the one MSAL saved first (the tenant signed in to), as a single account always used.
  for (const a of accounts) if (!byId.has(a.homeAccountId)) byId.set(a.homeAccountId, a);
  return [...byId.values()];
}

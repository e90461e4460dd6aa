/**
 * The active account of a config dir: which of the token cache's accounts the session uses, as its MSAL
 * `homeAccountId` in a small file (0600, replaced atomically; no token in it). Missing or unreadable: none chosen.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
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

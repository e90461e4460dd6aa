/**
 * A cross-process lock around MSAL's persistence check. That check writes, reads back and deletes one fixed keychain
 * entry and one fixed `test.cache` file shared by every process, so two processes starting together (the CLI beside
 * the app) would fail each other's check although the keychain works. proper-lockfile: an atomic mkdir, refreshed
 * while held, taken over when its holder stopped refreshing it (crashed).
 */
import { lock } from 'proper-lockfile';

/** A holder that has not refreshed the lock for this long is considered gone (the check takes milliseconds). */
const STALE_MS = 10_000;
const RETRY_MS = 25;

/** Runs `fn` while holding the lock on `path`; gives up waiting after `timeoutMs` and runs it anyway. */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const release = await lock(path, {
    realpath: false, // the path is only a name for the lock; it need not exist
    stale: STALE_MS,
    retries: { retries: Math.ceil(timeoutMs / RETRY_MS), minTimeout: RETRY_MS, maxTimeout: RETRY_MS, factor: 1 },
  }).catch(() => undefined); // not taken in time, or an unwritable dir: the check itself will say why
  try {
    return await fn();
  } finally {
    await release?.().catch(() => undefined);
  }
}

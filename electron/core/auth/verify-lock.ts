/**
 * A cross-process lock around MSAL's persistence check. That check writes, reads back and deletes one fixed keychain
 * entry and one fixed `test.cache` file shared by every process, so two processes starting together (the CLI beside
 * the app) fail each other's check although the keychain works. Hand-made because no lock package is a dependency
 * and msal-node-extensions does not export its own CrossPlatformLock; it follows that lock's design: an exclusive
 * create of a lock file holding the pid, retried, and taken over when its holder is gone or it is stale.
 */
import { open, readFile, rm, stat } from 'node:fs/promises';

/** A holder that has not finished within this long is considered dead (the check takes milliseconds). */
const STALE_MS = 10_000;
const RETRY_MS = 25;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `fn` while holding the lock file `path`; gives up waiting after `timeoutMs` and runs it anyway. */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let held = false;
  while (!held) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      held = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') break; // an unwritable dir: the check will say why
      const holder = Number(await readFile(path, 'utf8').catch(() => ''));
      const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: 0 }));
      if ((holder && !alive(holder)) || Date.now() - mtimeMs > STALE_MS) await rm(path, { force: true });
      else if (Date.now() > deadline) break;
      else await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }
  try {
    return await fn();
  } finally {
    if (held) await rm(path, { force: true });
  }
}

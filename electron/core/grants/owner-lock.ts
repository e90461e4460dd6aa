/**
 * Who reminds: one process at a time per config dir (the CLI and the app never both show a reminder). The owner holds
 * a proper-lockfile lock — an atomic mkdir, refreshed while held and taken over when its holder stops refreshing it
 * (a crash) — and the others try again now and then.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';

/** A holder that has not refreshed the lock for this long is gone (proper-lockfile refreshes at half of it). */
const STALE_MS = 10_000;

/** The reminder-owner lock of one config dir. */
export class OwnerLock {
  private release: (() => Promise<void>) | undefined;

  constructor(
    private readonly configDir: string,
    private readonly onLost: () => void = () => {},
  ) {}

  /** True while this process owns the reminders. */
  get held(): boolean {
    return this.release !== undefined;
  }

  /** Takes the lock if nobody holds it; false when another process does. */
  async tryTake(): Promise<boolean> {
    if (this.release) return true;
    await mkdir(this.configDir, { recursive: true, mode: 0o700 });
    try {
      this.release = await lock(join(this.configDir, 'reminders'), {
        realpath: false,
        lockfilePath: join(this.configDir, 'reminders.lock'),
        stale: STALE_MS,
        retries: 0,
        onCompromised: () => {
          // Another process took it over (we were stalled past `stale`): stop reminding rather than both remind.
          this.release = undefined;
          this.onLost();
        },
      });
      return true;
    } catch {
      return false;
    }
  }

  /** Gives the lock up (another process may take over). */
  async give(): Promise<void> {
    const release = this.release;
    this.release = undefined;
    await release?.().catch(() => undefined);
  }
}

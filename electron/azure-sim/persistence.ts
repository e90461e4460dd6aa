/** `--state-dir`: keeps the signing key, estate, clock offset and revocations between runs (atomic writes). */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimContext } from './context';
import { Estate, type EstateSnapshot } from './model/estate';
import { writeFileAtomic } from './model/atomic-file';
import { newSigningKey, signingKeyFromPem, type SigningKey } from './crypto/jwt';

interface SavedState {
  version: 1;
  clockOffsetMs: number;
  revokedBefore: Array<[string, number]>;
  estate: EstateSnapshot;
}

/** Loads (or creates and saves) the token signing key in `dir`. */
export function loadSigningKey(dir: string | undefined): SigningKey {
  if (!dir) return newSigningKey();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'signing-key.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { kid: string; privateKeyPem: string };
    return signingKeyFromPem(saved.privateKeyPem, saved.kid);
  }
  const key = newSigningKey();
  writeFileAtomic(file, JSON.stringify({ kid: key.kid, privateKeyPem: key.privateKeyPem }), 0o600);
  return key;
}

/** The saved estate and clock, if the directory has them. */
export function loadState(
  dir: string,
): { estate: Estate; clockOffsetMs: number; revokedBefore: Map<string, number> } | undefined {
  const file = join(dir, 'state.json');
  if (!existsSync(file)) return undefined;
  const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedState;
  if (saved.version !== 1) return undefined;
  return {
    estate: Estate.fromSnapshot(saved.estate),
    clockOffsetMs: saved.clockOffsetMs,
    revokedBefore: new Map(saved.revokedBefore),
  };
}

/** Saves the state now. */
export function saveState(dir: string, ctx: SimContext): void {
  const state: SavedState = {
    version: 1,
    clockOffsetMs: ctx.clock.offset,
    revokedBefore: [...ctx.revokedBefore],
    estate: ctx.estate.snapshot(),
  };
  writeFileAtomic(join(dir, 'state.json'), JSON.stringify(state), 0o600);
}

/** Saves shortly after each change (coalescing bursts); `flush` saves at once if anything is pending. */
export class StateSaver {
  private saved = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dir: string,
    private readonly ctx: SimContext,
  ) {
    this.timer = setInterval(() => this.flush(), 250);
    this.timer.unref();
  }

  flush(): void {
    const v = `${this.ctx.estate.version}|${this.ctx.clock.offset}|${[...this.ctx.revokedBefore.values()].join(',')}`;
    if (v === this.saved) return;
    saveState(this.dir, this.ctx);
    this.saved = v;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.flush();
  }
}

/** The address map of the last run (`"<ip>:<port>"` → `"127.0.0.1:<gate port>"`), so gate ports stay stable. */
export function loadAddressMap(dir: string | undefined): Record<string, string> {
  const file = dir && join(dir, 'address-map.json');
  if (!file || !existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** Saves the address map. */
export function saveAddressMap(dir: string, map: Record<string, string>): void {
  writeFileAtomic(join(dir, 'address-map.json'), JSON.stringify(map), 0o600);
}

/**
 * Runs auth-worker processes against a real gnome-keyring on a private D-Bus session (fresh HOME and
 * XDG_RUNTIME_DIR, nothing shared with the user's keyring), or with no D-Bus at all, and collects their JSON lines.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { FABRIKAM } from '../../../../electron/azure-sim/seeds/fabrikam';
import { exited } from '../../../fixtures/child';
import { tempDir } from '../../../fixtures/sim';

const WORKER = join(import.meta.dirname, 'fixtures', 'auth-worker.ts');

/** One worker's answer. */
export type WorkerResult = Record<string, unknown> & { ok: boolean; warnings: string[] };

/** A place for one scenario: its config dir, temp dir and profile file. */
export interface Scenario {
  configDir: string;
  tmp: string;
  profileFile: string;
}

/** Makes the dirs and writes the simulator's profile where workers read it. */
export function scenario(sim: Simulator): Scenario {
  const root = tempDir('jit-keyring-');
  const configDir = join(root, 'config');
  const tmp = join(root, 'tmp');
  mkdirSync(configDir, { mode: 0o700 });
  mkdirSync(tmp);
  const profileFile = join(root, 'profile.json');
  writeFileSync(profileFile, JSON.stringify(sim.profile));
  return { configDir, tmp, profileFile };
}

/** A shell word for one worker call whose stdout goes to `$OUT/<label>`. */
export function worker(s: Scenario, label: string, op: string, rounds?: number): string {
  const args = [op, s.configDir, s.profileFile, ...(rounds ? [String(rounds)] : [])].map((a) => `'${a}'`);
  return `node --import tsx '${WORKER}' ${args.join(' ')} > "$OUT/${label}"`;
}

/**
 * Runs `script` (shell, with `$OUT` set) and returns the workers' outputs by label, plus everything printed on
 * stderr (the "log" the leak scan reads). `unlocked` starts an unlocked gnome-keyring on a private D-Bus session
 * first; `locked` gives a private D-Bus session where the keyring starts on demand but cannot be unlocked (no
 * prompt without a display); `none` runs with no D-Bus session bus at all.
 */
export async function run(
  s: Scenario,
  script: string,
  keyring: 'unlocked' | 'locked' | 'none',
): Promise<{ results: Record<string, WorkerResult>; log: string }> {
  const out = join(s.tmp, '..', 'out');
  mkdirSync(out, { recursive: true });
  const home = tempDir('jit-keyring-home-');
  const runtime = tempDir('jit-keyring-run-');
  const { DBUS_SESSION_BUS_ADDRESS: _bus, DISPLAY: _display, ...base } = process.env;
  const env = {
    ...base,
    HOME: home,
    XDG_RUNTIME_DIR: runtime,
    TMPDIR: s.tmp,
    OUT: out,
    GUEST_TENANT: FABRIKAM.tenantId,
  };
  const unlock = 'printf pw | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null';
  const child =
    keyring === 'none'
      ? spawn('sh', ['-ec', script], { env })
      : spawn('dbus-run-session', ['--', 'sh', '-ec', keyring === 'unlocked' ? `${unlock}\n${script}` : script], {
          env,
        });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const { code } = await exited(child, 90_000, 'the keyring scenario');
  if (code !== 0) throw new Error(`the keyring scenario failed (${code}): ${log}`);
  const results: Record<string, WorkerResult> = {};
  for (const label of readdirSync(out)) {
    const text = readFileSync(join(out, label), 'utf8');
    // A `secret-…` answer is the keychain entry itself, read for the leak scan: not part of the log, not kept.
    if (label.startsWith('secret-')) unlinkSync(join(out, label));
    else log += text;
    results[label] = JSON.parse(text) as WorkerResult;
  }
  return { results, log };
}

/** The per-user configuration folder, by each OS's convention, created private (0700). */
import { chmodSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the config dir is, before any override: `%APPDATA%\\JIT Connect`, `~/Library/Application Support/JIT Connect`, `$XDG_CONFIG_HOME/jit-connect`. */
export function defaultConfigDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'JIT Connect');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'JIT Connect');
  const xdg = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(xdg, 'jit-connect');
}

/** Creates `dir` (and parents) if needed and makes it private to the user; returns it. */
export function ensureConfigDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
  return dir;
}

/**
 * Opens the shell's URL in Debian's Chromium as an app window (`--app=URL`) with a private, throwaway profile, so
 * the user's own browser profile, extensions and cookies never see the app. Argv only, no shell. Without Chromium,
 * the URL is printed for the user to open.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian and Ubuntu put Chromium. */
export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The ports openInChromium uses (real ones by default; fakes in tests). */
export interface OpenDeps {
  exists(path: string): boolean;
  spawn(cmd: string, args: string[]): Pick<ChildProcess, 'unref' | 'on'>;
  makeProfileDir(): string;
  print(line: string): void;
}

const realDeps: OpenDeps = {
  exists: existsSync,
  spawn: (cmd, args) => spawn(cmd, args, { stdio: 'ignore', detached: true }),
  // mkdtemp makes the folder 0700: other users cannot read the profile.
  makeProfileDir: () => mkdtempSync(join(tmpdir(), 'jit-connect-chromium-')),
  print: (line) => process.stdout.write(`${line}\n`),
};

/** The argv for an app-mode window on `url` with the profile in `profileDir`. */
export function chromiumArgs(url: string, profileDir: string): string[] {
  return [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-sync',
  ];
}

/** Opens `url` in Chromium's app mode when installed; else prints it. Says which it did. */
export function openInChromium(url: string, deps: Partial<OpenDeps> = {}): 'chromium' | 'printed' {
  const d = { ...realDeps, ...deps };
  const exe = CHROMIUM_PATHS.find((p) => d.exists(p));
  if (!exe) {
    d.print(`Open JIT Connect in a browser: ${url}`);
    return 'printed';
  }
  const child = d.spawn(exe, chromiumArgs(url, d.makeProfileDir()));
  // A failed start (a broken install) falls back to printing: the user can still open the URL.
  child.on('error', () => d.print(`Chromium did not start; open JIT Connect in a browser: ${url}`));
  child.unref();
  return 'chromium';
}
